import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobQueue, startJobs, type RunningJobs, type RunningQueue } from '../../src/core/jobs.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { Db } from '../../src/database.ts';
import { APP_ROLE, createPool, kyselyFor } from '../../src/db/index.ts';
import { modules } from '../../src/modules.ts';
import { sealAll, verifyAuditChain } from '../../src/security/index.ts';
import { createTestDatabase, testApp, testKeyring, type TestDatabase } from '../harness.ts';
import { addStaff, signIn, type Who } from '../staff.ts';

/** A Beacon server as `npm start` composes it: its own pool, routes, local jobs and job queue worker. */
interface Server {
  app: FastifyInstance;
  url: string;
  db: Db;
  local: RunningJobs;
  queue: RunningQueue;
}

let t: TestDatabase;
/** Tips a caller may send a minute, counted across both servers. */
const TIP_LIMIT = 12;
const servers: Server[] = [];
const quick = { expireSeconds: 60, maintenanceSeconds: 5, pollingSeconds: 0.5, retryLimit: 3, retryDelaySeconds: 1 };

async function startServer(keyFile: string): Promise<Server> {
  const db = kyselyFor<never>(createPool(t.ownerUrl, 5, APP_ROLE)) as unknown as Db;
  const { app, keyring, config } = await testApp(
    { ...t, db },
    { BEACON_KEY_FILE: keyFile, BEACON_REPORT_RATE_LIMIT: String(TIP_LIMIT) },
  );
  const log = createLogger('silent');
  const jobs = modules.flatMap((m) => m.jobs?.({ config, db, keyring, log }) ?? []);
  const local = startJobs(
    jobs.filter((j) => j.local),
    log,
  );
  const queue = await startJobQueue(
    jobs.filter((j) => !j.local),
    db,
    log,
    quick,
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, db, local, queue };
}

let analyst: Who;
beforeAll(async () => {
  t = await createTestDatabase();
  const { keyring, keyFile } = await testKeyring();
  servers.push(await startServer(keyFile), await startServer(keyFile));
  await addStaff(t.db, keyring, 'analyst', 'analyst@example.test');
  analyst = await signIn(servers[0]!.app, 'analyst@example.test');
}, 120_000);
afterAll(async () => {
  for (const s of servers) {
    await s.local.stop();
    await s.queue.stop();
    await s.app.close();
    await s.db.destroy();
  }
  await t.close();
});

const tip = (i: number) => ({
  incident: { type: 'child_sex_trafficking', description: `Synthetic account ${i}: a teenager is moved between motels.` },
  location: { city: 'Tulsa', state: 'OK' },
  children: [{ approximateAge: 15 }],
  reporter: { anonymous: true },
});

async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('two servers on one database: tips sent to each are read through the other, limited together, analysed once each, and the audit chain holds', async () => {
  const references: { reference: string; via: number }[] = [];
  for (let i = 0; i < 10; i++) {
    const via = i % 2;
    const res = await fetch(`${servers[via]!.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tip(i)),
    });
    expect(res.status).toBe(201);
    references.push({ reference: ((await res.json()) as { reference: string }).reference, via });
  }

  // The limit is shared: the next two pass on either server, the one after is refused by both.
  const send = (via: number) =>
    fetch(`${servers[via]!.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tip(99)),
    });
  expect((await send(0)).status).toBe(201);
  expect((await send(1)).status).toBe(201);
  expect((await send(0)).status).toBe(429);
  expect((await send(1)).status).toBe(429);

  // The session made on the first server works on the second: sessions live in the database.
  for (const { reference, via } of references) {
    const other = servers[1 - via]!;
    const read = await fetch(`${other.url}/api/v1/reports/${reference}`, { headers: { cookie: analyst.cookie } });
    expect(read.status).toBe(200);
  }

  await until(
    async () => (await sql<{ n: number }>`select count(*)::int as n from tip_triage`.execute(t.db)).rows[0]!.n === TIP_LIMIT,
  );
  const runs = await sql<{ report: string; n: number }>`
    select data->>'reportId' as report, count(*)::int as n from pgboss.job
    where name = 'tip-analysis' and data ? 'reportId' group by 1`.execute(t.db);
  expect(runs.rows).toHaveLength(TIP_LIMIT);
  expect(runs.rows.every((r) => r.n === 1)).toBe(true);

  for (const s of servers) await s.local.stop();
  await sealAll(t.db);
  expect(await verifyAuditChain(t.db)).toMatchObject({ kind: 'ok', unsealed: 0 });
}, 120_000);
