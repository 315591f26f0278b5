/**
 * Advert text search at scale: ADVERTS generated adverts (default 1,000,000; title, body, place and
 * time only, no extraction) stored in a fresh embedded PostgreSQL with the leads migrations (trigram
 * index over title and body), then the search the staff app runs (`searchAdverts`, newest 100) for
 * rare words, common words, phone fragments and Spanish, each query several times. Reports p50/p95,
 * CPU seconds of this process and of the whole machine beside wall time, and the query plans.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/core/config.ts';
import { createLogger } from '../src/core/logger.ts';
import type { Database } from '../src/database.ts';
import { startDatabase } from '../src/db/index.ts';
import { RECENT_WINDOW, searchAdverts } from '../src/leads/store/repo.ts';
import { allMigrations } from '../src/modules.ts';
import { advertStream } from '../test/adverts/generator.ts';
import { startRun } from './envelope.ts';
import { stats } from './stats.ts';

const ADVERTS = Number(process.env.ADVERTS ?? 1_000_000);
const BATCH = 5_000;
const QUERIES = [
  'young',
  'new in town',
  'roses',
  'donation',
  'Tulsa',
  'latina',
  'ask for',
  'screening',
  '555',
  'nueva',
  'discreet',
  'xq7z',
];
const RUNS = 5;

const machineBusy = () => os.cpus().reduce((s, c) => s + c.times.user + c.times.sys + c.times.nice + c.times.irq, 0) / 1000;
const cpuNow = () => ({ node: process.cpuUsage(), machine: machineBusy(), wall: performance.now() });
const cpuSince = (t: ReturnType<typeof cpuNow>) => {
  const u = process.cpuUsage(t.node);
  return {
    wallSeconds: Number(((performance.now() - t.wall) / 1000).toFixed(2)),
    nodeCpuSeconds: Number(((u.user + u.system) / 1e6).toFixed(2)),
    machineCpuSeconds: Number((machineBusy() - t.machine).toFixed(2)),
  };
};

async function main() {
  const bench = startRun('advert-search');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-search-'));
  const config = loadConfig({ BEACON_DATA_DIR: dataDir });
  const database = await startDatabase<Database>(config, createLogger('warn'), { migrations: allMigrations, poolSize: 4 });
  const db = database.db;
  try {
    const tLoad = cpuNow();
    let batch: { s: string; t: string; b: string; st: string | null; c: string | null; p: string | null }[] = [];
    const flush = async () => {
      const col = <T>(f: (r: (typeof batch)[number]) => T) => batch.map(f);
      await sql`insert into adverts (source_id, title, body, state, city, posted_at)
        select * from unnest(${col((r) => r.s)}::text[], ${col((r) => r.t)}::text[], ${col((r) => r.b)}::text[],
          ${col((r) => r.st)}::text[], ${col((r) => r.c)}::text[], ${col((r) => r.p)}::timestamptz[])`.execute(db);
      batch = [];
    };
    for (const a of advertStream(ADVERTS, 7)) {
      batch.push({ s: a.id, t: a.title, b: a.body, st: a.state, c: a.city, p: a.posted_at });
      if (batch.length === BATCH) await flush();
    }
    if (batch.length) await flush();
    await sql`analyze adverts`.execute(db);
    const load = cpuSince(tLoad);

    const tSearch = cpuNow();
    const perQuery: Record<string, ReturnType<typeof stats> & { rows: number }> = {};
    const all: number[] = [];
    for (const q of QUERIES) {
      const samples: number[] = [];
      let rows = 0;
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        rows = (await searchAdverts(db, { q, limit: 100 })).length;
        samples.push(performance.now() - t0);
      }
      all.push(...samples.slice(1)); // the first run of each query warms its pages
      perQuery[q] = { ...stats(samples.slice(1)), rows };
    }
    const search = cpuSince(tSearch);
    // The plans of the two steps `searchAdverts` takes (src/leads/store/repo.ts), and of the single
    // ordered query it replaced, whose plan the planner chose from its estimate alone.
    const plans: Record<string, Record<string, string>> = {};
    const cutoff = (
      await sql<{
        posted_at: Date;
      }>`select posted_at from adverts order by posted_at desc, id desc offset ${RECENT_WINDOW - 1} limit 1`.execute(db)
    ).rows[0]?.posted_at;
    const text = sql`(coalesce(a.title, '') || ' ' || coalesce(a.body, ''))`;
    const planOf = async (query: ReturnType<typeof sql>) =>
      (await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers off, costs off, timing off) ${query}`.execute(db)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    for (const q of ['young', 'xq7z', 'new in town', 'Tulsa', '555', 'roses']) {
      const like = `%${q}%`;
      plans[q] = {
        newestWindow: await planOf(sql`select a.id from adverts a left join advert_links l on l.advert_id = a.id
          where ${text} ilike ${like} and (a.posted_at >= ${cutoff ?? null} or a.posted_at is null)
          order by a.posted_at desc, a.id desc limit 100`),
        trigramIndex: await planOf(sql`with matches as materialized (
            select a.id, a.posted_at from adverts a left join advert_links l on l.advert_id = a.id where ${text} ilike ${like})
          select id from matches order by posted_at desc, id desc limit 100`),
        singleQueryBefore: await planOf(sql`select a.id from adverts a left join advert_links l on l.advert_id = a.id
          where ${text} ilike ${like} order by a.posted_at desc, a.id desc limit 100`),
      };
    }
    const result = {
      adverts: ADVERTS,
      index: 'GIN pg_trgm over coalesce(title) || coalesce(body); B-tree (posted_at desc, id desc)',
      strategy: `the newest ${RECENT_WINDOW} adverts first; when they do not fill the page, every match through the trigram index, sorted`,
      load,
      search: { ...stats(all), cpu: search, perQuery },
      plans,
    };
    await bench.write(result);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
