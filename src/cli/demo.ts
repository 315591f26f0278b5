import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { seededRandom } from '../core/random.ts';
import { countReports, demoReport, submitReport, tipCountsOfYear, tipMonthCounts } from '../intake/index.ts';
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
import { familyCasesPort } from '../modules.ts';
import { statsCountSources } from '../modules.ts';
import type { Random } from '../core/random.ts';
import { countUsers, createStaffUser, ROLES, type StaffActor } from '../security/index.ts';
import { demoPlans, type RecoveryDeps } from '../recovery/index.ts';
import { demoReview } from '../review/index.ts';
import { demoCertificates } from '../training/index.ts';

import { fail, withContext } from './context.ts';

const DAY = 24 * 3600 * 1000;

export function demoCommand(): Command {
  return new Command('demo')
    .description('Fill an empty database with synthetic staff and tips (refused in production)')
    .option('--seed <n>', 'seed for the generated data', '2026')
    .option('--tips <n>', 'how many tips', '300')
    .option('--cases <n>', 'how many cases of missing children', '30')
    .option('--last-year-tips <n>', 'how many tips in the last finished year, whose statistics are then released', '400')
    .action(async (opts: { seed: string; tips: string; cases: string; lastYearTips: string }) => {
      if (process.env.NODE_ENV === 'production') fail('beacon demo is refused when NODE_ENV=production.');
      const tips = Number(opts.tips);
      if (!Number.isInteger(tips) || tips < 0 || tips > 100_000) fail('--tips: must be a whole number from 0 to 100000');
      const caseCount = Number(opts.cases);
      if (!Number.isInteger(caseCount) || caseCount < 0 || caseCount > 10_000)
        fail('--cases: must be a whole number from 0 to 10000');
      const lastYearTips = Number(opts.lastYearTips);
      if (!Number.isInteger(lastYearTips) || lastYearTips < 0 || lastYearTips > 100_000)
        fail('--last-year-tips: must be a whole number from 0 to 100000');
      await withContext(async ({ config, database, keyring }) => {
        const { db } = database;
        if ((await countUsers(db)) > 0 || (await countReports(db)) > 0)
          fail('beacon demo only fills an empty database; this one already has data.');
        const made = await fillDemo(
          { db, keyring, orgName: config.deployment.orgName },
          { seed: Number(opts.seed) || 2026, tips, cases: caseCount, lastYearTips },
        );
        process.stdout.write(
          `Demo data created: ${ROLES.length} staff accounts, ${tips} tips (triaged), 1 case team, ${made.cases} cases, ${made.agencies} partner agencies, ${made.providers} service providers and ${made.plans} victim assistance plans${lastYearTips > 0 ? `; ${lastYearTips} tips in ${new Date().getUTCFullYear() - 1}, whose statistics are released` : ''}.\n`,
        );
        process.stdout.write('Demo sign-ins (shown only now; each enrols an authenticator app at first sign-in):\n');
        process.stdout.write(`${made.signIns.join('\n')}\n`);
      });
    });
}

export interface DemoDeps {
  db: CasesDeps['db'];
  keyring: CasesDeps['keyring'];
  orgName: string;
}

/** Synthetic staff (one per role), tips (triaged), a case team, cases and the agency directory, through the real services. */
export async function fillDemo(
  deps: DemoDeps,
  opts: { seed: number; tips: number; cases: number; lastYearTips?: number },
): Promise<{ signIns: string[]; cases: number; agencies: number; providers: number; plans: number }> {
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
  const times = Array.from({ length: opts.tips }, () => now - rng.next() * 60 * DAY).sort((a, b) => a - b);
  for (const t of times) {
    await submitReport(
      { db, keyring },
      { body: demoReport(rng), channel: rng.chance(0.7) ? 'web_form' : 'api', lang: 'en', actor, receivedAt: new Date(t) },
    );
  }
  await demoLastYear(deps, rng, opts.lastYearTips ?? 0);
  const cases = await demoCases(
    { db, keyring },
    rng,
    { admin: staff.admin!, caseManager: staff.case_manager!, supervisor: staff.supervisor!, recovery: staff.recovery! },
    opts.cases,
  );
  const plans = await demoRecovery(deps, staff.supervisor!, staff.plan_participant?.email);
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
  // Triage now, so the queue is ranked when the server starts (it would catch up by itself).
  const analysis = analysisDepsOf({ db, keyring });
  while ((await analysePending(analysis, 500)) > 0) {
    /* until every tip has its triage */
  }
  await refreshRollups(db, { tipMonthCounts, missingEpisodeCounts, counts: statsCountSources(keyring) });
  return { signIns: lines, cases, agencies, providers, plans };
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
  for (let i = 0; i < count; i += 1) {
    const receivedAt = new Date(start + rng.next() * span);
    await submitReport(
      { db: deps.db, keyring: deps.keyring },
      { body: demoReport(rng), channel: rng.chance(0.7) ? 'web_form' : 'api', lang: 'en', actor, receivedAt },
    );
  }
  const released = await releaseTipStatistics({ db: deps.db, tipCounts: (y) => tipCountsOfYear(deps.db, y) }, actor, { year });
  if (released.kind !== 'released') fail(`the demo statistics release was refused (${released.kind})`);
}

/** Victim assistance plans on up to three recovered demo cases, with their consents, services and referrals. */
async function demoRecovery(deps: DemoDeps, supervisor: StaffActor, participantEmail: string | undefined): Promise<number> {
  const recovered = await deps.db
    .selectFrom('cases')
    .innerJoin('case_episodes as e', 'e.case_id', 'cases.id')
    .select('cases.reference')
    .distinct()
    .where('e.recovered_at', 'is not', null)
    .where('cases.status', '<>', 'closed')
    .orderBy('cases.reference')
    .limit(3)
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
