import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sql } from 'kysely';
import { seededRandom } from '../core/random.ts';
import { countReports, demoTip, submitReport, tipCountsOfYear, tipMonthCounts, type DemoTip } from '../intake/index.ts';
import { demoAdverts, importAdverts, type DemoAdvert, type PlantedNetwork } from '../leads/index.ts';
import { refreshRollups, releaseTipStatistics } from '../stats/index.ts';
import { addAgencyMember, analysePending, analysisDepsOf, demoAgencies, importAgencies, toAgencyCsv } from '../analysis/index.ts';
import { demoProviders, importProviders, toProviderCsv } from '../directory/index.ts';
import {
  addEpisode,
  addObservation,
  createCase,
  decideClose,
  requestClose,
  saveTeam,
  missingEpisodeCounts,
  caseForPlan,
  type CasesDeps,
} from '../cases/index.ts';
import { demoFamilies } from '../family/index.ts';
import { familyCasesPort, leadsDepsOf, statsCountSources } from '../modules.ts';
import type { Random } from '../core/random.ts';
import { countUsers, createStaffUser, ROLES, type StaffActor } from '../security/index.ts';
import { demoPlans, type RecoveryDeps } from '../recovery/index.ts';
import { demoReview } from '../review/index.ts';
import { demoCertificates } from '../training/index.ts';

import { fail, withContext } from './context.ts';

const DAY = 24 * 3600 * 1000;

/** Presets: small for a first look, medium for a busy clearinghouse, large (millions of rows) for the benchmarks. */
export const DEMO_SIZES = {
  small: { tips: 300, cases: 30, lastYearTips: 400, adverts: 2_000, plans: 3 },
  medium: { tips: 5_000, cases: 200, lastYearTips: 5_000, adverts: 20_000, plans: 20 },
  large: { tips: 40_000, cases: 2_000, lastYearTips: 40_000, adverts: 1_500_000, plans: 60 },
} as const;
export type DemoSize = keyof typeof DEMO_SIZES;

function wholeNumber(option: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) fail(`${option}: must be a whole number from 0 to ${max}`);
  return n;
}

interface DemoOptions {
  size: string;
  seed: string;
  tips?: string;
  cases?: string;
  lastYearTips?: string;
  adverts?: string;
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('Fill an empty database with synthetic staff, tips, cases and adverts (refused in production)')
    .option('--size <size>', 'small, medium (tens of thousands of rows) or large (millions, for the benchmarks)', 'small')
    .option('--seed <n>', 'seed for the generated data: the same seed gives the same data', '2026')
    .option('--tips <n>', 'how many tips (overrides the size)')
    .option('--cases <n>', 'how many cases of missing children (overrides the size)')
    .option('--last-year-tips <n>', 'how many tips in the last finished year, whose statistics are then released')
    .option('--adverts <n>', 'how many adverts in the collection (overrides the size)')
    .action(async (opts: DemoOptions) => {
      if (process.env.NODE_ENV === 'production') fail('beacon demo is refused when NODE_ENV=production.');
      if (!(opts.size in DEMO_SIZES)) fail('--size: must be small, medium or large');
      const preset = DEMO_SIZES[opts.size as DemoSize];
      const counts = {
        tips: wholeNumber('--tips', opts.tips, preset.tips, 1_000_000),
        cases: wholeNumber('--cases', opts.cases, preset.cases, 100_000),
        lastYearTips: wholeNumber('--last-year-tips', opts.lastYearTips, preset.lastYearTips, 1_000_000),
        adverts: wholeNumber('--adverts', opts.adverts, preset.adverts, 20_000_000),
        plans: preset.plans,
      };
      await withContext(async ({ config, database, keyring }) => {
        const { db } = database;
        if ((await countUsers(db)) > 0 || (await countReports(db)) > 0)
          fail('beacon demo only fills an empty database; this one already has data.');
        const started = performance.now();
        const made = await fillDemo(
          { db, keyring, orgName: config.deployment.orgName },
          { seed: Number(opts.seed) || 2026, ...counts, progress: (line) => process.stdout.write(`${line}\n`) },
        );
        const seconds = (performance.now() - started) / 1000;
        const rows = await countAllRows(db);
        process.stdout.write(
          `Demo data created: ${ROLES.length} staff accounts, ${counts.tips} tips (triaged), 1 case team, ${made.cases} cases, ${made.agencies} partner agencies, ${made.providers} service providers, ${made.plans} victim assistance plans, ${made.adverts} adverts in ${made.networks} planted networks and ${made.leads} leads to cases${counts.lastYearTips > 0 ? `; ${counts.lastYearTips} tips in ${new Date().getUTCFullYear() - 1}, whose statistics are released` : ''}.\n`,
        );
        process.stdout.write(`${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s).\n`);
        process.stdout.write('Demo sign-ins (shown only now; each enrols an authenticator app at first sign-in):\n');
        process.stdout.write(`${made.signIns.join('\n')}\n`);
      });
    });
}

