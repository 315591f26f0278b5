/**
 * Case module benchmark (issue 4, "Performance"): case list, dashboards, a case's timeline and a
 * case read, through HTTP (`app.inject` on the real app, signed-in staff sessions) against an
 * embedded PostgreSQL loaded with synthetic cases and episodes by set-based SQL.
 * Sensitive columns hold real ciphertexts (a few hundred made once with the Keyring, reused round
 * robin), so every request decrypts as it would in production.
 *
 *   npx tsx bench/cases.ts            # 200,000 cases, 1,000,000 episodes
 *   BENCH_CASES=50000 npx tsx bench/cases.ts
 *
 * Fuzzy name search: every case gets the blind-index trigram tokens of a synthetic name (100 given
 * names × 200 family names, so common names repeat as they do in life; one case in five has an
 * alias), and queries are those names with one typo each. The sealed bodies are the reused
 * ciphertexts above, so the name a result shows is not the name that was indexed: only timing and
 * recall of the tokens are measured here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/core/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { seededRandom } from '../src/core/random.ts';
import { startDatabase } from '../src/db/index.ts';
import { allMigrations } from '../src/modules.ts';
import { buildApp } from '../src/http/app.ts';
import { blindIndex, createStaffUser, Keyring } from '../src/security/index.ts';
import type { Database } from '../src/database.ts';
import * as repo from '../src/cases/cases.repo.ts';
import { caseBody, caseEpisodeBody, caseNoteBody, caseObservationBody, caseTaskTitle } from '../src/cases/cases.sealed.ts';
import { seal } from '../src/security/sealing.ts';
import { addStaff, signIn } from '../test/staff.ts';
import { minimumShared, NAME_THRESHOLD, rarestTokens } from '../src/cases/cases.search.ts';
import { startRun } from './envelope.ts';
import { stats } from './stats.ts';

const CASES = Number(process.env.BENCH_CASES ?? 200_000);
const EPISODES_PER_CASE = Number(process.env.BENCH_EPISODES_PER_CASE ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const TEAMS = 20;
const MANAGERS_PER_TEAM = 5;
const DISTINCT = 100;
/** Indexes suggested for src/cases (not in the migrations): measured only with BENCH_TRY_INDEXES=1. */
const CANDIDATE_INDEXES = [
  'create index bench_cases_recent on cases (updated_at, id)',
  `create index bench_case_episodes_open_clock on case_episodes (known_missing_at) where (reported_le_at is null or reported_ch_at is null
     or (recovered_at is not null and (return_interview_at is null or screening_at is null or reviewed_at is null))
     or (screening_outcome = 'identified_victim' and victim_reported_at is null))`,
];
const TARGETS = { list: 150, dashboard: 150, timeline: 200, search: 100 } as const;
const SEARCH_QUERIES = 60;

type Who = { cookie: string; csrf: string };
const headers = (w: Who) => ({ cookie: w.cookie, 'x-csrf-token': w.csrf });

const FIRST = ['Avery', 'Jordan', 'Riley', 'Quinn', 'Rowan', 'Sage', 'Emery', 'Harper', 'Kai', 'Reese'];
/** Name parts for search: realistic spellings, combined at random; nobody's actual name. */
const GIVEN = (
  'Aaliyah Abigail Adriana Aiden Alejandro Alexis Amara Amelia Ana Andres Angel Anthony Aria Ariana Ashley Aubrey Ava Brianna Brooklyn ' +
  'Camila Carlos Carmen Chloe Daniela David Destiny Diego Dominic Elena Elijah Emily Emma Esperanza Ethan Evelyn Gabriel Gabriela Genesis Grace ' +
  'Hailey Hannah Isabella Isaiah Jacob Jada Jasmine Jayden Jaylynn Jessica Jordan Jose Josiah Juan Julia Kayla Kimberly Leah Liam Lily Lucia ' +
  'Luis Madison Makayla Maria Mariah Marisol Mason Maya Mia Michael Natalia Nevaeh Nicole Noah Paige Paola Priya Rosa Ruby Samantha Santiago ' +
  'Sarah Savannah Sofia Stephanie Taylor Trinity Valentina Valeria Vanessa Victoria Ximena Yesenia Zoe Zuri Keisha Tamika'
).split(' ');
const FAMILY = (
  'Adams Aguilar Alvarez Anderson Baker Banks Bell Brooks Brown Bryant Butler Campbell Carter Castillo Castro Chavez Clark Coleman ' +
  'Collins Cook Cooper Cruz Davis Diaz Edwards Evans Flores Foster Garcia Gomez Gonzalez Gray Green Griffin Gutierrez Hall Harris Hayes Henderson ' +
  'Hernandez Hill Holmes Howard Hughes Jackson James Jenkins Jimenez Johnson Jones Jordan Kelly Kim King Lee Lewis Long Lopez Marshall Martin ' +
  'Martinez Medina Mendoza Miller Mitchell Moore Morales Moreno Morgan Morris Murphy Myers Nelson Nguyen Okafor Ortiz Owens Parker Patel Perez ' +
  'Perry Peterson Phillips Powell Price Ramirez Ramos Reed Reyes Richardson Rivera Roberts Robinson Rodriguez Rogers Romero Ross Ruiz Russell ' +
  'Sanchez Sanders Scott Simmons Smith Stewart Sullivan Taylor Thomas Thompson Torres Turner Vargas Vasquez Walker Ward Washington Watson White ' +
  'Williams Wilson Wood Wright Young Abara Adeyemi Bautista Benally Begay Castaneda Delgado Dominguez Espinoza Estrada Figueroa Fuentes Guerrero ' +
  'Herrera Ibarra Juarez Lara Luna Maldonado Marquez Mejia Mendez Miranda Molina Navarro Nunez Orozco Pacheco Padilla Pena Rios Rosales Salazar ' +
  'Sandoval Santiago Santos Serrano Silva Soto Suarez Tapia Trujillo Valdez Vega Velasquez Villa Yazzie Zamora Tsosie Nakai Chee Ochoa Cardenas ' +
  'Acosta Avila Cervantes Cortez Duran Galvan Ibanez'
).split(' ');

