import type { Logger } from './logger.ts';
import type { BackgroundJob } from './module.ts';

export interface RunningJobs {
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
  /** After `stop`, lets each job finish what is pending (e.g. seal the last audit entries). */
  drain(): Promise<void>;
}

/** Runs each job every `everyMs`, one run at a time per job; a failure is logged (its type only) and the next run goes ahead. */
export function startJobs(jobs: readonly BackgroundJob[], log: Logger): RunningJobs {
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const run: Promise<void> = job
        .run()
        .then(
          () => undefined,
          (err: unknown) => log.error({ err: { type: (err as Error).name } }, `${job.name} failed`),
        )
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, job.everyMs);
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