/** Rows in every table of the schema: the figure the demo reports its speed by. */
async function countAllRows(db: CasesDeps['db']): Promise<number> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
    db,
  );
  let total = 0;
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    total += Number(rows[0]!.n);
  }
  return total;
}

export interface DemoDeps {
  db: CasesDeps['db'];
  keyring: CasesDeps['keyring'];
  orgName: string;
}

export interface DemoCounts {
  seed: number;
  tips: number;
  cases: number;
  lastYearTips?: number;
  /** Adverts in the collection; networks among them share phones with some cases. */
  adverts?: number;
  /** How many recovered cases get a victim assistance plan. */
  plans?: number;
  progress?: (line: string) => void;
}

/** Tips in flight at once: the services seal and audit each one, so a few connections keep the database busy. */
const CONCURRENT_TIPS = 6;

/** Submits the tips in order of arrival, a few at a time, through the real intake service. */
async function submitTips(deps: DemoDeps, tips: readonly DemoTip[]): Promise<void> {
  const actor = { kind: 'system', label: 'demo' } as const;
  for (let i = 0; i < tips.length; i += CONCURRENT_TIPS) {
    await Promise.all(
      tips.slice(i, i + CONCURRENT_TIPS).map(async (tip) => {
        const out = await submitReport(
          { db: deps.db, keyring: deps.keyring },
          { body: tip.body, channel: tip.channel, lang: 'en', actor, receivedAt: tip.receivedAt, call: tip.call },
        );
        if (out.kind !== 'created') fail(`a demo tip was refused (${out.kind})`);
      }),
    );
  }
}

/** Tips over the past eleven months, half of them in the last eight weeks, so the queue is busy and the charts have a shape. */
export function demoTips(rng: Random, count: number, now: number): DemoTip[] {
  const times = Array.from({ length: count }, () => now - rng.next() * (rng.chance(0.5) ? 56 : 330) * DAY - 60_000).sort(
    (a, b) => a - b,
  );
  return times.map((t) => demoTip(rng, new Date(t)));
}

const timed = async <T>(progress: DemoCounts['progress'], what: string, rows: () => number, work: () => Promise<T>) => {
  const t0 = performance.now();
  const out = await work();
  const seconds = (performance.now() - t0) / 1000;
  progress?.(`  ${what}: ${rows()} in ${seconds.toFixed(1)} s (${Math.round(rows() / Math.max(seconds, 0.001))}/s)`);
  return out;
};