/** The name the search tokens of case n stand for (the same formula the SQL loader uses). */
const nameOfCase = (n: number) => ({
  given: (n * 7) % GIVEN.length,
  family: (n * 13 + Math.floor(n / GIVEN.length)) % FAMILY.length,
});

/** One typo a person might make: a letter dropped, doubled, swapped with the next, or changed. */
function withTypo(name: string, rng: ReturnType<typeof seededRandom>): string {
  const i = rng.int(1, name.length - 2);
  switch (rng.int(0, 3)) {
    case 0:
      return name.slice(0, i) + name.slice(i + 1);
    case 1:
      return name.slice(0, i) + name[i] + name.slice(i);
    case 2:
      return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
    default:
      return name.slice(0, i) + rng.pick([...'aeiouylnrs']) + name.slice(i + 1);
  }
}

const LAST = [
  'Synthetic-Alder',
  'Example-Birch',
  'Testfield',
  'Samplewood',
  'Fakehurst',
  'Mockridge',
  'Placeholder',
  'Dummyvale',
  'Fictor',
  'Demoson',
];

/** Ciphertexts of synthetic bodies, each sealed for its column's context. */
function ciphertexts(keyring: Keyring) {
  const rng = seededRandom(4);
  const pick = <T>(xs: readonly T[]) => rng.pick(xs);
  const cases: string[] = [];
  const episodes: string[] = [];
  const notes: string[] = [];
  const tasks: string[] = [];
  const observations: string[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    const year = rng.int(2009, 2016);
    cases.push(
      seal(keyring, caseBody, {
        identity: {
          name: `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}`,
          aliases: [pick(FIRST)],
          dateOfBirth: `${year}-0${1 + (i % 9)}-1${i % 10}`,
          gender: pick(['female', 'male', 'transgender_female'] as const),
          languages: ['en'],
        },
        description: {
          hair: pick(['black, short', 'brown, long', 'red, curly']),
          marks: [{ kind: 'tattoo', location: 'left wrist', description: 'a small star' }],
        },
        identifiers: [{ kind: 'phone', value: `+1 405 555 0${String(100 + i).padStart(3, '0')}` }],
        placement: { kind: pick(['group_home', 'foster_family', 'agency_custody'] as const), agencyName: 'Synthetic County DHS' },
        contacts: { lawEnforcement: { name: 'Officer Example', badgeNumber: String(4000 + i), caseNumber: `PD-26-${i}` } },
      }),
    );
    episodes.push(
      seal(keyring, caseEpisodeBody, {
        lastSeen: { place: `Synthetic bus station ${i}`, city: 'Exampleton', state: 'OK' },
        circumstances: `Left after an argument at the placement; synthetic circumstances number ${i}. `.repeat(3),
        recovery: { recoveredAt: '2026-01-02T10:00:00.000Z', place: 'Example motel', recoveredBy: 'Exampleton PD' },
      }),
    );
    notes.push(
      seal(
        keyring,
        caseNoteBody,
        `Synthetic note ${i}: spoke with the placement worker about the child's school attendance and plans.`,
      ),
    );
    tasks.push(seal(keyring, caseTaskTitle, `Synthetic task ${i}: call the placement`));
    observations.push(seal(keyring, caseObservationBody, { observer: 'Synthetic observer', note: `Observation ${i}` }));
  }
  return { cases, episodes, notes, tasks, observations };
}

