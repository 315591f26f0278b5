import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import {
  demoProviders,
  importProviders,
  toProviderCsv,
  type ProviderCsvProblem,
  type ProviderImportOutcome,
} from '../directory/index.ts';
import { fail, readStdin, withContext } from './context.ts';

/** A bad CSV is the operator's to fix: exit 2, not 1, so a script can tell it from other failures. */
const EXIT_BAD_CSV = 2;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function providerProblemsText(problems: readonly ProviderCsvProblem[]): string {
  const lines = problems.map((p) => `  row ${p.row}, ${p.field}: ${p.message}`);
  return `The provider file has ${plural(problems.length, 'problem')}; nothing was imported.\n${lines.join('\n')}\n`;
}

export function providerImportText(outcome: Extract<ProviderImportOutcome, { kind: 'ok' }>): string {
  const providers = outcome.created.length + outcome.updated.length;
  return `${plural(outcome.rows, 'row')} for ${plural(providers, 'provider')}: ${outcome.created.length} new, ${outcome.updated.length} updated. Imported in one transaction, audited.\n`;
}

async function readCsv(file: string): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch {
    return fail(`FILE: cannot read ${file}`);
  }
}

export function directoryCommands(): Command {
  const directory = new Command('directory').description('The resource directory: providers of services for victims');
  directory
    .command('import')
    .description('Import providers, their services and areas from a CSV; all or nothing; exits 2 listing every problem')
    .argument('<file>', 'the CSV file, or - for standard input')
    .action(async (file: string) => {
      const csv = await readCsv(file);
      process.exitCode = await withContext(async ({ database }) => {
        const outcome = await importProviders({ db: database.db }, { kind: 'system', label: 'cli directory import' }, csv);
        if (outcome.kind === 'invalid') {
          process.stderr.write(providerProblemsText(outcome.problems));
          return EXIT_BAD_CSV;
        }
        process.stdout.write(providerImportText(outcome));
        return 0;
      });
    });
  directory
    .command('demo-csv')
    .description('Print the synthetic demo directory (every state, D.C. and Puerto Rico) as an import CSV')
    .action(() => {
      process.stdout.write(toProviderCsv(demoProviders()));
    });
  return directory;
}
