/** Messages between the analyze command and its worker threads. */
export interface Batch {
  batch: number;
  firstLine: number;
  lines: string[];
}

/** What is posted to a worker: the batch's lines as one string, cut at "\n" by the worker. */
export interface BatchText {
  batch: number;
  firstLine: number;
  text: string;
}

export type LineOutcome =
  | {
      ok: true;
      json: string;
      id: string;
      keys: string[];
      postedAt: string | null;
      city: string | null;
      state: string | null;
      site: string | null;
    }
  | { ok: false; line: number; field: string; message: string };

export interface BatchResult {
  batch: number;
  outcomes: LineOutcome[];
}

/**
 * A batch's outcomes in columns, as posted back: a few strings and flat arrays clone far faster
 * than one object per advert, and the main thread keeps one findings string per batch.
 */
export interface PackedResult {
  batch: number;
  /** The findings lines of the adverts read, joined by "\n" (JSON never holds a raw newline). */
  json: string;
  ids: string[];
  postedAt: (string | null)[];
  city: (string | null)[];
  state: (string | null)[];
  site: (string | null)[];
  /** Every advert's linking keys, one after another; advert i's end where keyEnd[i] says. */
  keys: string[];
  keyEnd: Int32Array;
  errors: { line: number; field: string; message: string }[];
}

export interface WorkerSetup {
  extraLexicon?: { entries: unknown[]; sources: unknown[] };
}
