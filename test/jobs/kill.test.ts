import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueue } from '../../src/core/jobs.ts';
import { createTestDatabase, type TestDatabase } from '../harness.ts';

let t: TestDatabase;
const children: ChildProcess[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  const owner = new pg.Client({ connectionString: t.ownerUrl });
  await owner.connect();
  await owner.query('create table job_effects (key text primary key)');
  await owner.query('create table job_starts (n serial primary key, pid int not null)');
  await owner.query('grant select, insert on job_effects, job_starts to beacon_app');
  await owner.query('grant usage on sequence job_starts_n_seq to beacon_app');
  await owner.end();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await t.close();
});

function startWorker(stall: boolean): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'worker.child.ts')], {
    env: { ...process.env, JOB_TEST_DATABASE_URL: t.ownerUrl, JOB_TEST_STALL: stall ? '1' : '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  children.push(child);
  return child;
}

async function until(check: () => Promise<boolean>, ms = 40_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = async (table: 'job_effects' | 'job_starts') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

const stateOfJob = async () =>
  (await sql<{ state: string }>`select state from pgboss.job where name = 'deliver-effect'`.execute(t.db)).rows[0]?.state;

it('finishes a job whose worker was killed mid-run once another worker starts, with its effect once', async () => {
  const first = startWorker(true);
  // The job takes its queue's settings (a 3-second lease in the worker) when queued.
  await until(
    async () =>
      (await sql`select 1 from pgboss.queue where name = 'deliver-effect' and expire_seconds = 3`.execute(t.db)).rows.length ===
      1,
  );
  await t.db.transaction().execute((trx) => enqueue(trx, 'deliver effect', { key: 'tip-1' }));
  await until(async () => (await count('job_starts')) === 1);
  expect(await stateOfJob()).toBe('active');
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));

  startWorker(false);
  await until(async () => (await stateOfJob()) === 'completed');
  expect(await count('job_starts')).toBe(2);
  expect(await count('job_effects')).toBe(1);
}, 90_000);
