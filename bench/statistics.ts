/**
 * Statistics benchmark (issue 16): the staff dashboards with 2,000,000 tips and 500,000 cases.
 * Rows are made by set-based SQL (generate_series) straight into the real tables; case bodies are
 * real ciphertexts (a few dozen sealed once with the Keyring, reused round robin) because the
 * rollup opens them for gender and age; other sealed columns hold a constant. Then: the rollups
 * built from nothing, an incremental refresh after new tips and changed cases, and every dashboard
 * section's answer time through HTTP (app.inject on the real app, a signed-in supervisor).
 *
 *   npx tsx bench/statistics.ts                                     # 2,000,000 tips, 500,000 cases
 *   BENCH_TIPS=200000 BENCH_CASES=50000 npx tsx bench/statistics.ts # a tenth of that
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/core/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { startDatabase } from '../src/db/index.ts';
import { allMigrations, statsCountSources } from '../src/modules.ts';
import { buildApp } from '../src/http/app.ts';
import { Keyring } from '../src/security/index.ts';
import { seal } from '../src/security/sealing.ts';
import type { Database } from '../src/database.ts';
import { caseBody } from '../src/cases/cases.sealed.ts';
import { missingEpisodeCounts } from '../src/cases/index.ts';
import { tipMonthCounts } from '../src/intake/index.ts';
import { refreshRollups } from '../src/stats/index.ts';
import { SECTION_IDS } from '../src/stats/dashboards/dashboard.ts';
import { US_STATE_CODES } from '../src/shared/places.ts';
import { addStaff, signIn } from '../test/staff.ts';
import { startRun } from './envelope.ts';
import { stats } from './stats.ts';

const TIPS = Number(process.env.BENCH_TIPS ?? 2_000_000);
const CASES = Number(process.env.BENCH_CASES ?? 500_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/** Tips and cases spread over the last two years. */
const SPAN_HOURS = 2 * 365 * 24;
const TARGET_MS = 500;
const BODIES = 40;
const GENDERS = ['female', 'male', 'transgender_female', 'transgender_male', 'non_binary', 'female', 'male', 'unknown'];

type Who = { cookie: string; csrf: string };

async function step(owner: pg.Client, name: string, text: string, values: unknown[] = []): Promise<number> {
  const t0 = performance.now();
  await owner.query(text, values);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`  ${name}: ${seconds.toFixed(1)} s`);
  return seconds;
}

