import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { createLogger } from './logger.ts';
import { enqueue, failedJobs, retryFailedJob, startJobQueue, type JobQueueOptions } from './jobs.ts';
import type { JobPayload } from './module.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  const owner = new pg.Client({ connectionString: t.ownerUrl });
  await owner.connect();
  await owner.query('create table job_effects (key text primary key, runs int not null default 1)');
  await owner.query('grant select, insert, update on job_effects to beacon_app');
  await owner.end();
});
afterAll(async () => t.close());

const quick: JobQueueOptions = {
  expireSeconds: 5,
  maintenanceSeconds: 1,
  pollingSeconds: 0.5,
  retryLimit: 2,
  retryDelaySeconds: 1,
};
const log = createLogger('silent');

async function runsOf(key: string): Promise<number> {
  const { rows } = await sql<{ runs: number }>`select runs from job_effects where key = ${key}`.execute(t.db);
  return rows[0]?.runs ?? 0;
}

async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const record = async (payload: JobPayload) => {
  await sql`insert into job_effects (key) values (${String(payload.key)})
            on conflict (key) do update set runs = job_effects.runs + 1`.execute(t.db);
};

describe('the job queue', () => {
  it('runs a job queued in a transaction that commits, and none of one rolled back', async () => {
    const queue = await startJobQueue([{ name: 'record effect', run: record }], t.db, log, quick);
    try {
      await t.db.transaction().execute((trx) => enqueue(trx, 'record effect', { key: 'committed' }));
      await t.db
        .transaction()
        .execute(async (trx) => {
          await enqueue(trx, 'record effect', { key: 'rolled back' });
          throw new Error('the change failed');
        })
        .catch(() => undefined);
      await until(async () => (await runsOf('committed')) === 1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await runsOf('rolled back')).toBe(0);
      expect(await runsOf('committed')).toBe(1);
    } finally {
      await queue.stop();
    }
  });

  it('retries a failing job, then lists it for admins without its message, and runs it again on retry', async () => {
    let failing = true;
    const flaky = async (payload: JobPayload) => {
      if (failing) throw new RangeError('a detail about a person');
      await record(payload);
    };
    const queue = await startJobQueue([{ name: 'flaky', run: flaky }], t.db, log, quick);
    try {
      await t.db.transaction().execute((trx) => enqueue(trx, 'flaky', { key: 'flaky' }));
      await until(async () => (await failedJobs(t.db)).some((j) => j.queue === 'flaky'));
      const [failed] = (await failedJobs(t.db)).filter((j) => j.queue === 'flaky');
      expect(failed!.attempts).toBe(3);
      expect(failed!.error).toContain('RangeError');
      expect(failed!.error).not.toContain('a detail');
      failing = false;
      expect(await retryFailedJob(t.db, failed!.id)).toBe(true);
      await until(async () => (await runsOf('flaky')) === 1);
      expect((await failedJobs(t.db)).filter((j) => j.queue === 'flaky')).toEqual([]);
      expect(await retryFailedJob(t.db, failed!.id)).toBe(false);
    } finally {
      await queue.stop();
    }
  });
});
