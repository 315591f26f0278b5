import { Worker } from 'node:worker_threads';

/** Worker threads do not inherit tsx's loader, so each one registers it before importing its TypeScript entry point. */
function startWorker(entry: URL, setup: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/**
 * Round-robin worker threads answering numbered batches; a worker that dies fails every batch still
 * waiting. Shared by `leads analyze` and `leads import`.
 */
export class BatchPool<In extends { batch: number }, Out extends { batch: number }> {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: Out) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(entry: URL, size: number, setup: unknown, what: string) {
    this.workers = Array.from({ length: size }, () => startWorker(entry, setup));
    for (const w of this.workers) {
      w.on('message', (r: Out) => {
        this.waiting.get(r.batch)?.resolve(r);
        this.waiting.delete(r.batch);
      });
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => code !== 0 && this.failAll(new Error(`${what} worker stopped (exit code ${code})`)));
    }
  }

  run(batch: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.set(batch.batch, { resolve, reject });
      this.workers[this.next++ % this.workers.length]!.postMessage(batch);
    });
  }

  private failAll(e: Error): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
