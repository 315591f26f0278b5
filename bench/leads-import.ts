/**
 * `beacon leads import` bench: ADVERTS generated adverts (default 100,000) into a fresh embedded
 * PostgreSQL (or BENCH_DATABASE_URL), timed by phase: extraction + storing (worker threads, unnest
 * batches of 1,000, one transaction each), linking, matching; then the same file again (every
 * advert already present: the resume path). Also the single-thread extraction cost per advert and
 * the storing rate without extraction. Results go to bench/results/leads-import.json.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/core/config.ts';
import { createLogger } from '../src/core/logger.ts';
import type { Database } from '../src/database.ts';
import { startDatabase } from '../src/db/index.ts';
import { extractIdentifiers, compileLexicon, loadLexicon, parseAdvertLine } from '../src/leads/index.ts';
import { linkPending, matchAll } from '../src/leads/store/index.ts';
import { loadAdverts, storeBatch } from '../src/leads/store/import.ts';
import { prepareAdvert, type PreparedAdvert } from '../src/leads/store/prepare.ts';
import { allMigrations, leadsDepsOf } from '../src/modules.ts';
import { blindIndex, Keyring } from '../src/security/index.ts';
import { advertStream } from '../test/adverts/generator.ts';
import { startRun } from './envelope.ts';
import { postgresCpuSeconds } from './postgres-cpu.ts';

const ADVERTS = Number(process.env.ADVERTS ?? 100_000);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
/** CPU seconds beside wall time: this process (workers included) and the whole machine (PostgreSQL and anything else running). */
const machineBusy = () => os.cpus().reduce((s, c) => s + c.times.user + c.times.sys + c.times.nice + c.times.irq, 0) / 1000;
const cpuMark = () => ({ own: process.cpuUsage(), machine: machineBusy() });
const cpuSince = (m: ReturnType<typeof cpuMark>) => {
  const u = process.cpuUsage(m.own);
  return {
    processCpuSeconds: Math.round((u.user + u.system) / 1e4) / 100,
    machineCpuSeconds: Math.round((machineBusy() - m.machine) * 100) / 100,
  };
};
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

async function writeCollection(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (const { truth: _truth, ...advert } of advertStream(ADVERTS, 42)) {
    if (!out.write(`${JSON.stringify(advert)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function extractionCost(lines: string[], keyring: Keyring): { msPerAdvert: number; prepared: PreparedAdvert[] } {
  const index = blindIndex(keyring.indexKey);
  const deps = {
    extract: (t: string) => extractIdentifiers(t, { defaultCountry: 'US' }),
    matcher: compileLexicon(loadLexicon()),
    tokenOf: (k: 'phone' | 'email' | 'handle', v: string) => index.token(k, v),
  };
  const t0 = performance.now();
  const prepared = lines.map((l) => {
    const parsed = parseAdvertLine(l);
    if (!parsed.ok) throw new Error('generated advert did not parse');
    return prepareAdvert(parsed.advert, deps);
  });
  return { msPerAdvert: Math.round(((performance.now() - t0) / lines.length) * 1000) / 1000, prepared };
}

async function main() {
  const bench = startRun('leads-import');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-leads-'));
  const file = path.join(dir, 'adverts.jsonl');
  await writeCollection(file);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-leads-data-'));
  const config = loadConfig({
    BEACON_DATA_DIR: dataDir,
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  });
  const keyring = await Keyring.open(config.keyFile);
  const database = await startDatabase<Database>(config, createLogger('warn'), { migrations: allMigrations, poolSize: 4 });
  const db = database.db;
  const leads = leadsDepsOf({ db, keyring });
  try {
    const t0 = performance.now();
    const cpu0 = cpuMark();
    const pg0 = postgresCpuSeconds(dataDir);
    const counts = await loadAdverts(leads, { input: file, format: 'jsonl', stderr: quiet });
    const storeSeconds = seconds(t0);
    const pg1 = postgresCpuSeconds(dataDir);
    const storeCpu = {
      ...cpuSince(cpu0),
      postgresCpuSeconds: pg0 === null || pg1 === null ? null : Math.round((pg1 - pg0) * 100) / 100,
    };
    const t1 = performance.now();
    const link = await linkPending(db);
    const linkSeconds = seconds(t1);
    // Matching runs inside each stored batch; this is the separate pass over every advert (`leads match`).
    const t2 = performance.now();
    await matchAll(leads);
    const matchAllSeconds = seconds(t2);
    const t3 = performance.now();
    const again = await loadAdverts(leads, { input: file, format: 'jsonl', stderr: quiet });
    const rerunSeconds = seconds(t3);

    const sample = [...advertStream(5_000, 99)].map(({ truth: _truth, ...a }) => JSON.stringify({ ...a, id: `sample-${a.id}` }));
    const { msPerAdvert, prepared } = extractionCost(sample, keyring);
    const t4 = performance.now();
    for (let i = 0; i < prepared.length; i += 1000) await storeBatch(leads, db, prepared.slice(i, i + 1000));
    const storeAndMatchOnlyPerSecond = Math.round(prepared.length / ((performance.now() - t4) / 1000));

    const total = storeSeconds + linkSeconds;
    const cores = os.availableParallelism();
    // Extraction and storing are CPU-bound: with every core busy, the import cannot take less than its CPU time over the cores.
    const cpuPerAdvertMs =
      storeCpu.postgresCpuSeconds === null ? null : ((storeCpu.processCpuSeconds + storeCpu.postgresCpuSeconds) * 1000) / ADVERTS;
    const floorSecondsFor1M =
      cpuPerAdvertMs === null
        ? null
        : Math.round((cpuPerAdvertMs * 1_000_000) / 1000 / cores + (linkSeconds * 1_000_000) / ADVERTS);
    const result = {
      database: process.env.BENCH_DATABASE_URL ? 'server' : 'embedded',
      adverts: ADVERTS,
      strategy:
        'extraction in one worker thread per core; multi-row INSERT … SELECT FROM unnest(arrays) in batches of 1,000, two batches stored at once, one transaction each, ON CONFLICT (source_id) DO NOTHING',
      import: {
        seconds: total,
        advertsPerSecond: Math.round(ADVERTS / total),
        extractStoreAndMatchSeconds: storeSeconds,
        extractStoreAndMatchCpu: storeCpu,
        loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(1))),
        linkSeconds,
        inserted: counts.inserted,
        networks: link.newNetworks,
        hubsFound: link.newHubs.length,
        leads: counts.leads,
      },
      matchAllSeconds,
      rerun: { seconds: rerunSeconds, duplicates: again.duplicates, inserted: again.inserted },
      extractionMsPerAdvertOneThread: msPerAdvert,
      storeAndMatchAdvertsPerSecondWithoutExtraction: storeAndMatchOnlyPerSecond,
      projectedSecondsFor1M: Math.round((total * 1_000_000) / ADVERTS),
      cores,
      cpuMsPerAdvertNodeAndPostgres: cpuPerAdvertMs === null ? null : Math.round(cpuPerAdvertMs * 1000) / 1000,
      floorSecondsFor1MOnTheseCores: floorSecondsFor1M,
    };
    await bench.write(result);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
