import { Worker } from 'node:worker_threads';
import type { PreparedLine } from './prepare.ts';

export interface ImportBatch { batch: number; lines: { line: number; text: string }[] }
export interface ImportBatchResult { batch: number; outcomes: PreparedLine[] }
export interface ImportWorkerSetup { indexKey: Uint8Array; extraEntries: unknown[]; extraSources: unknown[] }

/** Worker threads do not inherit tsx's loader: each registers it before importing the entry point. */
function startWorker(setup: ImportWorkerSetup): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** Round-robin extraction workers; a worker that dies fails every batch still waiting. */
export class ImportPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: ImportBatchResult) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(size: number, setup: ImportWorkerSetup) {
    this.workers = Array.from({ length: size }, () => startWorker(setup));
    for (const w of this.workers) {
      w.on('message', (r: ImportBatchResult) => {
        this.waiting.get(r.batch)?.resolve(r);
        this.waiting.delete(r.batch);
      });
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => code !== 0 && this.failAll(new Error(`import worker stopped (exit code ${code})`)));
    }
  }

  run(batch: ImportBatch): Promise<ImportBatchResult> {
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
