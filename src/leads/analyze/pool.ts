import { Worker } from 'node:worker_threads';
import type { BatchText, PackedResult, WorkerSetup } from './protocol.ts';

/**
 * Worker threads do not inherit tsx's loader, so each one registers it before importing the
 * TypeScript entry point.
 */
function startWorker(setup: WorkerSetup): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

export class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: PackedResult) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(size: number, setup: WorkerSetup) {
    this.workers = Array.from({ length: size }, () => startWorker(setup));
    for (const w of this.workers) {
      w.on('message', (r: PackedResult) => {
        this.waiting.get(r.batch)?.resolve(r);
        this.waiting.delete(r.batch);
      });
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => code !== 0 && this.failAll(new Error(`analysis worker stopped (exit code ${code})`)));
    }
  }

  run(batch: BatchText): Promise<PackedResult> {
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
