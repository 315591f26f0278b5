import { Command } from 'commander';
import { reindexCases, retentionReview, type RetentionReport } from '../cases/index.ts';
import { fail, withContext } from './context.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** References, dates and counts only: what a case held is never printed. */
export function retentionText(report: RetentionReport, apply: boolean): string {
  const lines = [
    `Closed cases are kept ${plural(report.years, 'year')} after closing (BEACON_CASE_RETENTION_YEARS).`,
    `${plural(report.candidates.length, 'case')} closed before ${day(report.cutoff)} ${apply ? 'were due' : 'would be purged'}.`,
  ];
  for (const c of report.candidates) {
    const n = c.counts;
    lines.push(
      `  ${c.reference}  closed ${day(c.closedAt)}  ${plural(n.episodes, 'episode')}, ${plural(n.observations, 'observation')}, ${plural(n.tasks, 'task')}, ${plural(n.notes, 'note')}, ${plural(n.links, 'link')}`,
    );
  }
  if (apply) {
    lines.push(
      `Purged ${plural(report.purged.length, 'case')}${report.purged.length < report.candidates.length ? ` (${report.candidates.length - report.purged.length} changed meanwhile and were left)` : ''}; each purge is in the audit log.`,
    );
  } else if (report.candidates.length > 0) {
    lines.push('Nothing was deleted (dry run). Run again with --apply to purge them.');
  }
  return `${lines.join('\n')}\n`;
}

export function casesCommands(): Command {
  const cases = new Command('cases').description('Cases of missing children');
  cases
    .command('retention')
    .description('List closed cases older than the retention period (dry run, the default), or purge them with --apply')
    .option('--dry-run', 'only list what would be purged (the default)')
    .option('--apply', 'purge the listed cases, each in its own transaction, audited')
    .action(async (opts: { dryRun?: boolean; apply?: boolean }) => {
      if (opts.apply && opts.dryRun) fail('--apply and --dry-run: choose one');
      const apply = opts.apply === true;
      await withContext(async ({ config, database }) => {
        const report = await retentionReview(
          { db: database.db },
          { kind: 'system', label: 'cli' },
          { years: config.caseRetentionYears, apply },
        );
        process.stdout.write(retentionText(report, apply));
      });
    });
  cases
    .command('reindex')
    .description('Rebuild the search tokens (names, identifiers) of every case from its encrypted details')
    .action(async () => {
      await withContext(async ({ database, keyring }) => {
        const n = await reindexCases({ db: database.db, keyring });
        process.stdout.write(`Search tokens rebuilt for ${n} cases.\n`);
      });
    });
  return cases;
}
