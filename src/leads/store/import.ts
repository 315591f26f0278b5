import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import os from 'node:os';
import { parse as parseCsv } from 'csv-parse';
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import type { Keyring } from '../../security/index.ts';
import { extraLexicon } from './lexicon.ts';
import { ImportPool, type ImportBatch, type ImportBatchResult } from './pool.ts';
import type { PreparedAdvert } from './prepare.ts';
import { matchHeld, type MatchPorts } from './matching.ts';
import { lexiconEntries } from './repo.ts';

export type ImportFormat = 'jsonl' | 'csv';

export interface ImportOptions {
  input: string;
  format: ImportFormat;
  workers?: number;
  batchSize?: number;
  /** Batches stored at once, each in its own transaction (default 2: one commits while the next inserts). */
  writers?: number;
  /** 'low' (the default) lowers the extraction threads' scheduling priority: an import yields the CPU to people using Beacon. */
  priority?: 'low' | 'normal';
  /** Where bad lines are reported (line number, field, message: never the line itself). */
  stderr: NodeJS.WritableStream;
}

export interface ImportCounts {
  read: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  leads: number;
}

export class UnreadableImport extends Error {}

const SHOWN_ERRORS = 100;

async function* jsonlBatches(input: string, size: number): AsyncGenerator<ImportBatch> {
  let rest = '';
  let lineNo = 1;
  let batch = 0;
  let lines: ImportBatch['lines'] = [];
  for await (const chunk of createReadStream(input, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop()!;
    for (const text of parts) {
      lines.push({ line: lineNo++, text });
      if (lines.length === size) {
        yield { batch: batch++, lines };
        lines = [];
      }
    }
  }
  if (rest) lines.push({ line: lineNo, text: rest });
  if (lines.length > 0) yield { batch, lines };
}

/** CSV rows become the same JSON objects as JSONL lines; `images` and `pdq` hold several values split by ';'. */
function csvRecordToJson(record: Record<string, string>): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === '') continue;
    out[k] =
      k === 'images' || k === 'pdq'
        ? v
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean)
        : v;
  }
  return JSON.stringify(out);
}

async function* csvBatches(input: string, size: number): AsyncGenerator<ImportBatch> {
  const parser = createReadStream(input).pipe(
    parseCsv({ columns: true, info: true, skip_empty_lines: true, relax_column_count: true, bom: true }),
  );
  let batch = 0;
  let lines: ImportBatch['lines'] = [];
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    lines.push({ line: info.lines, text: csvRecordToJson(record) });
    if (lines.length === size) {
      yield { batch: batch++, lines };
      lines = [];
    }
  }
  if (lines.length > 0) yield { batch, lines };
}

/**
 * One batch, one transaction: adverts already present (by source id) are skipped by the unique
 * key, and identifiers are written only for the adverts this batch added. A crash loses at most
 * the batches in flight; the next run skips everything committed.
 */
export async function storeBatch(
  ports: MatchPorts,
  db: Db,
  adverts: readonly PreparedAdvert[],
): Promise<{ inserted: number; leads: number }> {
  if (adverts.length === 0) return { inserted: 0, leads: 0 };
  return db.transaction().execute(async (trx) => {
    const col = <T>(f: (a: PreparedAdvert) => T) => adverts.map(f);
    const inserted = await sql<{ id: number; source_id: string }>`
      insert into adverts (source_id, url, site, posted_at, city, state, title, body, marks, flags, pdq)
      select s, u, si, p::timestamptz, c, st, t, b, m::jsonb, f::jsonb, case when h = '' then '{}'::text[] else string_to_array(h, ',') end
      from unnest(${col((a) => a.sourceId)}::text[], ${col((a) => a.url)}::text[], ${col((a) => a.site)}::text[], ${col((a) => a.postedAt)}::text[],
        ${col((a) => a.city)}::text[], ${col((a) => a.state)}::text[], ${col((a) => a.title)}::text[], ${col((a) => a.body)}::text[],
        ${col((a) => JSON.stringify(a.marks))}::text[], ${col((a) => JSON.stringify(a.flags))}::text[], ${col((a) => a.pdq.join(','))}::text[])
        as x(s, u, si, p, c, st, t, b, m, f, h)
      on conflict (source_id) do nothing
      returning id, source_id`.execute(trx);
    const idOf = new Map(inserted.rows.map((r) => [r.source_id, r.id]));
    const ids = adverts.flatMap((a) =>
      idOf.has(a.sourceId) ? a.identifiers.map((i) => ({ advert: idOf.get(a.sourceId)!, ...i })) : [],
    );
    if (ids.length > 0) {
      await sql`insert into advert_identifiers (advert_id, kind, value, key, token)
        select * from unnest(${ids.map((i) => i.advert)}::bigint[], ${ids.map((i) => i.kind)}::text[], ${ids.map((i) => i.value)}::text[],
          ${ids.map((i) => i.key)}::text[], ${ids.map((i) => i.token)}::text[])
        on conflict do nothing`.execute(trx);
    }
    // Matched in the same transaction: an advert is never stored without having been watched for.
    const held = ids.flatMap((i) =>
      i.token === null ? [] : [{ advert_id: i.advert, kind: i.kind, value: i.value, token: i.token }],
    );
    const images = adverts.flatMap((a) =>
      idOf.has(a.sourceId) ? a.pdq.map((pdqHex) => ({ advertId: Number(idOf.get(a.sourceId)), pdqHex })) : [],
    );
    const texts = adverts.flatMap((a) =>
      idOf.has(a.sourceId) && a.state
        ? [
            {
              advertId: Number(idOf.get(a.sourceId)),
              text: `${a.title ?? ''}\n${a.body ?? ''}`,
              state: a.state,
              postedAt: a.postedAt ? new Date(a.postedAt) : null,
            },
          ]
        : [],
    );
    return { inserted: inserted.rows.length, leads: await matchHeld(ports, trx, held, images, texts) };
  });
}

