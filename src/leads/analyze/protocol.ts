/** Messages between the analyze command and its worker threads. */
export interface Batch {
  batch: number;
  firstLine: number;
  lines: string[];
}

export type LineOutcome =
  | { ok: true; json: string; id: string; keys: string[]; postedAt: string | null; city: string | null; state: string | null; site: string | null }
  | { ok: false; line: number; field: string; message: string };

export interface BatchResult {
  batch: number;
  outcomes: LineOutcome[];
}

export interface WorkerSetup {
  extraLexicon?: { entries: unknown[]; sources: unknown[] };
}
