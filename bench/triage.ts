/**
 * Triage benchmark (issue 5, "Performance"): with 1,000,000 tips in the database, the queue's first
 * page, a tip's linked-items panel (the whole workbench read: identifiers, linked tips and cases,
 * likely duplicates, notes), the fuzzy duplicate search alone, and the analysis of a new tip
 * (extraction, tokens, links, rules, one transaction).
 *
 *   npx tsx bench/triage.ts                 # 1,000,000 tips, embedded PostgreSQL
 *   BENCH_TIPS=100000 npx tsx bench/triage.ts
 *
 * Tips are loaded by set-based SQL. Bodies are 2,000 real ciphertexts (made once with the keyring)
 * reused round robin; each body names one fictional phone number (NXX-555-01XX), so a number is
 * shared by about 500 tips — a heavy case for the linked-items panel. Child names come from 100
 * given × 200 family names, tokenised with the blind index as the analyser does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { loadConfig } from '../src/core/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { seededRandom } from '../src/core/random.ts';
import type { Database } from '../src/database.ts';
import { startDatabase } from '../src/db/index.ts';
import { allMigrations } from '../src/modules.ts';
import { buildApp } from '../src/http/app.ts';
import { blindIndex, Keyring } from '../src/security/index.ts';
import { analyseReport, analysisDepsOf } from '../src/analysis/index.ts';
import { reportBody } from '../src/intake/index.ts';
import { seal } from '../src/security/sealing.ts';
import { duplicatesOf } from '../src/analysis/triage/tip.service.ts';
import { addStaff, signIn } from '../test/staff.ts';
import { startRun } from './envelope.ts';
import { stats } from './stats.ts';

const TIPS = Number(process.env.BENCH_TIPS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const BODIES = 2_000;
const TARGETS = { queueFirstPage: 100, linkedItems: 200, duplicates: 100, analyseNewTip: 50 } as const;
const GIVEN =
  'Aaliyah Abigail Adriana Aiden Alejandro Alexis Amara Amelia Ana Andres Angel Anthony Aria Ariana Ashley Aubrey Ava Brianna Brooklyn Camila Carlos Carmen Chloe Daniela David Destiny Diego Dominic Elena Elijah Emily Emma Esperanza Ethan Evelyn Gabriel Gabriela Genesis Grace Hailey Hannah Isabella Isaiah Jacob Jada Jasmine Jayden Jaylynn Jessica Jordan Jose Josiah Juan Julia Kayla Kimberly Leah Liam Lily Lucia Luis Madison Makayla Maria Mariah Marisol Mason Maya Mia Michael Natalia Nevaeh Nicole Noah Paige Paola Priya Rosa Ruby Samantha Santiago Sarah Savannah Sofia Stephanie Taylor Trinity Valentina Valeria Vanessa Victoria Ximena Yesenia Zoe Zuri Keisha Tamika'.split(
    ' ',
  );
const FAMILY =
  'Adams Aguilar Alvarez Anderson Baker Banks Bell Brooks Brown Bryant Butler Campbell Carter Castillo Castro Chavez Clark Coleman Collins Cook Cooper Cruz Davis Diaz Edwards Evans Flores Foster Garcia Gomez Gonzalez Gray Green Griffin Gutierrez Hall Harris Hayes Henderson Hernandez Hill Holmes Howard Hughes Jackson James Jenkins Jimenez Johnson Jones Jordan Kelly Kim King Lee Lewis Long Lopez Marshall Martin Martinez Medina Mendoza Miller Mitchell Moore Morales Moreno Morgan Morris Murphy Myers Nelson Nguyen Okafor Ortiz Owens Parker Patel Perez Perry Peterson Phillips Powell Price Ramirez Ramos Reed Reyes Richardson Rivera Roberts Robinson Rodriguez Rogers Romero Ross Ruiz Russell Sanchez Sanders Scott Simmons Smith Stewart Sullivan Taylor Thomas Thompson Torres Turner Vargas Vasquez Walker Ward Washington Watson White Williams Wilson Wood Wright Young Abara Adeyemi Bautista Benally Begay Castaneda Delgado Dominguez Espinoza Estrada Figueroa Fuentes Guerrero Herrera Ibarra Juarez Lara Luna Maldonado Marquez Mejia Mendez Miranda Molina Navarro Nunez Orozco Pacheco Padilla Pena Rios Rosales Salazar Sandoval Santiago Santos Serrano Silva Soto Suarez Tapia Trujillo Valdez Vega Velasquez Villa Yazzie Zamora Tsosie Nakai Chee Ochoa Cardenas Acosta Avila Cervantes Cortez Duran Galvan Ibanez Lucero Montoya'.split(
    ' ',
  );
const STATES = ['OK', 'TX', 'CA', 'NY', 'FL', 'IL', 'GA', 'OH', 'AZ', 'WA', 'NV', 'CO', 'MI', 'PA', 'NC', 'TN'] as const;

/** Area codes libphonenumber accepts, so every body's number is found as it would be in a real tip. */
const AREAS = Array.from({ length: 800 }, (_, i) => 200 + i).filter((a) =>
  parsePhoneNumberFromString(`+1${a}5550100`)?.isValid(),
);
const phoneOf = (b: number) => ({ area: AREAS[b % AREAS.length]!, line: 100 + (b % 100) });
const nameOf = (n: number) =>
  `${GIVEN[(n * 7) % GIVEN.length]} ${FAMILY[(n * 13 + Math.floor(n / GIVEN.length)) % FAMILY.length]}`;