/** Everything set-based, as the owner; one statement per table. */
async function load(
  owner: pg.Client,
  staff: { managers: string[][]; supervisors: string[]; teams: string[] },
  sealed: ReturnType<typeof ciphertexts>,
  keyring: Keyring,
) {
  const t0 = performance.now();
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const s = performance.now();
    const r = await owner.query(text, values);
    console.log(`  ${label}: ${r.rowCount ?? ''} rows, ${((performance.now() - s) / 1000).toFixed(1)} s`);
  };
  await owner.query('create temp table bench_sealed (kind text, i int, v text, primary key (kind, i))');
  // Trigram tokens per word: pg_trgm takes trigrams word by word, so a name's set is the union of its words'.
  const index = blindIndex(keyring.indexKey);
  await owner.query('create temp table bench_words (kind text, i int, tokens int4[], primary key (kind, i))');
  for (const [kind, words] of [
    ['given', GIVEN],
    ['family', FAMILY],
  ] as const) {
    await owner.query(
      `insert into bench_words select $1, i - 1, array(select jsonb_array_elements_text(t)::int4)
      from jsonb_array_elements($2::jsonb) with ordinality as u(t, i)`,
      [kind, JSON.stringify(words.map((w) => index.nameTrigrams(w)))],
    );
  }
  for (const [kind, list] of Object.entries(sealed)) {
    await owner.query('insert into bench_sealed select $1, i - 1, v from unnest($2::text[]) with ordinality as u(v, i)', [
      kind,
      list,
    ]);
  }
  // Assignee k of team t is managers[t][k]; flattened so SQL can index them.
  const assignees = staff.managers.flat();
  const teamOfAssignee = staff.managers.flatMap((m, t) => m.map(() => staff.teams[t]!));
  await owner.query('create temp table bench_staff (k int primary key, user_id uuid, team_id uuid)');
  await owner.query(
    'insert into bench_staff select i - 1, u, t from unnest($1::uuid[], $2::uuid[]) with ordinality as x(u, t, i)',
    [assignees, teamOfAssignee],
  );
  const nStaff = assignees.length;

  // 70 % closed, 5 % closing requested, 25 % open; updated over the last two years, newest last.
  await step(
    'cases',
    `
    insert into cases (id, reference, status, assignee_id, team_id, state, restricted, version, body_enc, episode_count, created_by, created_at, updated_at,
                       close_reason, closed_by, closed_at, close_requested_by, close_requested_at)
    select gen_random_uuid(), 'CASE-2026-' || lpad(g::text, 6, '0'),
           st.status, s.user_id, s.team_id, (array['OK','TX','KS','AR','MO'])[1 + g % 5], g % 50 = 0, 1 + g % 4,
           (select v from bench_sealed where kind = 'cases' and i = g % ${DISTINCT}), $2::int, s.user_id,
           now() - make_interval(secs => ($1::int - g) * 300.0 + 86400), now() - make_interval(secs => ($1::int - g) * 300.0),
           case when st.status <> 'open' then 'recovered' end,
           case when st.status = 'closed' then s.user_id end, case when st.status = 'closed' then now() - make_interval(secs => ($1::int - g) * 300.0) end,
           case when st.status <> 'open' then s.user_id end, case when st.status <> 'open' then now() - make_interval(secs => ($1::int - g) * 300.0 + 3600) end
    from generate_series(1, $1::int) g
    cross join lateral (select case when abs(hashint4(g)) % 100 < 70 then 'closed' when abs(hashint4(g)) % 100 < 75 then 'closing_requested' else 'open' end as status) st
    join bench_staff s on s.k = (g * 31) % ${nStaff}`,
    [CASES, EPISODES_PER_CASE],
  );
  await owner.query(
    `create temp table bench_cases as select row_number() over (order by reference) - 1 as n, id, status, created_at from cases`,
  );
  await owner.query('create index on bench_cases (n)');
  await owner.query('analyze bench_cases');
  // Episodes: EPISODES_PER_CASE per case; on cases still open, one in five has a clock still running.
  await step(
    'case_episodes',
    `
    insert into case_episodes (id, case_id, left_from, known_missing_at, reported_le_at, reported_ch_at, recovered_at, return_interview_at,
                               screening_at, screening_outcome, reviewed_at, body_enc, created_at, updated_at)
    select gen_random_uuid(), c.id, (array['home','placement','facility'])[1 + e % 3]::text, m.at,
           case when open_clock then null else m.at + interval '2 hours' end, m.at + interval '3 hours',
           m.at + interval '4 days', case when open_clock then null else m.at + interval '5 days' end,
           m.at + interval '5 days', 'screened_no_indication', case when open_clock then null else m.at + interval '6 days' end,
           (select v from bench_sealed where kind = 'episodes' and i = (c.n * 5 + e) % ${DISTINCT}), m.at, m.at
    from bench_cases c
    cross join generate_series(0, $1::int - 1) e
    cross join lateral (select c.created_at + make_interval(days => e * 20) as at,
                               c.status <> 'closed' and (c.n + e) % 5 = 0 as open_clock) m`,
    [EPISODES_PER_CASE],
  );
  await step(
    'case_notes',
    `
    insert into case_notes (id, case_id, body_enc, created_by, created_at)
    select gen_random_uuid(), c.id, (select v from bench_sealed where kind = 'notes' and i = (c.n + k) % ${DISTINCT}), null, c.created_at + make_interval(days => k)
    from bench_cases c cross join generate_series(0, 1) k`,
  );
  await step(
    'case_tasks',
    `
    insert into case_tasks (id, case_id, owner_id, due_at, status, title_enc, created_at, done_at)
    select gen_random_uuid(), c.id, s.user_id, now() + make_interval(hours => (c.n % 72)::int - 24),
           case when c.status = 'closed' then 'done' else 'open' end,
           (select v from bench_sealed where kind = 'tasks' and i = c.n % ${DISTINCT}), c.created_at,
           case when c.status = 'closed' then c.created_at + interval '3 days' end
    from bench_cases c join bench_staff s on s.k = (c.n * 13) % ${nStaff}`,
  );
  await step(
    'case_observations',
    `
    insert into case_observations (id, case_id, observed_at, indicator, source, body_enc, created_at)
    select gen_random_uuid(), c.id, c.created_at + interval '1 day', 'abuse_signs', 'case_manager',
           (select v from bench_sealed where kind = 'observations' and i = c.n % ${DISTINCT}), c.created_at
    from bench_cases c`,
  );
  // Indexes built once after the rows are in, not row by row (the same definitions as the migration).
  await owner.query('alter table case_name_trigrams drop constraint case_name_trigrams_pkey');
  await owner.query('drop index case_name_trigrams_name');
  await step(
    'case_name_trigrams',
    `
    insert into case_name_trigrams (token, case_id, name_no, name_size)
    select u.token, c.id, k.name_no, cardinality(k.tokens)
    from bench_cases c
    cross join lateral (
      select 0 as name_no, array(select distinct x from unnest(g.tokens || f.tokens) x) as tokens
      from bench_words g, bench_words f
      where g.kind = 'given' and g.i = (c.n * 7) % ${GIVEN.length} and f.kind = 'family' and f.i = (c.n * 13 + c.n / ${GIVEN.length}) % ${FAMILY.length}
      union all
      select 1, a.tokens from bench_words a where c.n % 5 = 0 and a.kind = 'given' and a.i = (c.n * 11 + 3) % ${GIVEN.length}
    ) k
    cross join unnest(k.tokens) u(token)`,
  );
  await step(
    'case_name_trigrams indexes',
    `alter table case_name_trigrams add primary key (token, case_id, name_no) include (name_size)`,
  );
  await owner.query('create index case_name_trigrams_name on case_name_trigrams (case_id, name_no, token) include (name_size)');
  await owner.query(`select setval('case_reference_seq', $1::bigint)`, [CASES]);
  const a = performance.now();
  // As autovacuum would have by the time a database holds this much: statistics, and the
  // visibility map that lets index-only scans skip the heap.
  await owner.query('vacuum (analyze)');
  console.log(`  vacuum, analyze: ${((performance.now() - a) / 1000).toFixed(1)} s`);
  return (performance.now() - t0) / 1000;
}

