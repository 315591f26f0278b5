import { BatchPool } from '../batch-pool.ts';
import type { BatchText, PackedResult, WorkerSetup } from './protocol.ts';

export class WorkerPool extends BatchPool<BatchText, PackedResult> {
  constructor(size: number, setup: WorkerSetup) {
    super(new URL('./worker.ts', import.meta.url), size, setup, 'analysis');
  }
}