/** Every row by SQL; returns the seconds spent. */
async function load(owner: pg.Client, keyring: Keyring, staffId: string): Promise<number> {
  const started = performance.now();
  const states = `(array[${US_STATE_CODES.map((s) => `'${s}'`).join(',')}])`;
  const bodies = Array.from({ length: BODIES }, (_, i) => {
    const year = new Date().getUTCFullYear() - 10 - (i % 9);
    const identity = {
      name: 'Synthetic Bench Child',
      gender: GENDERS[i % GENDERS.length],
      ...(i % 5 === 0 ? { approximateAge: 12 + (i % 6) } : { dateOfBirth: `${year}-0${1 + (i % 9)}-1${i % 9}` }),
    };
    return seal(keyring, caseBody, { identity, description: { marks: [] }, identifiers: [], contacts: {} } as never);
  });
  await owner.query(`create temporary table bench_bodies (i int primary key, body text not null)`);
  await owner.query(`insert into bench_bodies select i - 1, b from unnest($1::text[]) with ordinality as t(b, i)`, [bodies]);
  await step(
    owner,
    `${TIPS} tips`,
    `insert into reports (id, reference, received_at, channel, status, incident_type, state, city, child_ages, escalated, anonymous, body_enc)
     select gen_random_uuid(), 'BCH-' || lpad(n::text, 8, '0'), now() - ((n::bigint * 7919) % ${SPAN_HOURS}) * interval '1 hour' - (n % 3600) * interval '1 second',
       (array['web_form','api','hotline','esp'])[1 + n % 4],
       'new', (array['child_sex_trafficking','online_enticement','child_sex_tourism','child_sex_trafficking','other'])[1 + n % 5],
       case when n % 97 = 0 then null else ${states}[1 + (n * 13) % ${US_STATE_CODES.length}] end, null, array[14], false, true, 'bench-sealed'
     from generate_series(1, $1::int) n`,
    [TIPS],
  );
  await step(
    owner,
    'agencies',
    `insert into agencies (id, code, name, kind) select gen_random_uuid(), 'BENCH-' || g, 'Bench agency ' || g, 'law_enforcement' from generate_series(1, 60) g`,
  );
  // One tip in ten triaged and referred: the referral a few hours to a few weeks after the tip.
  await step(
    owner,
    'tip_triage (referred tips)',
    `insert into tip_triage (report_id, reference, status, priority, fired, rules_version, received_at, due_at, state)
     select id, reference, 'referred', 1, '[]'::jsonb, 1, received_at, received_at + interval '24 hours', state
     from reports where substring(reference from 5)::int % 10 = 0`,
  );
  await step(
    owner,
    'referrals',
    `insert into referrals (id, reference, report_id, agency_id, status, package_enc, sent_by, sent_at, acknowledge_by, acknowledged_at, outcome, outcome_at)
     select gen_random_uuid(), 'REF-' || t.reference, t.report_id, a.id, st.status, 'bench-sealed', $1::uuid, t.sent_at, t.sent_at + interval '72 hours',
       case when st.status <> 'sent' then t.sent_at + interval '20 hours' end,
       case when st.status = 'outcome_reported' then (array['investigation_opened','child_located','no_action','other'])[1 + t.n % 4] end,
       case when st.status = 'outcome_reported' then t.sent_at + interval '10 days' end
     from (select report_id, reference, substring(reference from 5)::int as n,
                  least(now(), received_at + ((substring(reference from 5)::int * 31) % 400) * interval '1 hour') as sent_at from tip_triage) t
     join (select id, row_number() over () - 1 as k from agencies) a on a.k = t.n % 60
     cross join lateral (select case when t.n % 7 = 0 then 'sent' when t.n % 3 = 0 then 'acknowledged' else 'outcome_reported' end as status) st`,
    [staffId],
  );
  await step(
    owner,
    `${CASES} cases`,
    `insert into cases (id, reference, status, state, restricted, version, body_enc, episode_count, created_at, updated_at)
     select gen_random_uuid(), 'BCASE-' || lpad(g::text, 7, '0'), 'open', ${states}[1 + (g * 7) % ${US_STATE_CODES.length}], false, 1,
       b.body, 1, now() - ((g::bigint * 104729) % ${SPAN_HOURS}) * interval '1 hour', now() - ((g::bigint * 104729) % ${SPAN_HOURS}) * interval '1 hour'
     from generate_series(1, $1::int) g join bench_bodies b on b.i = g % ${BODIES}`,
    [CASES],
  );
  await step(
    owner,
    'episodes (one per case)',
    `insert into case_episodes (id, case_id, left_from, known_missing_at, reported_le_at, reported_ch_at, recovered_at, screening_at, screening_outcome, body_enc)
     select gen_random_uuid(), c.id, (array['home','placement','facility'])[1 + n % 3], c.created_at,
       case when n % 11 <> 0 then c.created_at + ((n % 40)) * interval '1 hour' end,
       case when n % 13 <> 0 then c.created_at + ((n % 30)) * interval '1 hour' end,
       case when n % 2 = 0 then c.created_at + interval '5 days' end,
       case when n % 4 = 0 then c.created_at + interval '6 days' end,
       case when n % 4 = 0 then (array['screened_no_indication','indicators_present','identified_victim'])[1 + n % 3] end,
       'bench-sealed'
     from (select id, created_at, substring(reference from 7)::int as n from cases) c`,
  );
  await step(
    owner,
    'assistance plans (one case in twenty)',
    `insert into assistance_plans (id, case_id, current_version, created_at, approved_at)
     select gen_random_uuid(), id, 1, created_at + interval '10 days', case when substring(reference from 7)::int % 2 = 0 then created_at + interval '20 days' end
     from cases where substring(reference from 7)::int % 20 = 0`,
  );
  await owner.query('analyze');
  return (performance.now() - started) / 1000;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; out: T }> {
  const t0 = performance.now();
  const out = await fn();
  return { seconds: Number(((performance.now() - t0) / 1000).toFixed(2)), out };
}

