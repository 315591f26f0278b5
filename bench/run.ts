/**
 * `npm run bench`: sustained accepted tips per second through `POST /api/v1/reports` (autocannon,
 * loopback, the real server process), against the embedded PostgreSQL and, when BENCH_DATABASE_URL
 * (or TEST_DATABASE_URL) names a server, against that too; and in the same run the baseline of plain
 * single-row INSERTs of the same data through `pg` at the same concurrency.
 * Figures depend on the machine and on what else runs on it: compare runs on one machine.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { seededRandom } from '../src/core/random.ts';
import { demoReport } from '../src/intake/intake.demo.ts';
import { beacon, startServer, superuser, type RunningServer } from '../e2e/server.ts';
import { startRun } from './envelope.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Figures {
  target: string;
  postgres: string;
  connections: number;
  seconds: number;
  api: { acceptedPerSecond: number; p50Ms: number; p99Ms: number; non201: number };
  espBatch: { acceptedPerSecond: number; requestP99Ms: number; failedItems: number };
  baseline: { insertsPerSecond: number; p99Ms: number };
  ratio: number;
}

function bodies(n: number): string[] {
  const rng = seededRandom(99);
  return Array.from({ length: n }, () => JSON.stringify(demoReport(rng)));
}

async function api(url: string, payloads: string[]) {
  let i = 0;
  const result = await autocannon({
    url: `${url}/api/v1/reports`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: payloads[i++ % payloads.length]! }),
      },
    ],
  });
  const accepted = result['2xx'];
  return {
    acceptedPerSecond: Math.round(accepted / SECONDS),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non201: result.non2xx + result.errors,
  };
}

/** The ESP batch route: 100 tips per request, each with its own key. */
async function espBatch(server: RunningServer, payloads: string[]) {
  const created = beacon(server, ['tokens', 'create', '--org', 'Bench ESP', '--scope', 'esp:report']);
  const token = /(bcn_esp_[\w-]+)/.exec(created.stdout)?.[1];
  if (!token) throw new Error(`no token: ${created.stdout} ${created.stderr}`);
  let batch = 0;
  let accepted = 0;
  let failedItems = 0;
  const result = await autocannon({
    url: `${server.url}/api/v1/esp/batch`,
    connections: 4,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => {
          const b = batch++;
          const reports = Array.from({ length: 100 }, (_, i) => ({
            key: `bench-${b}-${i}`,
            report: JSON.parse(payloads[(b * 100 + i) % payloads.length]!) as unknown,
          }));
          return { ...req, body: JSON.stringify({ reports }) };
        },
        onResponse: (status, body) => {
          if (status !== 200) return;
          for (const r of (JSON.parse(body) as { results: { reference?: string }[] }).results) {
            if (r.reference) accepted++;
            else failedItems++;
          }
        },
      },
    ],
  });
  return {
    acceptedPerSecond: Math.round(accepted / SECONDS),
    requestP99Ms: result.latency.p99,
    failedItems: failedItems + result.non2xx * 100,
  };
}

/** The same tips as plain single-row INSERTs: what the database alone can take at this concurrency. */
async function baseline(client: () => Promise<pg.Client>, payloads: string[]) {
  const setup = await client();
  await setup.query(
    'create table if not exists bench_baseline (id uuid primary key, body jsonb not null, received_at timestamptz not null default now())',
  );
  await setup.end();
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, client));
  const latencies: number[] = [];
  let done = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (c, k) => {
      let i = k;
      while (Date.now() < until) {
        const t0 = performance.now();
        await c.query('insert into bench_baseline (id, body) values ($1, $2)', [
          crypto.randomUUID(),
          payloads[i++ % payloads.length],
        ]);
        latencies.push(performance.now() - t0);
        done++;
      }
    }),
  );
  await Promise.all(clients.map((c) => c.end()));
  latencies.sort((a, b) => a - b);
  return {
    insertsPerSecond: Math.round(done / SECONDS),
    p99Ms: Number(latencies[Math.floor(latencies.length * 0.99)]!.toFixed(1)),
  };
}

async function benchEmbedded(payloads: string[]): Promise<Figures> {
  const server = await startServer({
    env: { LOG_LEVEL: 'warn', BEACON_REPORT_RATE_LIMIT: '100000000', BEACON_ESP_RATE_LIMIT: '100000000' },
  });
  try {
    const figures = await api(server.url, payloads);
    const batch = await espBatch(server, payloads);
    const base = await baseline(() => superuser(server.dataDir), payloads);
    const version = await superuser(server.dataDir).then(async (c) => {
      const v = (await c.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
      await c.end();
      return v;
    });
    return {
      target: 'embedded',
      postgres: version,
      connections: CONNECTIONS,
      seconds: SECONDS,
      api: figures,
      espBatch: batch,
      baseline: base,
      ratio: Number((figures.acceptedPerSecond / base.insertsPerSecond).toFixed(2)),
    };
  } finally {
    await server.stop();
  }
}

async function benchServer(adminUrl: string, payloads: string[]): Promise<Figures> {
  const name = `beacon_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const version = (await admin.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const server = await startServer({
    databaseUrl: url.toString(),
    env: { LOG_LEVEL: 'warn', BEACON_REPORT_RATE_LIMIT: '100000000', BEACON_ESP_RATE_LIMIT: '100000000' },
  });
  try {
    const figures = await api(server.url, payloads);
    const batch = await espBatch(server, payloads);
    const base = await baseline(async () => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      return c;
    }, payloads);
    return {
      target: 'server',
      postgres: version,
      connections: CONNECTIONS,
      seconds: SECONDS,
      api: figures,
      espBatch: batch,
      baseline: base,
      ratio: Number((figures.acceptedPerSecond / base.insertsPerSecond).toFixed(2)),
    };
  } finally {
    await server.stop();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const bench = startRun('intake');
  const payloads = bodies(5_000);
  const runs: Figures[] = [await benchEmbedded(payloads)];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (serverUrl) runs.push(await benchServer(serverUrl, payloads));
  for (const f of runs) {
    await bench.write(f, `intake-${f.target}`);
    console.log(
      `${f.target} (PostgreSQL ${f.postgres}), ${f.connections} connections, ${f.seconds} s: ` +
        `API ${f.api.acceptedPerSecond} tips/s (p50 ${f.api.p50Ms} ms, p99 ${f.api.p99Ms} ms, ${f.api.non201} not 201); ` +
        `ESP batch ${f.espBatch.acceptedPerSecond} tips/s (request p99 ${f.espBatch.requestP99Ms} ms, ${f.espBatch.failedItems} failed); ` +
        `plain INSERT ${f.baseline.insertsPerSecond}/s (p99 ${f.baseline.p99Ms} ms); ratio ${f.ratio}`,
    );
  }
}

await main();
