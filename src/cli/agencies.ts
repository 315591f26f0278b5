import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { US_STATE_CODES, type UsStateCode } from '../shared/places.ts';
import {
  addAgencyMember,
  demoAgencies,
  importAgencies,
  listAgencies,
  toAgencyCsv,
  type Agency,
  type CsvProblem,
  type ImportOutcome,
} from '../analysis/index.ts';
import { fail, readStdin, withContext } from './context.ts';

/** A bad CSV is the operator's to fix: exit 2, not 1, so a script can tell it from other failures. */
const EXIT_BAD_CSV = 2;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const agencyCount = (n: number) => `${n} ${n === 1 ? 'agency' : 'agencies'}`;

export function problemsText(problems: readonly CsvProblem[]): string {
  const lines = problems.map((p) => `  line ${p.line}, ${p.column}: ${p.message}`);
  return `The agency file has ${plural(problems.length, 'problem')}; nothing was imported.\n${lines.join('\n')}\n`;
}

export function importText(outcome: Extract<ImportOutcome, { kind: 'ok' }>): string {
  const { plan, rows, applied } = outcome;
  const agencies = plan.create.length + plan.update.length + plan.unchanged.length;
  const lines = [
    `${plural(rows, 'row')} for ${agencyCount(agencies)}: ${plan.create.length} new, ${plan.update.length} changed, ${plan.unchanged.length} unchanged.`,
    ...plan.create.map((a) => `  new      ${a.code}  ${a.name} (${plural(a.areas.length, 'area')})`),
    ...plan.update.map(({ after }) => `  changed  ${after.code}  ${after.name} (${plural(after.areas.length, 'area')})`),
    applied ? 'Imported in one transaction; each change is in the audit log.' : 'Nothing was written (dry run).',
  ];
  return `${lines.join('\n')}\n`;
}

const areaText = (a: Agency['areas'][number]) =>
  a.kind === 'state'
    ? `${a.state}`
    : a.kind === 'tribal'
      ? `tribal: ${a.tribalLand}`
      : `${a.kind}: ${a.kind === 'city' ? a.city : a.county}, ${a.state}`;

export function agencyListText(agencies: readonly Agency[]): string {
  const lines = agencies.map(
    (a) =>
      `${a.code.padEnd(24)} ${a.kind.padEnd(16)} ${a.name}${a.active ? '' : ' [inactive]'}  (${a.areas.map(areaText).join('; ')})`,
  );
  return `${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${agencyCount(agencies.length)}.\n`;
}

async function readCsv(file: string | undefined, demo: boolean): Promise<string> {
  if (demo && file) fail('agencies import: give a FILE or --demo, not both');
  if (demo) {
    if (process.env.NODE_ENV === 'production') fail('beacon agencies import --demo is refused when NODE_ENV=production.');
    return toAgencyCsv(demoAgencies());
  }
  if (!file) fail('agencies import: give the CSV FILE (or - for standard input), or --demo');
  if (file === '-') return readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch {
    return fail(`FILE: cannot read ${file}`);
  }
}

export function agenciesCommands(): Command {
  const agencies = new Command('agencies').description('The partner-agency directory (docs/agencies.md)');
  agencies
    .command('import')
    .description('Import agencies and their areas from a CSV; all or nothing; exits 2 listing every problem')
    .argument('[file]', 'the CSV file, or - for standard input')
    .option('--dry-run', 'check the file and print what would change, without writing')
    .option('--demo', 'import the synthetic demo agencies (refused in production)')
    .action(async (file: string | undefined, opts: { dryRun?: boolean; demo?: boolean }) => {
      const csv = await readCsv(file, opts.demo === true);
      const code = await withContext(async ({ database }) => {
        const outcome = await importAgencies({ db: database.db }, { kind: 'system', label: 'cli agencies import' }, csv, {
          dryRun: opts.dryRun === true,
        });
        if (outcome.kind === 'invalid') {
          process.stderr.write(problemsText(outcome.problems));
          return EXIT_BAD_CSV;
        }
        process.stdout.write(importText(outcome));
        return 0;
      });
      process.exitCode = code;
    });
  agencies
    .command('demo-csv')
    .description('Print the synthetic demo agencies as an import CSV')
    .action(() => {
      process.stdout.write(toAgencyCsv(demoAgencies()));
    });
  agencies
    .command('list')
    .description('List agencies, optionally those covering anything in one state')
    .option('--state <code>', 'USPS state or territory code')
    .option('--inactive', 'include inactive agencies')
    .action(async (opts: { state?: string; inactive?: boolean }) => {
      const state = opts.state?.toUpperCase();
      if (state !== undefined && !(US_STATE_CODES as readonly string[]).includes(state))
        fail('--state: not a US state or territory code');
      await withContext(async ({ database }) => {
        const found = await listAgencies(
          { db: database.db },
          { kind: 'system', label: 'cli agencies list' },
          {
            ...(state ? { state: state as UsStateCode } : {}),
            includeInactive: opts.inactive === true,
            limit: 10_000,
          },
        );
        process.stdout.write(agencyListText(found));
      });
    });
  agencies
    .command('members')
    .description('Link partner accounts to their agency')
    .command('add')
    .description('Link a partner account to an agency, so referrals to the agency reach it (audited)')
    .requiredOption('--email <email>', "the partner account's sign-in email")
    .requiredOption('--agency <code>', 'the agency_code from the directory')
    .action(async (opts: { email: string; agency: string }) => {
      await withContext(async ({ database }) => {
        const out = await addAgencyMember(
          { db: database.db },
          { kind: 'system', label: 'cli agencies members add' },
          { staffEmail: opts.email, agencyCode: opts.agency },
        );
        if (out.kind === 'no_such_staff') fail('--email: there is no account with this email');
        if (out.kind === 'not_partner') fail('--email: only partner accounts (role partner) belong to an agency');
        if (out.kind === 'no_such_agency') fail('--agency: there is no agency with this code');
        process.stdout.write(
          out.added
            ? `Linked ${opts.email} to ${opts.agency.toUpperCase()}.\n`
            : `${opts.email} already belongs to ${opts.agency.toUpperCase()}.\n`,
        );
      });
    });
  return agencies;
}