/** Runs at most `slots` tasks at once; the rest wait their turn in order. */
function writerSlots(slots: number): (task: () => Promise<void>) => Promise<void> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (task) => {
    if (running >= slots) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      await task();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}

// A file that repeats adverts can hand two concurrent batches the same ids in opposite orders;
// PostgreSQL then cancels one (deadlock) or, rarely, cannot serialise it: that batch is simply stored again.
const RETRIED = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;

async function storeBatchRetrying(ports: MatchPorts, db: Db, adverts: readonly PreparedAdvert[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeBatch(ports, db, adverts);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !RETRIED.has(code)) throw err;
    }
  }
}

/** The advert id of a line, read without validating the rest (the worker validates). */
function sourceIdOf(text: string): string | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  } catch {
    return null;
  }
}

/** Resuming: lines whose advert is already stored are dropped before the costly extraction. */
async function withoutStored(db: Db, batch: ImportBatch): Promise<{ batch: ImportBatch; stored: number }> {
  const ids = batch.lines.map((l) => sourceIdOf(l.text));
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return { batch, stored: 0 };
  const present = new Set(
    (await db.selectFrom('adverts').select('source_id').where('source_id', 'in', wanted).execute()).map((r) => r.source_id),
  );
  if (present.size === 0) return { batch, stored: 0 };
  const lines = batch.lines.filter((_, i) => ids[i] === null || !present.has(ids[i]!));
  return { batch: { ...batch, lines }, stored: batch.lines.length - lines.length };
}

/** Reads, extracts in worker threads and stores; results are written as they arrive (order does not matter: ids decide). */
export async function loadAdverts(deps: MatchPorts & { db: Db; keyring: Keyring }, opts: ImportOptions): Promise<ImportCounts> {
  try {
    await access(opts.input, constants.R_OK);
  } catch {
    throw new UnreadableImport(`FILE: cannot read ${opts.input}`);
  }
  const workers = opts.workers ?? Math.max(1, os.availableParallelism());
  const { refused, ...extra } = extraLexicon(await lexiconEntries(deps.db));
  if (refused > 0)
    opts.stderr.write(
      `lexicon: ${refused} analyst pattern(s) left out: their syntax is no longer supported (backreferences, lookahead, \\u escapes)\n`,
    );
  const pool = new ImportPool(workers, {
    indexKey: new Uint8Array(deps.keyring.indexKey),
    lowPriority: (opts.priority ?? 'low') === 'low',
    ...extra,
  });
  const counts: ImportCounts = { read: 0, inserted: 0, duplicates: 0, skipped: 0, leads: 0 };
  const store = writerSlots(opts.writers ?? 2);
  const take = (r: ImportBatchResult) => {
    const good: PreparedAdvert[] = [];
    for (const o of r.outcomes) {
      counts.read++;
      if (o.ok) good.push(o.advert);
      else if (counts.skipped++ < SHOWN_ERRORS) opts.stderr.write(`line ${o.line}: ${o.field}: ${o.message} (skipped)\n`);
    }
    return store(async () => {
      const stored = await storeBatchRetrying(deps, deps.db, good);
      counts.inserted += stored.inserted;
      counts.duplicates += good.length - stored.inserted;
      counts.leads += stored.leads;
    });
  };
  const inFlight = new Set<Promise<void>>();
  const size = opts.batchSize ?? 1000;
  const resuming = (await deps.db.selectFrom('adverts').select('id').limit(1).execute()).length > 0;
  try {
    for await (const read of opts.format === 'csv' ? csvBatches(opts.input, size) : jsonlBatches(opts.input, size)) {
      const { batch: b, stored } = resuming ? await withoutStored(deps.db, read) : { batch: read, stored: 0 };
      counts.read += stored;
      counts.duplicates += stored;
      if (b.lines.length === 0) continue;
      const p: Promise<void> = pool
        .run(b)
        .then(take)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 3 * workers) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return counts;
}