async function measure(app: FastifyInstance, who: Who, url: () => string) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: url(), headers: { cookie: who.cookie, 'x-csrf-token': who.csrf } });
    if (res.statusCode !== 200) throw new Error(`${url()}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (i >= 3) samples.push(performance.now() - t0);
  }
  return stats(samples);
}

async function main(): Promise<void> {
  const bench = startRun('statistics');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-stats-'));
  const config = loadConfig({ NODE_ENV: 'test', BEACON_DATA_DIR: dataDir, BEACON_LOGIN_RATE_LIMIT: '100000', LOG_LEVEL: 'warn' });
  const log = createLogger('warn');
  const database = await startDatabase<Database>(config, log, { migrations: allMigrations });
  const keyring = await Keyring.open(config.keyFile);
  const app = await buildApp({ config, db: database.db, keyring, log });
  const owner = new pg.Client({ connectionString: database.ownerConnectionString });
  await owner.connect();
  try {
    console.log(`loading ${TIPS} tips and ${CASES} cases…`);
    const supId = await addStaff(database.db, keyring, 'supervisor', 'bench-stats-sup@example.test');
    await owner
      .query(`insert into triage_rule_sets (version, rules) values (1, '{}'::jsonb) on conflict do nothing`)
      .catch(() => {});
    const loadSeconds = await load(owner, keyring, supId);
    console.log(`loaded in ${loadSeconds.toFixed(1)} s`);
    const sources = { tipMonthCounts, missingEpisodeCounts, counts: statsCountSources(keyring) };
    const full = await timed(() => refreshRollups(database.db, sources));
    console.log(`rollups built from nothing in ${full.seconds} s: ${JSON.stringify(full.out)}`);
    const idle = await timed(() => refreshRollups(database.db, sources));
    console.log(`incremental refresh, nothing new: ${idle.seconds} s`);
    await owner.query(
      `insert into reports (id, reference, received_at, channel, status, incident_type, state, child_ages, escalated, anonymous, body_enc)
       select gen_random_uuid(), 'BNEW-' || n, now() - n * interval '1 second', 'web_form', 'new', 'online_enticement', 'OK', array[15], false, true, 'bench-sealed'
       from generate_series(1, 5000) n`,
    );
    // Work goes on mostly in recent cases: those opened in the last month change, and their month is recounted.
    await owner.query(
      `update cases set updated_at = now() where created_at > now() - interval '30 days' and substring(reference from 7)::int % 10 = 0`,
    );
    const incremental = await timed(() => refreshRollups(database.db, sources));
    console.log(`incremental refresh after 5,000 new tips and recent cases changed: ${incremental.seconds} s`);
    // The worst case: changes scattered over every month recount every case.
    await owner.query(`update cases set updated_at = now() where substring(reference from 7)::int % 1000 = 0`);
    const scattered = await timed(() => refreshRollups(database.db, sources));
    console.log(`incremental refresh after ${Math.floor(CASES / 1000)} cases changed across every month: ${scattered.seconds} s`);
    const sizes = (
      await owner.query<{ tip_months: string; counts: string }>(
        `select (select count(*) from stats_tip_months) as tip_months, (select count(*) from stats_counts) as counts`,
      )
    ).rows[0]!;

    const sup = await signIn(app, 'bench-stats-sup@example.test');
    const month = new Date().toISOString().slice(0, 7);
    const twoYearsAgo = `${new Date().getUTCFullYear() - 2}-${month.slice(5)}`;
    const answers: Record<string, ReturnType<typeof stats>> = {
      dashboard12Months: await measure(app, sup, () => '/api/v1/stats/dashboard'),
      dashboard24Months: await measure(app, sup, () => `/api/v1/stats/dashboard?from=${twoYearsAgo}&to=${month}`),
      dashboardOneState: await measure(app, sup, () => '/api/v1/stats/dashboard?state=TX'),
    };
    for (const id of SECTION_IDS) answers[id] = await measure(app, sup, () => `/api/v1/stats/dashboard?section=${id}`);
    answers['csv:children'] = await measure(app, sup, () => '/api/v1/stats/dashboard/children/csv');
    const slowest = Math.max(...SECTION_IDS.map((id) => answers[id]!.p95Ms));
    const results = {
      size: { tips: TIPS, cases: CASES, referrals: Math.floor(TIPS / 10), episodes: CASES, plans: Math.floor(CASES / 20) },
      loadSeconds: Number(loadSeconds.toFixed(1)),
      rollup: {
        fullBuildSeconds: full.seconds,
        incrementalNothingNewSeconds: idle.seconds,
        incrementalAfterNewTipsAndRecentCasesChangedSeconds: incremental.seconds,
        incrementalAfterCasesChangedInEveryMonthSeconds: scattered.seconds,
        rows: { stats_tip_months: Number(sizes.tip_months), stats_counts: Number(sizes.counts) },
      },
      answers,
      targetMs: TARGET_MS,
      everySectionUnderTarget: slowest < TARGET_MS,
      via: 'HTTP (app.inject on buildApp, a signed-in supervisor); each section alone with ?section=, chart drawn; the whole board too',
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(`written to ${await bench.write(results)}`);
  } finally {
    await owner.end();
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
