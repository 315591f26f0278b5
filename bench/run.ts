/**
 * `npm run bench`: tip submission and queue reads on the embedded PostgreSQL, through real HTTP.
 * Figures depend on the machine and what else runs on it; compare runs on the same machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/core/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { seededRandom } from '../src/core/random.ts';
import { startDatabase } from '../src/db/index.ts';
import { buildApp } from '../src/http/app.ts';
import { demoReport } from '../src/intake/index.ts';
import { Keyring } from '../src/security/crypto.ts';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const CONCURRENCY = 16;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', BEACON_DATA_DIR: dataDir, BEACON_REPORT_RATE_LIMIT: '1000000', PORT: '0' });
  const log = createLogger('warn');
  const keyring = await Keyring.open(config.keyFile);
  const database = await startDatabase({ ...config, databaseUrl: undefined }, log, { poolSize: 20 });
  const app = await buildApp({ config, db: database.db, keyring, log });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const rng = seededRandom(99);
  const bodies = Array.from({ length: SUBMISSIONS }, () => JSON.stringify(demoReport(rng)));
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const t0 = performance.now();
      const res = await fetch(`${address}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (res.status !== 201) throw new Error(`status ${res.status}`);
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`POST /api/v1/reports: ${SUBMISSIONS} tips, ${CONCURRENCY} clients: ${(SUBMISSIONS / seconds).toFixed(0)} tips/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  await app.close();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}

await main();
