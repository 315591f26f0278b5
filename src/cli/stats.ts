import { Command } from 'commander';
import { missingEpisodeCounts } from '../cases/index.ts';
import { tipCountsOfYear, tipMonthCounts } from '../intake/index.ts';
import { defaultRules, refreshRollups, releaseTipStatistics, releasedTipYears, type ReleaseOutcome } from '../stats/index.ts';
import { fail, withContext } from './context.ts';
import { statsCountSources } from '../modules.ts';

export function releaseText(out: ReleaseOutcome): string {
  switch (out.kind) {
    case 'released':
      return `Released tip statistics for ${out.year} (version ${out.version}): ${out.figures} figures, ${out.hidden} hidden.\n`;
    case 'unchanged':
      return `Nothing to do: the counts and rules give the same figures as version ${out.version} for ${out.year}.\n`;
    case 'invalid_rules':
      return `${out.problems.join('\n')}\n`;
    case 'unfinished_year':
      return `${out.year} is not over yet; only finished years are released.\n`;
    case 'no_tips':
      return `No tips were received in ${out.year}; nothing to release.\n`;
    case 'counts_changed':
      return `${out.changed} figures of ${out.year} changed since version ${out.version} was released. Publishing new counts beside the old ones would let a reader subtract one from the other; nothing was released.\n`;
  }
}

const wholeNumber = (flag: string) => (value: string) => {
  if (!/^\d+$/.test(value)) fail(`${flag}: must be a whole number`);
  return Number(value);
};

export function statsCommands(): Command {
  const stats = new Command('stats').description('Public statistics, released under disclosure control');
  stats
    .command('release')
    .description(
      'Release the tip figures of a finished year (counts below the threshold hidden, with complementary suppression and an audit)',
    )
    .requiredOption('--year <year>', 'the calendar year (UTC)', wholeNumber('--year'))
    .option('--threshold <k>', 'counts from 1 to k − 1 are never shown (at least 3)', wholeNumber('--threshold'), defaultRules.k)
    .option(
      '--protection <p>',
      'how wide the range of every hidden figure must stay',
      wholeNumber('--protection'),
      defaultRules.protection,
    )
    .action(async (opts: { year: number; threshold: number; protection: number }) => {
      await withContext(async ({ database }) => {
        const deps = { db: database.db, tipCounts: (year: number) => tipCountsOfYear(database.db, year) };
        const out = await releaseTipStatistics(
          deps,
          { kind: 'system', label: 'cli stats release' },
          { year: opts.year, rules: { k: opts.threshold, protection: opts.protection } },
        );
        process.stdout.write(releaseText(out));
        if (out.kind !== 'released' && out.kind !== 'unchanged') process.exitCode = 1;
      });
    });
  stats
    .command('list')
    .description('Years released, with their latest version')
    .action(async () => {
      await withContext(async ({ database }) => {
        const years = await releasedTipYears(database.db);
        const lines = years.map((y) => `${y.year}  version ${y.version}  released ${y.releasedAt.toISOString().slice(0, 10)}`);
        process.stdout.write(`${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${years.length} released years.\n`);
      });
    });
  stats
    .command('refresh')
    .description("Rebuild the staff dashboards' rollups now (the server also refreshes them every five minutes)")
    .action(async () => {
      await withContext(async ({ database, keyring }) => {
        const counts = statsCountSources(keyring);
        const out = await refreshRollups(database.db, { tipMonthCounts, missingEpisodeCounts, counts });
        process.stdout.write(
          `Refreshed the dashboards: ${out.tipRows} rows of tip counts, ${out.missingRows} of missing children, ${out.countRows} of referrals, children and reports.\n`,
        );
      });
    });
  return stats;
}
