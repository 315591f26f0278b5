import PgBoss from 'pg-boss';
import { CompiledQuery, sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { JOB_SCHEMA } from '../db/index.ts';
import type { Logger } from './logger.ts';
import type { BackgroundJob, JobPayload } from './module.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the queue's tables are pg-boss's, not in src/database.ts
type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTrx = Transaction<any>;

export interface RunningJobs {
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
  /** After `stop`, lets each job finish what is pending (e.g. seal the last audit entries). */
  drain(): Promise<void>;
}

/** Local jobs: runs each every `everyMs` in this process, one run at a time per job; a failure is logged (its type only) and the next run goes ahead. */
export function startJobs(jobs: readonly BackgroundJob[], log: Logger): RunningJobs {
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const run: Promise<void> = job
        .run({})
        .then(
          () => undefined,
          (err: unknown) => log.error({ err: { type: (err as Error).name } }, `${job.name} failed`),
        )
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, job.everyMs ?? 1000);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
    async drain() {
      for (const job of jobs) await job.drain?.().catch(() => undefined);
    },
  };
}

/** How the queue retries and notices a dead worker; shortened by tests. */
export interface JobQueueOptions {
  /** How long a job may run before it counts as lost (its worker killed) and is retried. */
  expireSeconds: number;
  /** How often a server looks for lost jobs. */
  maintenanceSeconds: number;
  pollingSeconds: number;
  retryLimit: number;
  /** The first retry's delay; each next one doubles (with jitter). */
  retryDelaySeconds: number;
}

export const DEFAULT_QUEUE_OPTIONS: JobQueueOptions = {
  expireSeconds: 15 * 60,
  maintenanceSeconds: 60,
  pollingSeconds: 1,
  retryLimit: 5,
  retryDelaySeconds: 30,
};

/** A job's queue: its name in lower case with dashes ("ESP sweep" → "esp-sweep"). */
export function queueOf(jobName: string): string {
  return jobName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every `everyMs` as a cron line: whole minutes under an hour, else whole hours. */
export function cronOf(everyMs: number): string {
  const minutes = Math.max(1, Math.round(everyMs / 60_000));
  if (minutes < 60) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  const hours = Math.min(24, Math.round(minutes / 60));
  return hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}

function queueSettings(options: JobQueueOptions) {
  return {
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: options.expireSeconds,
  };
}

/** pg-boss over the server's own pool (as the restricted role), so no second set of connections. */
function bossDb(db: AnyDb): PgBoss.Db {
  return {
    executeSql: async (text, values) => db.executeQuery(CompiledQuery.raw(text, (values ?? []) as unknown[])),
  };
}

/** A failure as stored in the queue and shown to admins: its type only, since a message may quote a person's data. */
class JobFailure extends Error {
  constructor(cause: unknown) {
    const type = cause instanceof Error ? cause.name : typeof cause;
    super(`${type} (message withheld)`);
    this.name = 'JobFailure';
    this.stack = this.message;
  }
}

export interface RunningQueue {
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL job queue for the given (non-local) jobs: a queue per job, its schedule
 * when it has `everyMs`, and a worker. Every server may run this: a job is taken by one worker,
 * and a scheduled run is queued once per period whatever the number of servers.
 */
export async function startJobQueue(
  jobs: readonly BackgroundJob[],
  db: AnyDb,
  log: Logger,
  options: JobQueueOptions = DEFAULT_QUEUE_OPTIONS,
): Promise<RunningQueue> {
  const boss = new PgBoss({
    db: bossDb(db),
    schema: JOB_SCHEMA,
    migrate: false,
    maintenanceIntervalSeconds: options.maintenanceSeconds,
    // Failed jobs stay in the queue's table, where the admins' dead-letter view reads them, for 90
    // days instead of pg-boss's 12 hours before it moves them to its archive.
    archiveFailedAfterSeconds: FAILED_JOBS_KEPT_SECONDS,
  });
  boss.on('error', (err: Error) => log.error({ err: { type: err.name } }, 'job queue error'));
  await boss.start();
  const settings = queueSettings(options);
  for (const job of jobs) {
    const name = queueOf(job.name);
    await boss.createQueue(name, { name, ...settings });
    await boss.updateQueue(name, { name, ...settings });
    await boss.work<JobPayload>(name, { pollingIntervalSeconds: options.pollingSeconds, batchSize: 1 }, async ([item]) => {
      if (!item) return;
      try {
        await job.run(item.data ?? {});
      } catch (err) {
        log.error({ err: { type: (err as Error).name } }, `${job.name} failed`);
        throw new JobFailure(err);
      }
    });
    if (job.everyMs !== undefined) await boss.schedule(name, cronOf(job.everyMs));
    else await boss.unschedule(name);
  }
  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
    },
  };
}

/**
 * Queues a job inside the caller's transaction: it exists only if the change that caused it
 * commits. The job's queue is created if no server has started it yet.
 */
export async function enqueue(trx: AnyTrx, jobName: string, payload: JobPayload): Promise<void> {
  const name = queueOf(jobName);
  const settings = { name, ...queueSettings(DEFAULT_QUEUE_OPTIONS) };
  await sql`select ${sql.id(JOB_SCHEMA)}.create_queue(${name}, ${JSON.stringify(settings)}::json)`.execute(trx);
  await enqueueStatement(jobName, sql`select ${JSON.stringify(payload)}::jsonb`).execute(trx);
}

/**
 * The insert that queues a job per row of `payloads` (a query yielding one jsonb column), for a
 * statement that must stay a single one (e.g. a data-modifying CTE). Queues nothing when no server
 * has created the job's queue yet: the job's own schedule must then find the work.
 */
export function enqueueStatement(jobName: string, payloads: RawBuilder<unknown>): RawBuilder<unknown> {
  const schema = sql.id(JOB_SCHEMA);
  const name = queueOf(jobName);
  return sql`
    insert into ${schema}.job (name, data, retry_limit, retry_delay, retry_backoff, expire_in, policy)
    select q.name, p.data, coalesce(q.retry_limit, 2), coalesce(q.retry_delay, 0), coalesce(q.retry_backoff, false),
           coalesce(q.expire_seconds, 900) * interval '1 second', q.policy
    from (${payloads}) as p (data) join ${schema}.queue q on q.name = ${name}`;
}

/** A job that ran out of retries, for the admins' dead-letter view; holds no payload (ids only, but unneeded). */
export interface FailedJob {
  id: string;
  queue: string;
  attempts: number;
  failedAt: Date;
  error: string;
}

const FAILED_JOBS_KEPT_SECONDS = 90 * 24 * 3600;

export async function failedJobs(db: AnyDb, limit = 200): Promise<FailedJob[]> {
  const { rows } = await sql<FailedJob>`
    select id, name as queue, retry_count + 1 as attempts, completed_on as "failedAt",
           coalesce(output->>'message', '') as error
    from ${sql.id(JOB_SCHEMA)}.job where state = 'failed'
    order by completed_on desc limit ${limit}`.execute(db);
  return rows;
}

/** Puts a failed job back in its queue for one more attempt; false when no failed job has that id. */
export async function retryFailedJob(db: AnyDb, id: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    update ${sql.id(JOB_SCHEMA)}.job set state = 'retry', retry_limit = retry_count + 1, start_after = now()
    where id = ${id}::uuid and state = 'failed' returning id`.execute(db);
  return rows.length === 1;
}
