// A Beacon job worker in a process of its own, for the test that kills one mid-job (kill.test.ts).
// Its job records a start, writes an idempotent effect, then (when told to) stalls before finishing.
import { sql } from 'kysely';
import { startJobQueue } from '../../src/core/jobs.ts';
import { createLogger } from '../../src/core/logger.ts';
import { APP_ROLE, createPool, kyselyFor } from '../../src/db/index.ts';

const url = process.env.JOB_TEST_DATABASE_URL;
if (!url) throw new Error('JOB_TEST_DATABASE_URL is not set');
const stall = process.env.JOB_TEST_STALL === '1';
const db = kyselyFor<unknown>(createPool(url, 4, APP_ROLE));

await startJobQueue(
  [
    {
      name: 'deliver effect',
      run: async (payload) => {
        await sql`insert into job_starts (pid) values (${process.pid})`.execute(db);
        await sql`insert into job_effects (key) values (${String(payload.key)}) on conflict (key) do nothing`.execute(db);
        if (stall) await new Promise(() => undefined);
      },
    },
  ],
  db,
  createLogger('silent'),
  { expireSeconds: 3, maintenanceSeconds: 1, pollingSeconds: 0.5, retryLimit: 3, retryDelaySeconds: 1 },
);
process.stdout.write('ready\n');
