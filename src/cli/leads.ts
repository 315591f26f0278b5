import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { AnalyzeSummary, ImportSummary } from '../leads/index.ts';
import { fail, withContext } from './context.ts';

const count = (option: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${option} must be a whole number of at least 1`);
  return n;
};

async function extraLexicon(file: string | undefined) {
  if (!file) return undefined;
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { entries?: unknown; sources?: unknown };
    if (!Array.isArray(data.entries)) fail('--lexicon-extra: the file needs an "entries" array');
    return { entries: data.entries as unknown[], sources: Array.isArray(data.sources) ? (data.sources as unknown[]) : [] };
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('--lexicon-extra')) throw err;
    return fail(`--lexicon-extra: cannot read ${file} as JSON`);
  }
}

export function summaryText(s: AnalyzeSummary): string {
  return (
    `${s.adverts.toLocaleString('en-US')} adverts analysed into ${s.networks.toLocaleString('en-US')} networks ` +
    `(${s.linkedNetworks.toLocaleString('en-US')} with more than one advert); ${s.hubs.length} hub identifier(s) not used for linking; ` +
    `${s.skipped.toLocaleString('en-US')} line(s) skipped.\n`
  );
}

interface AnalyzeFlags {
  input: string;
  output: string;
  hubs?: string;
  allow?: string;
  hubsOut?: string;
  movement?: string;
  lexiconExtra?: string;
  workers?: number;
  hubMinAdverts?: number;
  hubMinCities?: number;
  hubMinSites?: number;
}

export function leadsCommands(): Command {
  const leads = new Command('leads').description('Open-source advert leads');
  leads
    .command('analyze')
    .description(
      'Extract identifiers, flag indicators and link adverts into networks; no database needed. Bad lines are reported and skipped; the exit code is 1 only when a file cannot be read or written',
    )
    .requiredOption(
      '--input <file>',
      'adverts, one JSON object a line (id, url, site, posted_at, city, state, title, body, images or pdq)',
    )
    .requiredOption('--output <file>', 'one JSON line per advert, in input order')
    .option('--hubs <file>', 'identifier keys always treated as hubs, one a line (e.g. tel:+18005550199)')
    .option('--allow <file>', 'identifier keys never treated as hubs, one a line')
    .option('--hubs-out <file>', 'write the hubs found, with their reason, as JSON lines')
    .option('--movement <file>', "write each network's and identifier's timeline of places as JSON lines")
    .option('--lexicon-extra <file>', 'analysts\' lexicon entries to add: {"entries": [...], "sources": [...]}')
    .option('--workers <n>', 'worker threads (default: one per core)', count('--workers'))
    .option('--hub-min-adverts <n>', 'a key is a candidate hub above this many adverts (default 50)', count('--hub-min-adverts'))
    .option('--hub-min-cities <n>', '...and a hub when its adverts span this many cities (default 15)', count('--hub-min-cities'))
    .option('--hub-min-sites <n>', '...or this many sites (default 6)', count('--hub-min-sites'))
    .action(async (o: AnalyzeFlags) => {
      // Loaded on use: the other commands need none of the leads code.
      const { analyzeFile, UnreadableInput } = await import('../leads/index.ts');
      try {
        const summary = await analyzeFile({
          input: o.input,
          output: o.output,
          hubsFile: o.hubs,
          allowFile: o.allow,
          hubsOut: o.hubsOut,
          movementOut: o.movement,
          extraLexicon: await extraLexicon(o.lexiconExtra),
          workers: o.workers,
          minAdverts: o.hubMinAdverts,
          minCities: o.hubMinCities,
          minSites: o.hubMinSites,
          stderr: process.stderr,
        });
        process.stderr.write(summaryText(summary));
      } catch (err) {
        if (err instanceof UnreadableInput) fail(err.message);
        throw err;
      }
    });
  leads
    .command('import')
    .description(
      'Store adverts in the database, link the new ones into networks and raise leads where they share an identifier with a case or a tip. Adverts already stored (same id) are skipped, so an interrupted import can simply be run again',
    )
    .argument(
      '<file>',
      'adverts: JSON lines, or CSV with a header row (the same fields as analyze; several images or pdq hashes separated by ";")',
    )
    .addOption(new Option('--format <format>', 'input format').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--workers <n>', 'extraction worker threads (default: one per core)', count('--workers'))
    .addOption(
      new Option(
        '--priority <priority>',
        'scheduling priority of the extraction threads: low yields the CPU to people using Beacon',
      )
        .choices(['low', 'normal'])
        .default('low'),
    )
    .action(async (file: string, o: { format: 'jsonl' | 'csv'; workers?: number; priority: 'low' | 'normal' }) => {
      const { importAdverts, UnreadableImport } = await import('../leads/index.ts');
      const { leadsDepsOf } = await import('../modules.ts');
      await withContext(async ({ database, keyring }) => {
        try {
          const summary = await importAdverts(leadsDepsOf({ db: database.db, keyring }), {
            input: file,
            format: o.format,
            workers: o.workers,
            priority: o.priority,
            stderr: process.stderr,
          });
          process.stdout.write(importText(summary));
        } catch (err) {
          if (err instanceof UnreadableImport) fail(err.message);
          throw err;
        }
      });
    });
  leads
    .command('match')
    .description(
      'Match every stored advert again against the identifiers of cases and tips (for cases and tips added after their adverts); dismissed matches stay dismissed',
    )
    .action(async () => {
      const { matchAll } = await import('../leads/index.ts');
      const { leadsDepsOf } = await import('../modules.ts');
      await withContext(async ({ database, keyring }) => {
        const raised = await matchAll(leadsDepsOf({ db: database.db, keyring }));
        process.stdout.write(`${raised.toLocaleString('en-US')} new lead(s).\n`);
      });
    });
  return leads;
}

export function importText(s: ImportSummary): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return (
    `${n(s.inserted)} adverts stored, ${n(s.duplicates)} already present, ${n(s.skipped)} line(s) skipped; ` +
    `${n(s.link.linked)} linked (${n(s.link.newNetworks)} new networks, ${s.link.merges.length} merge(s)); ${n(s.leads)} new lead(s).\n`
  );
}
