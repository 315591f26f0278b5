import { BatchPool } from '../batch-pool.ts';
import type { PreparedLine } from './prepare.ts';

export interface ImportBatch {
  batch: number;
  lines: { line: number; text: string }[];
}
export interface ImportBatchResult {
  batch: number;
  outcomes: PreparedLine[];
}
export interface ImportWorkerSetup {
  indexKey: Uint8Array;
  lowPriority: boolean;
  extraEntries: unknown[];
  extraSources: unknown[];
}

/** Extraction workers for `leads import`. */
export class ImportPool extends BatchPool<ImportBatch, ImportBatchResult> {
  constructor(size: number, setup: ImportWorkerSetup) {
    super(new URL('./worker.ts', import.meta.url), size, setup, 'import');
  }
}