const mod = (i: number, n: number) => ((i % n) + n) % n;

/** Busy CPU seconds of the whole machine (every core: this process, PostgreSQL, the import, anything else). */
const machineBusy = () => os.cpus().reduce((s, c) => s + c.times.user + c.times.sys + c.times.nice + c.times.irq, 0) / 1000;
const loadAverage = () => os.loadavg().map((l) => Number(l.toFixed(2)));

/**
 * A real `leads import` (bench/processes/leads-import-beside.ts: loadAdverts, worker threads, batches stored
 * and matched) in its own process against this database, started and waited for until it stores.
 */
async function startLeadsImport(owner: pg.Client, databaseUrl: string, dataDir: string, nice: number | undefined) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'processes', 'leads-import-beside.ts')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        BEACON_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...(nice === undefined ? {} : { BENCH_IMPORT_NICE: String(nice), BENCH_IMPORT_SEED: '5000' }),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`leads import ended before storing (exit ${child.exitCode})`);
    if ((await owner.query('select 1 from adverts limit 1')).rowCount) break;
    if (performance.now() - t0 > 180_000) throw new Error('leads import: nothing stored after 180 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`leads import storing after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { child, exited };
}

async function stopLeadsImport(running: { child: ChildProcess; exited: Promise<void> }) {
  running.child.kill('SIGTERM');
  await running.exited;
}

const advertsStored = async (owner: pg.Client) =>
  Number((await owner.query<{ n: string }>('select count(*) as n from adverts')).rows[0]!.n);

/** A parameter array of case ids is thousands of characters in a plan: shown by its length. */
const shortArrays = (line: string) =>
  line.replace(/'\{([^}]{200,})\}'::uuid\[\]/g, (_m, body: string) => `'{… ${body.split(',').length} case ids …}'::uuid[]`);

/** The plans as readable text, one section per query and phase. */
function plansMarkdown(phases: Record<string, { note: string; plans: Awaited<ReturnType<typeof plans>> }>, header: string) {
  const out = [header, ''];
  for (const [phase, { note, plans: p }] of Object.entries(phases)) {
    out.push(`## ${phase}`, '', note, '');
    for (const [name, { executionMs, plan }] of Object.entries(p)) {
      out.push(`### ${name} (${executionMs} ms)`, '', '```', ...plan.map(shortArrays), '```', '');
    }
  }
  return out.join('\n');
}