/** Times each run; a run that returns a number has timed its own inner part (set-up left out). */
async function timed(runs: number, work: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const inner = await work(i);
    samples.push(typeof inner === 'number' ? inner : performance.now() - t);
  }
  return stats(samples);
}

async function load(owner: pg.Client, keyring: Keyring): Promise<number> {
  const t0 = performance.now();
  const index = blindIndex(keyring.indexKey);
  const bodies: string[] = [];
  const phoneTokens: string[] = [];
  for (let b = 0; b < BODIES; b++) {
    const { area, line } = phoneOf(b);
    bodies.push(
      seal(keyring, reportBody, {
        incident: {
          type: 'child_sex_trafficking',
          description: `Synthetic tip ${b}: an advert for a young girl lists ${area}-555-0${line}; the reporter saw her at a truck stop.`,
        },
        location: { city: 'Synthetic City', state: STATES[b % STATES.length] },
        children: [{ approximateAge: 13 + (b % 5), name: nameOf(b) }],
        reporter: { anonymous: true, consentToContact: false },
      }),
    );
    phoneTokens.push(index.token('phone', `+1${area}5550${line}`));
  }
  const names = Array.from({ length: BODIES }, (_, n) => index.nameTrigrams(nameOf(n)));
  const cores = Array.from({ length: BODIES }, (_, n) => index.nameCoreTrigrams(nameOf(n)));
  await owner.query('create temp table bench_bodies (i int primary key, body text, token text)');
  await owner.query('insert into bench_bodies select * from unnest($1::int[], $2::text[], $3::text[])', [
    bodies.map((_, i) => i),
    bodies,
    phoneTokens,
  ]);
  await owner.query('create temp table bench_names (i int primary key, tokens int4[], core int4[])');
  await owner.query(
    `insert into bench_names select i, array(select jsonb_array_elements_text(t)::int), array(select jsonb_array_elements_text(c)::int)
    from unnest($1::int[], $2::jsonb[], $3::jsonb[]) as u(i, t, c)`,
    [names.map((_, i) => i), names.map((t) => JSON.stringify(t)), cores.map((t) => JSON.stringify(t))],
  );
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    await owner.query(sql, params);
    console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const states = `(array['${STATES.join("','")}'])[1 + n % ${STATES.length}]`;
  await step(
    'reports',
    `insert into reports (id, reference, received_at, channel, status, incident_type, state, city, child_ages, escalated, anonymous, body_enc)
    select gen_random_uuid(), 'BCN-2025-' || lpad(n::text, 7, '0'), now() - (${TIPS} - n) * interval '20 seconds', 'web_form', 'new', 'child_sex_trafficking',
      ${states}, 'Synthetic City', array[13 + n % 5], false, true, b.body
    from generate_series(1, ${TIPS}) n join bench_bodies b on b.i = n % ${BODIES}`,
  );
  // About 2% of tips are still open (the newest 10,000 and one in a hundred of the rest); the others were referred or closed.
  await step(
    'tip_triage',
    `insert into tip_triage (report_id, reference, status, priority, fired, rules_version, received_at, due_at, state, city, name_trigrams, name_core_trigrams)
    select r.id, r.reference,
      case when n > ${TIPS} - 10000 or n % 100 = 0 then (case when n % 3 = 0 then 'in_review' else 'new' end) when n % 4 = 0 then 'referred' else 'closed' end,
      (n % 7) % 4, '[]'::jsonb, 1, r.received_at, r.received_at + interval '24 hours', r.state, r.city, nm.tokens, nm.core
    from (select id, reference, received_at, state, city, substring(reference from 10)::int as n from reports) r
    join bench_names nm on nm.i = r.n % ${BODIES}`,
  );
  await step(
    'tip_identifiers',
    `insert into tip_identifiers (report_id, kind, token)
    select r.id, 'phone', b.token from (select id, substring(reference from 10)::int as n from reports) r join bench_bodies b on b.i = r.n % ${BODIES}`,
  );
  await owner.query('analyze');
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const bench = startRun('triage');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-triage-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    BEACON_DATA_DIR: dataDir,
    BEACON_REPORT_RATE_LIMIT: '1000000',
    BEACON_LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  });
  const log = createLogger('warn');
  const database = await startDatabase<Database>(config, log, { migrations: allMigrations });
  const keyring = await Keyring.open(config.keyFile);
  const app = await buildApp({ config, db: database.db, keyring, log });
  const owner = new pg.Client({ connectionString: database.ownerConnectionString });
  await owner.connect();
  try {
    const version = (await owner.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
    console.log(`PostgreSQL ${version}, loading ${TIPS} tips…`);
    const loadSeconds = await load(owner, keyring);
    console.log(`loaded in ${loadSeconds.toFixed(0)} s`);
    const analystId = await addStaff(database.db, keyring, 'analyst', 'bench-analyst@example.test');
    const who = await signIn(app, 'bench-analyst@example.test');
    const headers = { cookie: who.cookie, 'x-csrf-token': who.csrf };
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    };
    const rng = seededRandom(26);
    const openRefs = (
      await owner.query<{ reference: string }>(
        `select reference from tip_triage where status in ('new', 'in_review') order by random() limit ${RUNS}`,
      )
    ).rows.map((r) => r.reference);
    const deps = analysisDepsOf({ db: database.db, keyring });
    const analystActor = {
      kind: 'staff',
      id: analystId,
      email: 'bench-analyst@example.test',
      role: 'analyst',
      organisation: 'Bench',
      jurisdictions: [],
      assignments: [],
    } as const;
    const duplicatesFound: number[] = [];
    const results = {
      queueFirstPage: await timed(RUNS, () => get('/api/v1/triage/queue?limit=50')),
      linkedItems: await timed(RUNS, (i) => get(`/api/v1/triage/tips/${openRefs[i % openRefs.length]}`)),
      duplicates: await timed(RUNS, async (i) => {
        const tip = await database.db
          .selectFrom('tip_triage')
          .select(['report_id', 'name_trigrams', 'name_core_trigrams', 'state', 'received_at'])
          .where('reference', '=', openRefs[i % openRefs.length]!)
          .executeTakeFirstOrThrow();
        const t = performance.now();
        const found = await duplicatesOf(database.db, analystActor, tip);
        duplicatesFound.push(found.length);
        return performance.now() - t;
      }),
      analyseNewTip: await timed(RUNS, async (i) => {
        const b = Math.floor(rng.next() * BODIES);
        const { area, line } = phoneOf(b);
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          payload: {
            incident: {
              description: `New synthetic tip ${i}: the advert says text ${area} 555 0${line}, new girl in town, she says she is 14.`,
            },
            location: { city: 'Synthetic City', state: STATES[b % STATES.length] },
            children: [{ approximateAge: 14, name: nameOf(b) }],
          },
        });
        const reference = res.json<{ reference: string }>().reference;
        const row = await database.db
          .selectFrom('reports')
          .select('id')
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        const t = performance.now();
        await analyseReport(deps, row.id);
        return performance.now() - t;
      }),
    };
    const met = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.p95Ms < TARGETS[k as keyof typeof TARGETS]]));
    const out = {
      tips: TIPS,
      target: process.env.BENCH_DATABASE_URL ? 'server' : 'embedded',
      postgres: version,
      via: 'HTTP (app.inject on buildApp, signed-in analyst) for the queue and the workbench; direct calls for the duplicate search and the analysis of a new tip',
      loadSeconds: Math.round(loadSeconds),
      targetsMs: TARGETS,
      results,
      met,
      duplicatesProposedPerTip: duplicatesFound.length
        ? Math.round((duplicatesFound.reduce((a, b) => a + b, 0) / duplicatesFound.length) * 10) / 10
        : 0,
    };
    await bench.write(out, `triage-${out.target}`);
    for (const [name, r] of Object.entries(results))
      console.log(
        `${name.padEnd(16)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  max ${r.maxMs} ms  (target ${TARGETS[name as keyof typeof TARGETS]} ms)`,
      );
  } finally {
    await owner.end();
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
