import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Keyring, open } from '../src/security/index.ts';
import { reportBody } from '../src/intake/index.ts';
import { startServer, superuser, type RunningServer } from './server.ts';

const TOTAL = 2_000;
const CONCURRENCY = 48;
let running: RunningServer | undefined;
afterAll(async () => running?.stop());

interface Sent {
  key: string;
  description: string;
}

/** Fires TOTAL tips; kills everything once `killAfter` have been acknowledged. */
async function loadAndKill(server: RunningServer, killAfter: number, kill: () => Promise<void>) {
  const acknowledged = new Map<string, Sent>();
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (next < TOTAL && !killed) {
      const i = next++;
      const sent = {
        key: `load-${i}-${randomBytes(4).toString('hex')}`,
        description: `Load tip ${i}: a child seen with an older man at the rest area, night ${i % 31}.`,
      };
      try {
        const res = await fetch(`${server.url}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': sent.key },
          body: JSON.stringify({ incident: { description: sent.description }, location: { state: 'AZ', city: 'Flagstaff' } }),
        });
        if (res.status === 201) acknowledged.set(((await res.json()) as { reference: string }).reference, sent);
      } catch {
        // connection cut by the kill: this tip was never acknowledged
      }
      if (!killed && acknowledged.size >= killAfter) {
        killed = true;
        await kill();
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return acknowledged;
}

async function expectAllIntact(db: pg.Client, keyFile: string, acknowledged: Map<string, Sent>) {
  const keyring = await Keyring.open(keyFile);
  const { rows } = await db.query<{ reference: string; body_enc: string }>(
    'select reference, body_enc from reports where reference = any($1)',
    [[...acknowledged.keys()]],
  );
  expect(rows.length).toBe(acknowledged.size);
  for (const row of rows) {
    const body = open(keyring, reportBody, row.body_enc);
    expect(body.incident.description).toBe(acknowledged.get(row.reference)!.description);
  }
}

describe('2,000 concurrent tips and a SIGKILL in the middle', () => {
  it('keeps every acknowledged tip intact on the embedded PostgreSQL', async () => {
    running = await startServer({ env: { LOG_LEVEL: 'warn' } });
    const server = running;
    const acknowledged = await loadAndKill(server, 700, () => server.crash());
    expect(acknowledged.size).toBeGreaterThanOrEqual(700);
    expect(acknowledged.size).toBeLessThan(TOTAL);
    running = await startServer({ dataDir: server.dataDir, env: { LOG_LEVEL: 'warn' } });
    const db = await superuser(running.dataDir);
    try {
      await expectAllIntact(db, path.join(running.dataDir, 'beacon.key'), acknowledged);
    } finally {
      await db.end();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('keeps every acknowledged tip intact on a PostgreSQL server', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `beacon_test_load_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      await running?.stop();
      running = await startServer({ databaseUrl: url.toString(), env: { LOG_LEVEL: 'warn' } });
      const server = running;
      const acknowledged = await loadAndKill(server, 700, () => server.crash());
      expect(acknowledged.size).toBeGreaterThanOrEqual(700);
      running = await startServer({ dataDir: server.dataDir, databaseUrl: url.toString(), env: { LOG_LEVEL: 'warn' } });
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      try {
        await expectAllIntact(db, path.join(running.dataDir, 'beacon.key'), acknowledged);
      } finally {
        await db.end();
      }
    } finally {
      await running?.stop();
      running = undefined;
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