/** How often the case whose name was misspelt comes back (case n is CASE-2026-(n+1)), and how many results a query has. */
async function searchRecall(app: FastifyInstance, who: Who, queries: { reference: string; query: string }[]) {
  let found = 0;
  const sizes: number[] = [];
  for (const q of queries) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/cases?limit=100&name=${encodeURIComponent(q.query)}`,
      headers: headers(who),
    });
    const refs = res.json<{ items: { reference: string }[] }>().items.map((i) => i.reference);
    sizes.push(refs.length);
    if (refs.includes(q.reference)) found++;
  }
  return {
    foundInFirst100: Number((found / queries.length).toFixed(2)),
    medianResults: [...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)],
  };
}

async function measure(app: FastifyInstance, who: Who, url: (i: number) => string) {
  const samples: number[] = [];
  for (let i = -5; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: url(i), headers: headers(who) });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${url(i)}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (i >= 0) samples.push(ms); // the first five warm caches and plans
  }
  return stats(samples);
}

/** The name search as it was before candidates came from the rarest tokens: every query token's rows grouped (as an analyst: no restricted case). */
const SEARCH_BEFORE = `select cases.id from cases
  join (select h.case_id, max(h.shared::float8 / (cardinality($1::int4[]) + h.name_size - h.shared)) as similarity
        from (select case_id, name_no, count(*)::int as shared, min(name_size) as name_size
              from case_name_trigrams where token = any($1::int4[])
              group by case_id, name_no having count(*) >= $2::int) h
        group by h.case_id) r on r.case_id = cases.id
  where r.similarity >= $3::float8 and not cases.restricted
  order by r.similarity desc, cases.updated_at desc, cases.id desc limit 50`;

/**
 * The SQL of both forms on the same queries, interleaved so both see the same load, as the owner
 * (organisation-wide, as an analyst sees it); and whether every query finds the same cases in the same order.
 */
async function searchBeforeAfter(ownerUrl: string, owner: pg.Client, analystId: string, queries: readonly number[][]) {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const frequencies = await repo.nameTokenFrequencies(db);
  const before: number[] = [];
  const after: number[] = [];
  let differing = 0;
  try {
    for (let i = -5; i < RUNS; i++) {
      const trigrams = queries[mod(i, queries.length)]!;
      const minShared = minimumShared(trigrams.length);
      const rare = rarestTokens(trigrams, frequencies, minShared);
      let t0 = performance.now();
      const old = (await owner.query<{ id: string }>(SEARCH_BEFORE, [trigrams, minShared, NAME_THRESHOLD])).rows.map((r) => r.id);
      const oldMs = performance.now() - t0;
      t0 = performance.now();
      const now = (
        await repo.searchCases(
          db,
          { kind: 'organisation', userId: analystId, states: [] },
          {
            name: { trigrams, rare, minShared, threshold: NAME_THRESHOLD },
            limit: 50,
          },
        )
      ).map((r) => r.id);
      const nowMs = performance.now() - t0;
      if (i < 0) continue;
      before.push(oldMs);
      after.push(nowMs);
      if (JSON.stringify(old) !== JSON.stringify(now)) differing++;
    }
  } finally {
    await db.destroy();
  }
  return { before: stats(before), after: stats(after), queriesWithDifferentResults: differing };
}

/**
 * The plans behind the figures: the repo's own SQL (captured through a logging Kysely, same
 * parameters), run under EXPLAIN ANALYZE as the owner.
 */
async function plans(
  ownerUrl: string,
  owner: pg.Client,
  who: { cm: string; sup: string },
  reference: string,
  nameTrigrams: number[],
) {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  const spy = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push(e.query);
    },
  });
  const take = async (run: () => Promise<unknown>) => {
    captured.length = 0;
    await run();
    return captured.at(-1)!;
  };
  const cm = { kind: 'team', userId: who.cm, states: [] } as const;
  const sup = { kind: 'team', userId: who.sup, states: [] } as const;
  const horizon = new Date(Date.now() + 24 * 3_600_000);
  const caseId = (await owner.query<{ id: string }>('select id from cases where reference = $1', [reference])).rows[0]!.id;
  const minShared = minimumShared(nameTrigrams.length);
  const rare = rarestTokens(nameTrigrams, await repo.nameTokenFrequencies(spy), minShared);
  const mineCases = await repo.unclosedCasesInScope(spy, cm, who.cm);
  const teamCases = await repo.unclosedCasesInScope(spy, sup, undefined);
  const queries = {
    listMine: await take(() => repo.listCases(spy, cm, { assigneeId: who.cm, limit: 50 })),
    listTeam: await take(() => repo.listCases(spy, cm, { limit: 50 })),
    listTeamOpen: await take(() => repo.listCases(spy, sup, { status: 'open', limit: 50 })),
    dashboardMineUnclosed: await take(() => repo.unclosedCasesInScope(spy, cm, who.cm)),
    dashboardTeamUnclosed: await take(() => repo.unclosedCasesInScope(spy, sup, undefined)),
    dashboardMineEpisodes: await take(() => repo.episodesWithOpenClocks(spy, mineCases, 500)),
    dashboardTeamEpisodes: await take(() => repo.episodesWithOpenClocks(spy, teamCases, 500)),
    dashboardMineTasks: await take(() => repo.openTasksOwnedBy(spy, cm, { ownerId: who.cm, dueBefore: horizon, limit: 500 })),
    dashboardTeamTasks: await take(() => repo.openTasksOf(spy, teamCases, { dueBefore: horizon, limit: 500 })),
    findCase: await take(() => repo.findCase(spy, cm, reference)),
    episodesOf: await take(() => repo.episodesOf(spy, caseId)),
    searchNameTeam: await take(() =>
      repo.searchCases(spy, sup, {
        name: { trigrams: nameTrigrams, rare, minShared, threshold: NAME_THRESHOLD },
        limit: 50,
      }),
    ),
    searchNameOrganisation: await take(() =>
      repo.searchCases(
        spy,
        { kind: 'organisation', userId: who.cm, states: [] },
        {
          name: { trigrams: nameTrigrams, rare, minShared, threshold: NAME_THRESHOLD },
          limit: 50,
        },
      ),
    ),
  };
  await spy.destroy();
  const out: Record<string, { executionMs: number; plan: string[] }> = {};
  for (const [name, q] of Object.entries(queries)) {
    const r = await owner.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]);
    const plan = r.rows.map((row) => row['QUERY PLAN']);
    out[name] = { executionMs: Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1) ?? '')?.[1] ?? NaN), plan };
  }
  return out;
}

/** Search and dashboards measured while a `leads import` stores adverts beside them; the plans under it too. */
async function besideImport(
  env: { app: FastifyInstance; owner: pg.Client; ownerUrl: string; dataDir: string },
  who: { cm: Who; sup: Who; analyst: Who },
  typoQueries: readonly { query: string }[],
  explain: () => ReturnType<typeof plans>,
  nice?: number,
) {
  const running = await startLeadsImport(env.owner, env.ownerUrl, env.dataDir, nice);
  try {
    // A second run finds the adverts of the first: wait for this import's own rows.
    const first = await advertsStored(env.owner);
    while ((await advertsStored(env.owner)) === first) await new Promise((r) => setTimeout(r, 250));
    const storedBefore = await advertsStored(env.owner);
    const busy0 = machineBusy();
    const t0 = performance.now();
    const search = (i: number) => `/api/v1/cases?name=${encodeURIComponent(typoQueries[mod(i, typoQueries.length)]!.query)}`;
    const results = {
      searchNameTeam: await measure(env.app, who.sup, search),
      searchNameOrganisation: await measure(env.app, who.analyst, search),
      dashboardMine: await measure(env.app, who.cm, () => '/api/v1/cases/dashboard?view=mine'),
      dashboardTeam: await measure(env.app, who.sup, () => '/api/v1/cases/dashboard?view=team'),
    };
    const seconds = (performance.now() - t0) / 1000;
    const cpuBusy = (machineBusy() - busy0) / seconds / os.cpus().length;
    const load = loadAverage();
    const storedDuring = (await advertsStored(env.owner)) - storedBefore;
    const explained = await explain();
    if (running.child.exitCode !== null) throw new Error('leads import ended during the measurement');
    return {
      results,
      loadAverage: load,
      machineCpuBusyShare: Number(cpuBusy.toFixed(2)),
      measuredSeconds: Number(seconds.toFixed(1)),
      advertsStoredWhileMeasuring: storedDuring,
      plans: explained,
    };
  } finally {
    await stopLeadsImport(running);
  }
}

async function main(): Promise<void> {
  const bench = startRun('cases');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-cases-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    BEACON_DATA_DIR: dataDir,
    BEACON_REPORT_RATE_LIMIT: '100000',
    BEACON_LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
  });
  const log = createLogger('warn');
  const started = performance.now();
  const database = await startDatabase<Database>(config, log, { migrations: allMigrations });
  const keyring = await Keyring.open(config.keyFile);
  const app = await buildApp({ config, db: database.db, keyring, log });
  const owner = new pg.Client({ connectionString: database.ownerConnectionString });
  await owner.connect();
  try {
    const version = (await owner.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
    console.log(`PostgreSQL ${version}, loading ${CASES} cases × ${EPISODES_PER_CASE} episodes…`);
    // Staff through the real service; only the two who sign in get a password (argon2 is slow on purpose).
    const adminId = await addStaff(database.db, keyring, 'admin', 'bench-admin@example.test');
    const meId = await addStaff(database.db, keyring, 'case_manager', 'bench-cm@example.test');
    const supId = await addStaff(database.db, keyring, 'supervisor', 'bench-sup@example.test');
    await addStaff(database.db, keyring, 'analyst', 'bench-analyst@example.test');
    void adminId;
    const admin = await signIn(app, 'bench-admin@example.test');
    const managers: string[][] = [];
    const supervisors: string[] = [];
    const teams: string[] = [];
    const noPassword = async (role: 'case_manager' | 'supervisor', email: string) => {
      const out = await createStaffUser(
        { db: database.db, keyring, issuer: 'Bench' },
        { kind: 'system', label: 'bench' },
        { email, role, organisation: 'Bench' },
      );
      if (out.kind !== 'ok') throw new Error(out.kind);
      return out.id;
    };
    for (let t = 0; t < TEAMS; t++) {
      const m = t === 0 ? [meId] : [];
      while (m.length < MANAGERS_PER_TEAM) m.push(await noPassword('case_manager', `bench-cm-${t}-${m.length}@example.test`));
      const sup = t === 0 ? supId : await noPassword('supervisor', `bench-sup-${t}@example.test`);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/cases/teams',
        headers: headers(admin),
        payload: { name: `Bench team ${t}`, members: [...m.map((userId) => ({ userId })), { userId: sup, supervises: true }] },
      });
      if (res.statusCode !== 201) throw new Error(`team: ${res.statusCode} ${res.body}`);
      managers.push(m);
      supervisors.push(sup);
      teams.push(res.json<{ id: string }>().id);
    }
    const sealed = ciphertexts(keyring);
    const loadSeconds = await load(owner, { managers, supervisors, teams }, sealed, keyring);
    const counts = (
      await owner.query<{ cases: string; episodes: string; notes: string; tasks: string; observations: string }>(`select
      (select count(*) from cases) as cases, (select count(*) from case_episodes) as episodes, (select count(*) from case_notes) as notes,
      (select count(*) from case_tasks) as tasks, (select count(*) from case_observations) as observations`)
    ).rows[0]!;
    console.log(`loaded in ${loadSeconds.toFixed(1)} s: ${JSON.stringify(counts)}`);

    const cm = await signIn(app, 'bench-cm@example.test');
    const sup = await signIn(app, 'bench-sup@example.test');
    const analyst = await signIn(app, 'bench-analyst@example.test');
    // Cases the case manager may see: the most recent open ones of their own and their team's.
    const mine = (
      await owner.query<{ reference: string }>(
        `select reference from cases where assignee_id = $1 and status = 'open' order by updated_at desc limit 50`,
        [meId],
      )
    ).rows.map((r) => r.reference);
    const teamCases = (
      await owner.query<{ reference: string }>(
        `select reference from cases where team_id = $1 and not restricted order by random() limit 50`,
        [teams[0]],
      )
    ).rows.map((r) => r.reference);
    const rng = seededRandom(11);
    const typoQueries = Array.from({ length: SEARCH_QUERIES }, () => {
      const n = rng.int(0, CASES - 1);
      const { given, family } = nameOfCase(n);
      return {
        reference: `CASE-2026-${String(n + 1).padStart(6, '0')}`,
        query: `${withTypo(GIVEN[given]!, rng)} ${withTypo(FAMILY[family]!, rng)}`,
      };
    });
    const ref = (i: number) => mine[((i % mine.length) + mine.length) % mine.length]!;
    const teamRef = (i: number) => teamCases[((i % teamCases.length) + teamCases.length) % teamCases.length]!;

    const results = {
      listMine: await measure(app, cm, () => '/api/v1/cases?mine=true&limit=50'),
      listTeam: await measure(app, cm, () => '/api/v1/cases?limit=50'),
      listTeamOpen: await measure(app, sup, () => '/api/v1/cases?status=open&limit=50'),
      dashboardMine: await measure(app, cm, () => '/api/v1/cases/dashboard?view=mine'),
      dashboardTeam: await measure(app, sup, () => '/api/v1/cases/dashboard?view=team'),
      timeline: await measure(app, cm, (i) => `/api/v1/cases/${ref(i)}/timeline`),
      timelineTeamCase: await measure(app, sup, (i) => `/api/v1/cases/${teamRef(i)}/timeline`),
      read: await measure(app, cm, (i) => `/api/v1/cases/${ref(i)}`),
      searchNameTeam: await measure(
        app,
        sup,
        (i) => `/api/v1/cases?name=${encodeURIComponent(typoQueries[mod(i, typoQueries.length)]!.query)}`,
      ),
      searchNameOrganisation: await measure(
        app,
        analyst,
        (i) => `/api/v1/cases?name=${encodeURIComponent(typoQueries[mod(i, typoQueries.length)]!.query)}`,
      ),
    };
    const recall = await searchRecall(app, analyst, typoQueries);
    const analystId = (await owner.query<{ id: string }>(`select id from staff_users where role = 'analyst' limit 1`)).rows[0]!
      .id;
    const searchSql = await searchBeforeAfter(
      database.ownerConnectionString,
      owner,
      analystId,
      typoQueries.map((q) => blindIndex(keyring.indexKey).nameTrigrams(q.query)),
    );
    console.log(`search SQL before/after: ${JSON.stringify(searchSql)}`);
    const verdicts = {
      list: Math.max(results.listMine.p95Ms, results.listTeam.p95Ms, results.listTeamOpen.p95Ms) < TARGETS.list,
      dashboard: Math.max(results.dashboardMine.p95Ms, results.dashboardTeam.p95Ms) < TARGETS.dashboard,
      timeline: Math.max(results.timeline.p95Ms, results.timelineTeamCase.p95Ms) < TARGETS.timeline,
      search: Math.max(results.searchNameTeam.p95Ms, results.searchNameOrganisation.p95Ms) < TARGETS.search,
    };
    const scope = {
      casesInMyAssignment: Number((await owner.query(`select count(*) from cases where assignee_id = $1`, [meId])).rows[0].count),
      casesInMyTeam: Number((await owner.query(`select count(*) from cases where team_id = $1`, [teams[0]])).rows[0].count),
    };
    const explained = await plans(
      database.ownerConnectionString,
      owner,
      { cm: meId, sup: supId },
      mine[0]!,
      blindIndex(keyring.indexKey).nameTrigrams(typoQueries[0]!.query),
    );
    const quietLoad = loadAverage();
    const underImport = await besideImport(
      { app, owner, ownerUrl: database.ownerConnectionString, dataDir },
      { cm, sup, analyst },
      typoQueries,
      () =>
        plans(
          database.ownerConnectionString,
          owner,
          { cm: meId, sup: supId },
          mine[0]!,
          blindIndex(keyring.indexKey).nameTrigrams(typoQueries[0]!.query),
        ),
    );
    const nice = process.env.BENCH_IMPORT_NICE ? Number(process.env.BENCH_IMPORT_NICE) : undefined;
    const underNicedImport =
      nice === undefined
        ? undefined
        : await besideImport(
            { app, owner, ownerUrl: database.ownerConnectionString, dataDir },
            { cm, sup, analyst },
            typoQueries,
            () =>
              plans(
                database.ownerConnectionString,
                owner,
                { cm: meId, sup: supId },
                mine[0]!,
                blindIndex(keyring.indexKey).nameTrigrams(typoQueries[0]!.query),
              ),
            nice,
          );
    const focus = ['searchNameTeam', 'searchNameOrganisation', 'dashboardMine', 'dashboardTeam'] as const;
    const planNames = [
      'searchNameTeam',
      'searchNameOrganisation',
      'dashboardMineEpisodes',
      'dashboardMineTasks',
      'dashboardMineUnclosed',
      'dashboardTeamEpisodes',
      'dashboardTeamTasks',
      'dashboardTeamUnclosed',
    ] as const;
    const pick = (p: typeof explained) => Object.fromEntries(planNames.map((n) => [n, p[n]!])) as typeof explained;
    await writeFile(
      path.join(import.meta.dirname, 'results', 'cases-plans.md'),
      plansMarkdown(
        {
          Quiet: {
            note: `No import running (load average ${quietLoad.join(', ')} at the end of the quiet phase: other sessions share the machine).`,
            plans: pick(explained),
          },
          'Beside a leads import': {
            note: `A \`leads import\` (bench/processes/leads-import-beside.ts: worker threads, batches of 1,000) storing adverts in another process against the same database; load average ${underImport.loadAverage.join(', ')}.`,
            plans: pick(underImport.plans),
          },
          ...(underNicedImport
            ? {
                [`Beside a leads import at nice ${nice}`]: {
                  note: `The same import started at nice ${nice} (its worker threads inherit it; its PostgreSQL connections do not); load average ${underNicedImport.loadAverage.join(', ')}.`,
                  plans: pick(underNicedImport.plans),
                },
              }
            : {}),
        },
        `# Case search and dashboard plans at ${counts.cases} cases\n\nEXPLAIN (ANALYZE, BUFFERS) of the repository's own SQL (captured through a logging Kysely, the same parameters), as the database owner. Written by bench/cases.ts (${new Date().toISOString().slice(0, 10)}, PostgreSQL ${version}, ${os.cpus().length} cores). Figures: bench/results/cases-embedded.json.`,
      ),
    );
    const quietFocus = Object.fromEntries(focus.map((n) => [n, results[n]]));
    const verdictsUnderImport = {
      dashboard: Math.max(underImport.results.dashboardMine.p95Ms, underImport.results.dashboardTeam.p95Ms) < TARGETS.dashboard,
      search:
        Math.max(underImport.results.searchNameTeam.p95Ms, underImport.results.searchNameOrganisation.p95Ms) < TARGETS.search,
    };
    let candidates: Record<string, unknown> | undefined;
    if (process.env.BENCH_TRY_INDEXES === '1') {
      for (const ddl of CANDIDATE_INDEXES) await owner.query(ddl);
      await owner.query('analyze cases, case_episodes');
      const again = {
        listTeam: await measure(app, cm, () => '/api/v1/cases?limit=50'),
        dashboardTeam: await measure(app, sup, () => '/api/v1/cases/dashboard?view=team'),
      };
      const p = await plans(
        database.ownerConnectionString,
        owner,
        { cm: meId, sup: supId },
        mine[0]!,
        blindIndex(keyring.indexKey).nameTrigrams(typoQueries[0]!.query),
      );
      candidates = {
        indexes: CANDIDATE_INDEXES,
        results: again,
        plans: { listTeam: p.listTeam, dashboardTeamEpisodes: p.dashboardTeamEpisodes, dashboardTeamTasks: p.dashboardTeamTasks },
      };
      for (const [name, r] of Object.entries(again))
        console.log(`with candidate indexes: ${name.padEnd(14)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  max ${r.maxMs} ms`);
      for (const name of ['listTeam', 'dashboardTeamEpisodes', 'dashboardTeamTasks'] as const)
        console.log(`with candidate indexes: SQL ${name} ${p[name]?.executionMs} ms`);
    }
    const out = {
      target: 'embedded',
      postgres: version,
      via: 'HTTP (app.inject on buildApp, signed-in staff sessions; no network)',
      data: {
        ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])),
        teams: TEAMS,
        caseManagers: TEAMS * MANAGERS_PER_TEAM,
        ...scope,
      },
      loadSeconds: Number(loadSeconds.toFixed(1)),
      targetsMs: TARGETS,
      results,
      meetsTargets: verdicts,
      besideLeadsImport: {
        how: 'bench/processes/leads-import-beside.ts in a child process (loadAdverts: worker threads extract, batches of 1,000 stored and matched) against the same database, measured once it was storing',
        quiet: { results: quietFocus, loadAverage: quietLoad },
        underImport: { ...underImport, plans: undefined },
        ...(underNicedImport ? { underNicedImport: { nice, ...underNicedImport, plans: undefined } } : {}),
        meetsTargetsUnderImport: verdictsUnderImport,
      },
      search: {
        queries: SEARCH_QUERIES,
        examples: typoQueries.slice(0, 5).map((q) => q.query),
        ...recall,
        sqlBeforeAfter: searchSql,
      },
      plans: explained,
      ...(candidates ? { withCandidateIndexes: candidates } : {}),
      totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    await bench.write(out, 'cases-embedded');
    for (const [name, r] of Object.entries(results))
      console.log(`${name.padEnd(18)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  max ${r.maxMs} ms  (${r.runs} runs)`);
    for (const [name, p] of Object.entries(explained))
      console.log(`SQL ${name.padEnd(22)} ${p.executionMs} ms (EXPLAIN ANALYZE)`);
    for (const [name, r] of Object.entries(underImport.results))
      console.log(`beside import: ${name.padEnd(22)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  max ${r.maxMs} ms`);
    console.log(`beside import: ${JSON.stringify({ ...underImport, plans: undefined, results: undefined })}`);
    if (underNicedImport) {
      for (const [name, r] of Object.entries(underNicedImport.results))
        console.log(`beside niced import: ${name.padEnd(22)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  max ${r.maxMs} ms`);
      console.log(`beside niced import: ${JSON.stringify({ ...underNicedImport, plans: undefined, results: undefined })}`);
    }
    console.log(
      `targets: ${JSON.stringify(verdicts)}; under import ${JSON.stringify(verdictsUnderImport)}; total ${out.totalSeconds} s`,
    );
  } finally {
    await owner.end();
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