/** Synthetic staff (one per role), tips (triaged), a case team, cases, adverts and the directories, through the real services. */
export async function fillDemo(
  deps: DemoDeps,
  opts: DemoCounts,
): Promise<{
  signIns: string[];
  cases: number;
  agencies: number;
  providers: number;
  plans: number;
  adverts: number;
  networks: number;
  leads: number;
}> {
  const { db, keyring } = deps;
  const actor = { kind: 'system', label: 'demo' } as const;
  const rng = seededRandom(opts.seed);
  const lines: string[] = [];
  const staff: Partial<Record<(typeof ROLES)[number], StaffActor>> = {};
  for (const role of ROLES) {
    const email = `${role.replace('_', '.')}@demo.beacon.test`;
    // Passwords are random per run: demo data is predictable, demo credentials are not.
    const password = randomBytes(12).toString('base64url');
    const organisation = role === 'partner' ? 'Tulsa Police Department (demo)' : deps.orgName;
    const created = await createStaffUser({ db, keyring, issuer: deps.orgName }, actor, {
      email,
      role,
      displayName: `Demo ${role.replace('_', ' ')}`,
      organisation,
      jurisdictions: role === 'partner' ? ['OK'] : [],
      password,
    });
    if (created.kind !== 'ok') fail(`could not create the demo ${role}: ${created.kind}`);
    staff[role] = {
      kind: 'staff',
      id: created.id,
      email,
      role,
      organisation,
      jurisdictions: role === 'partner' ? ['OK'] : [],
      assignments: [],
    };
    lines.push(`  ${role.padEnd(13)} ${email.padEnd(34)} ${password}`);
  }
  const now = Date.now();
  const { progress } = opts;
  await timed(
    progress,
    'tips',
    () => opts.tips,
    () => submitTips(deps, demoTips(rng, opts.tips, now)),
  );
  await timed(
    progress,
    'last year’s tips',
    () => opts.lastYearTips ?? 0,
    () => demoLastYear(deps, rng, opts.lastYearTips ?? 0),
  );
  // The adverts are drawn before the cases, so that some cases can hold a planted network's phone.
  const networks: PlantedNetwork[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-demo-'));
  const advertFile = path.join(dir, 'adverts.jsonl');
  const adverts = await writeAdverts(advertFile, demoAdverts(seededRandom(opts.seed + 1), opts.adverts ?? 0, now, 90, networks));
  const cases = await timed(
    progress,
    'cases',
    () => opts.cases,
    () =>
      demoCases(
        { db, keyring },
        rng,
        { admin: staff.admin!, caseManager: staff.case_manager!, supervisor: staff.supervisor!, recovery: staff.recovery! },
        opts.cases,
        networks.filter((_, i) => i % 5 === 0).map((n) => n.phones[0]!),
      ),
  );
  const plans = await demoRecovery(deps, staff.supervisor!, staff.plan_participant?.email, opts.plans ?? 3);
  const linked = await db
    .selectFrom('cases')
    .select('reference')
    .where('status', '=', 'open')
    .orderBy('reference')
    .executeTakeFirst();
  await demoFamilies({ db, keyring, cases: familyCasesPort(keyring) }, staff.supervisor!, {
    volunteer: staff.volunteer,
    advocate: staff.family_advocate,
    caseReference: linked?.reference,
  });
  const agencies = await demoDirectory(db, staff.partner!.email);
  const providers = await demoResourceDirectory(db);
  await demoReview({ db }, staff.supervisor!, staff.expert!);
  await demoCertificates(db);
  const leads = await timed(
    progress,
    'adverts',
    () => adverts,
    () => importDemoAdverts(deps, advertFile, adverts).finally(() => rm(dir, { recursive: true, force: true })),
  );
  // Triage now, so the queue is ranked when the server starts (it would catch up by itself).
  const analysis = analysisDepsOf({ db, keyring });
  const total = opts.tips + (opts.lastYearTips ?? 0);
  await timed(
    progress,
    'tips triaged',
    () => total,
    async () => {
      while ((await analysePending(analysis, 500)) > 0) {
        /* until every tip has its triage */
      }
    },
  );
  await refreshRollups(db, { tipMonthCounts, missingEpisodeCounts, counts: statsCountSources(keyring) });
  return { signIns: lines, cases, agencies, providers, plans, adverts, networks: networks.length, leads };
}

/** Writes the collection as JSON lines, streaming: the large demo has more adverts than fit in memory as objects. */
async function writeAdverts(file: string, adverts: Iterable<DemoAdvert>): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  for (const advert of adverts) {
    written += 1;
    if (!out.write(`${JSON.stringify(advert)}\n`)) await once(out, 'drain');
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return written;
}

/** The advert collection, through the real import (stored in multi-row batches, linked into networks, matched against cases). */
async function importDemoAdverts(deps: DemoDeps, input: string, count: number): Promise<number> {
  if (count === 0) return 0;
  return (await importAdverts(leadsDepsOf(deps), { input, format: 'jsonl', stderr: process.stderr })).leads;
}

/**
 * Tips spread over the last finished year, and that year's statistics released under disclosure
 * control, so the public statistics page has a year to show.
 */
async function demoLastYear(deps: DemoDeps, rng: Random, count: number): Promise<void> {
  if (count === 0) return;
  const actor = { kind: 'system', label: 'demo' } as const;
  const year = new Date().getUTCFullYear() - 1;
  const start = Date.UTC(year, 0, 1);
  const span = Date.UTC(year + 1, 0, 1) - start;
  await submitTips(
    deps,
    Array.from({ length: count }, () => demoTip(rng, new Date(start + rng.next() * span))),
  );
  const released = await releaseTipStatistics({ db: deps.db, tipCounts: (y) => tipCountsOfYear(deps.db, y) }, actor, { year });
  if (released.kind !== 'released') fail(`the demo statistics release was refused (${released.kind})`);
}

/** Victim assistance plans on up to `count` recovered demo cases, with their consents, services and referrals. */
async function demoRecovery(
  deps: DemoDeps,
  supervisor: StaffActor,
  participantEmail: string | undefined,
  count: number,
): Promise<number> {
  const recovered = await deps.db
    .selectFrom('cases')
    .innerJoin('case_episodes as e', 'e.case_id', 'cases.id')
    .select('cases.reference')
    .distinct()
    .where('e.recovered_at', 'is not', null)
    .where('cases.status', '<>', 'closed')
    .orderBy('cases.reference')
    .limit(count)
    .execute();
  const recovery: RecoveryDeps = {
    db: deps.db,
    keyring: deps.keyring,
    publicUrl: 'http://localhost',
    cases: { caseForPlan: (q, actor, permission, where) => caseForPlan(q, deps.keyring, actor, permission, where) },
  };
  return demoPlans(
    recovery,
    { actor: supervisor },
    recovered.map((r) => r.reference),
    participantEmail,
  );
}

/** The synthetic resource directory (every state, D.C. and Puerto Rico), through the real CSV import. */
async function demoResourceDirectory(db: CasesDeps['db']): Promise<number> {
  const providers = demoProviders();
  const imported = await importProviders({ db }, { kind: 'system', label: 'demo' }, toProviderCsv(providers));
  if (imported.kind !== 'ok') fail(`the demo resource directory was refused (${imported.problems.length} problems)`);
  return providers.length;
}

/** The synthetic agency directory, through the real CSV import; the demo partner belongs to the Tulsa police. */
async function demoDirectory(db: CasesDeps['db'], partnerEmail: string): Promise<number> {
  const actor = { kind: 'system', label: 'demo' } as const;
  const imported = await importAgencies({ db }, actor, toAgencyCsv(demoAgencies()), { dryRun: false });
  if (imported.kind !== 'ok') fail(`the demo agency directory was refused (${imported.kind})`);
  const tulsa = demoAgencies().find((a) => a.name.startsWith('Tulsa Police'));
  if (tulsa) await addAgencyMember({ db }, actor, { staffEmail: partnerEmail, agencyCode: tulsa.code });
  return demoAgencies().length;
}

const HOUR = 3600 * 1000;
const STATES = ['OK', 'TX', 'KS', 'AR', 'MO', 'NM'] as const;
const CITIES: Record<(typeof STATES)[number], string> = {
  OK: 'Tulsa',
  TX: 'Dallas',
  KS: 'Wichita',
  AR: 'Fort Smith',
  MO: 'Joplin',
  NM: 'Albuquerque',
};
const PLACES = [
  'bus station',
  'convenience store on the highway',
  "friend's apartment",
  'school parking lot',
  'motel on the interstate',
  'shopping mall',
];
const OBSERVED = [
  'cash_cards_keys',
  'secret_phones',
  'unexplained_goods',
  'controlling_adult',
  'travel_while_missing',
  'repeated_running',
] as const;
const iso = (t: number) => new Date(t).toISOString();

/**
 * A case team (the demo case manager and supervisor) and synthetic cases, made through the case
 * services so everything is encrypted and audited as in real use. Most clocks are met; some run
 * late and some are overdue, so the dashboards have something to show.
 */
async function demoCases(
  deps: CasesDeps,
  rng: Random,
  who: { admin: StaffActor; caseManager: StaffActor; supervisor: StaffActor; recovery: StaffActor },
  count: number,
  networkPhones: readonly string[],
): Promise<number> {
  const team = await saveTeam(deps, { actor: who.admin }, null, {
    name: 'Demo case team',
    members: [{ userId: who.caseManager.id }, { userId: who.supervisor.id, supervises: true }, { userId: who.recovery.id }],
  });
  if (team.kind !== 'ok') fail(`could not create the demo case team: ${team.kind}`);
  const now = Date.now();
  const must = (what: string, out: { kind: string }) => {
    if (out.kind !== 'ok') fail(`demo case data was refused (${what}: ${out.kind})`);
  };
  for (let i = 1; i <= count; i += 1) {
    const age = rng.int(12, 17);
    const born = new Date(now - (age * 365.25 + rng.int(20, 340)) * DAY).toISOString().slice(0, 10);
    const placement = rng.pick(['group_home', 'foster_family', 'home', 'agency_custody'] as const);
    const state = rng.pick(STATES);
    const made = await createCase(
      deps,
      { actor: who.caseManager },
      {
        details: {
          identity: {
            name: `Demo Child ${i}`,
            dateOfBirth: born,
            gender: rng.pick(['female', 'male', 'transgender_female', 'non_binary'] as const),
            languages: ['en'],
          },
          description: {
            heightCm: rng.int(140, 180),
            hair: rng.pick(['black', 'brown', 'blond', 'red']),
            eyes: rng.pick(['brown', 'blue', 'green']),
            marks: rng.chance(0.3) ? [{ kind: 'tattoo', location: 'wrist', description: 'a small symbol' }] : [],
          },
          placement: { kind: placement, agencyName: placement === 'home' ? undefined : "Demo County Children's Services" },
          // Some children's phones turn up in a planted advert network, so the leads queue has work.
          identifiers: i <= networkPhones.length ? [{ kind: 'phone', value: networkPhones[i - 1]! }] : [],
        },
        state,
      },
    );
    if (made.kind !== 'ok') fail(`demo case data was refused (case: ${made.kind})`);
    const ref = made.view.reference;
    const leftFrom = placement === 'home' ? 'home' : placement === 'group_home' && rng.chance(0.4) ? 'facility' : 'placement';
    // Episodes oldest first, weeks apart; only the latest may still be open.
    const episodes = rng.int(1, 4);
    let start = now - (rng.int(1, 20) * DAY + rng.int(2, 20) * HOUR) - (episodes - 1) * 45 * DAY;
    let allRecovered = true;
    for (let e = 0; e < episodes; e += 1) {
      const last = e === episodes - 1;
      const reportsOn = rng.chance(0.75);
      const body: Record<string, unknown> = {
        leftFrom,
        knownMissingAt: iso(start),
        lastSeen: { place: rng.pick(PLACES), city: CITIES[state], state, at: iso(start - rng.int(1, 6) * HOUR) },
        circumstances: 'Synthetic demo episode.',
      };
      const reportAt = Math.min(start + rng.int(1, 30) * HOUR, now - 60_000);
      if (reportsOn) body.reportedToLawEnforcementAt = iso(reportAt);
      if (reportsOn && rng.chance(0.85))
        body.reportedToClearinghouseAt = iso(Math.min(reportAt + rng.int(0, 3) * HOUR, now - 60_000));
      const recoveredAt = start + rng.int(1, 12) * DAY;
      if ((!last || rng.chance(0.5)) && recoveredAt < now - 2 * HOUR) {
        body.recovery = { recoveredAt: iso(recoveredAt), place: rng.pick(PLACES), recoveredBy: 'Demo police department' };
        const interviewAt = recoveredAt + rng.int(4, 100) * HOUR;
        if (rng.chance(0.7) && interviewAt < now - HOUR) {
          body.returnInterview = {
            conductedAt: iso(interviewAt),
            interviewer: 'Demo case manager',
            primaryFactors: 'Synthetic: conflict at the placement.',
          };
          if (rng.chance(0.8)) {
            const outcome = rng.pick([
              'screened_no_indication',
              'screened_no_indication',
              'indicators_present',
              'identified_victim',
              'declined',
            ] as const);
            body.screening = {
              screenedAt: iso(interviewAt),
              screener: 'Demo case manager',
              outcome,
              ...(outcome === 'identified_victim' && rng.chance(0.7)
                ? { victimReportedAt: iso(Math.min(interviewAt + rng.int(1, 30) * HOUR, now - 60_000)) }
                : {}),
            };
          }
        }
      } else {
        allRecovered = false;
      }
      must('episode', await addEpisode(deps, { actor: who.caseManager }, ref, body));
      start += 45 * DAY;
    }
    for (let o = rng.int(0, 2); o > 0; o -= 1) {
      const observedAt = now - rng.int(1, 30) * DAY;
      must(
        'observation',
        await addObservation(deps, { actor: who.caseManager }, ref, {
          observedAt: iso(observedAt),
          observer: 'Demo caregiver',
          source: rng.pick(['caregiver', 'school', 'case_manager'] as const),
          indicator: rng.pick(OBSERVED),
          note: 'Synthetic demo observation.',
          ...(rng.chance(0.5)
            ? { task: { title: 'Ask about this at the next visit', dueAt: iso(observedAt + rng.int(1, 14) * DAY) } }
            : {}),
        }),
      );
    }
    // A few recovered children's cases are closed, with the supervisor's approval.
    if (allRecovered && rng.chance(0.25)) {
      const asked = await requestClose(deps, { actor: who.caseManager }, ref, {
        version: made.view.version,
        reason: 'recovered',
        note: 'Synthetic: home and settled.',
      });
      if (asked.kind !== 'ok') fail(`demo case data was refused (closing: ${asked.kind})`);
      must('closing', await decideClose(deps, { actor: who.supervisor }, ref, 'approve', { version: asked.view.version }));
    }
  }
  return count;
}
