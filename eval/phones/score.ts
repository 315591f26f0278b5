// Scorer for the independent phone-extraction evaluation set (eval/phones/adverts.jsonl).
// It deliberately imports nothing from the product: the caller passes the extractor in.
// Matching is exact on E.164 strings ("+1NPANXXXXXX"); duplicates in a prediction count once.
import { readFileSync } from 'node:fs';

export interface PhoneEvalRecord {
  id: string;
  style: string;
  text: string;
  phones: string[];
}

export interface StyleScore {
  style: string;
  /** Adverts of this style. */
  adverts: number;
  /** Labelled phone numbers in these adverts. */
  gold: number;
  /** Distinct numbers the extractor returned. */
  predicted: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); 1 when nothing was predicted. */
  precision: number;
  /** TP / (TP + FN); 1 when there is nothing to find (the negatives style). */
  recall: number;
  f1: number;
  /** Adverts where the extractor's set differs from the label set. */
  wrongAdverts: string[];
}

export interface PhoneEvalScore {
  styles: StyleScore[];
  total: StyleScore;
}

const DATA_URL = new URL('./adverts.jsonl', import.meta.url);

/** Reads the evaluation set from eval/phones/adverts.jsonl. */
export function loadPhoneEvalSet(path: string | URL = DATA_URL): PhoneEvalRecord[] {
  const records: PhoneEvalRecord[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = JSON.parse(line) as Partial<PhoneEvalRecord>;
    if (
      typeof parsed.id !== 'string' ||
      typeof parsed.style !== 'string' ||
      typeof parsed.text !== 'string' ||
      !Array.isArray(parsed.phones) ||
      !parsed.phones.every((p) => typeof p === 'string')
    ) {
      throw new Error(`adverts.jsonl line ${index + 1}: malformed record`);
    }
    records.push({ id: parsed.id, style: parsed.style, text: parsed.text, phones: parsed.phones });
  });
  return records;
}

interface Counts {
  adverts: number;
  gold: number;
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  wrong: string[];
}

function emptyCounts(): Counts {
  return { adverts: 0, gold: 0, predicted: 0, tp: 0, fp: 0, fn: 0, wrong: [] };
}

function finish(style: string, c: Counts): StyleScore {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    style,
    adverts: c.adverts,
    gold: c.gold,
    predicted: c.predicted,
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    precision,
    recall,
    f1,
    wrongAdverts: c.wrong,
  };
}

/**
 * Runs `extract` over every advert in the set and returns precision, recall and F1 per style
 * and in total (micro-averaged over numbers). Styles keep the order they first appear in the file.
 */
export function scorePhoneExtraction(
  extract: (text: string) => string[],
  records: readonly PhoneEvalRecord[] = loadPhoneEvalSet(),
): PhoneEvalScore {
  const byStyle = new Map<string, Counts>();
  const total = emptyCounts();
  for (const record of records) {
    let counts = byStyle.get(record.style);
    if (counts === undefined) {
      counts = emptyCounts();
      byStyle.set(record.style, counts);
    }
    const gold = new Set(record.phones);
    const predicted = new Set(extract(record.text));
    let tp = 0;
    for (const p of predicted) if (gold.has(p)) tp++;
    const fp = predicted.size - tp;
    const fn = gold.size - tp;
    for (const c of [counts, total]) {
      c.adverts++;
      c.gold += gold.size;
      c.predicted += predicted.size;
      c.tp += tp;
      c.fp += fp;
      c.fn += fn;
      if (fp > 0 || fn > 0) c.wrong.push(record.id);
    }
  }
  return {
    styles: [...byStyle].map(([style, c]) => finish(style, c)),
    total: finish('total', total),
  };
}

/** A plain-text table of a score, one row per style and a total row, for bench output. */
export function formatPhoneEvalTable(score: PhoneEvalScore): string {
  const rows = [...score.styles, score.total];
  const width = Math.max(...rows.map((r) => r.style.length), 'style'.length);
  const header = `${'style'.padEnd(width)}  adverts  gold  TP   FP   FN   precision  recall  F1`;
  const lines = rows.map(
    (r) =>
      `${r.style.padEnd(width)}  ${String(r.adverts).padStart(7)}  ${String(r.gold).padStart(4)}  ` +
      `${String(r.truePositives).padStart(3)}  ${String(r.falsePositives).padStart(3)}  ` +
      `${String(r.falseNegatives).padStart(3)}  ${r.precision.toFixed(3).padStart(9)}  ` +
      `${r.recall.toFixed(3).padStart(6)}  ${r.f1.toFixed(3)}`,
  );
  return [header, ...lines].join('\n');
}
