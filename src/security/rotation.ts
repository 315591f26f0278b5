import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { ciphertextUses, type CiphertextUse } from './ciphertext-scan.ts';
import { addKey, Keyring, retireKeys } from './crypto.ts';
import { reseal, type SealedPlace } from './sealing.ts';

export interface RotationDeps {
  db: Db;
  keyring: Keyring;
  keyFile: string;
}

export interface RotationProgress {
  table: string;
  column: string;
  done: number;
  total: number;
}

/** An old key that stored values still name, so it stays in the key file. */
export interface KeptKey {
  keyId: string;
  count: number;
  columns: { table: string; column: string; count: number }[];
}

export interface RotationResult {
  newKeyId: string;
  reencrypted: number;
  retired: string[];
  kept: KeptKey[];
}

export interface RotationOptions {
  retire: boolean;
  propagationMs?: number;
  onProgress?: (progress: RotationProgress) => void;
  /** Least time between two progress reports of a column; a column done sooner reports nothing. */
  progressEveryMs?: number;
  /** The columns to re-encrypt: every module's (src/modules.ts); tests leave some out to stand for a forgotten one. */
  columns: readonly SealedPlace[];
}

const BATCH = 500;
// Running servers re-read the key file at most every 2 s; after this they seal with the new key.
const PROPAGATION_MS = 2_500;
const PROGRESS_EVERY_MS = 1_000;

/**
 * Online rotation: add a key, let running servers see it, re-encrypt every listed column with
 * compare-and-set (a concurrent edit wins: it was sealed with the new key), then count what every
 * text column of every table still seals under an old key, and retire only the keys nothing names.
 */
export async function rotateKeys(deps: RotationDeps, opts: RotationOptions): Promise<RotationResult> {
  const newKeyId = await addKey(deps.keyFile);
  const keyring = await Keyring.open(deps.keyFile);
  await new Promise((r) => setTimeout(r, opts.propagationMs ?? PROPAGATION_MS));
  let reencrypted = 0;
  for (const column of opts.columns) {
    reencrypted += await reencryptColumn(deps.db, keyring, column, newKeyId, progressReporter(column, opts));
  }
  if (!opts.retire) return { newKeyId, reencrypted, retired: [], kept: [] };
  const kept = keysInUse(
    await ciphertextUses(
      deps.db,
      keyring.keyIds.filter((id) => id !== newKeyId),
    ),
  );
  const retired = await retireKeys(
    deps.keyFile,
    kept.map((k) => k.keyId),
  );
  return { newKeyId, reencrypted, retired, kept };
}

export function keysInUse(uses: readonly CiphertextUse[]): KeptKey[] {
  const byKey = new Map<string, KeptKey>();
  for (const use of uses) {
    const kept = byKey.get(use.keyId) ?? { keyId: use.keyId, count: 0, columns: [] };
    kept.count += use.rows;
    kept.columns.push({ table: use.table, column: use.column, count: use.rows });
    byKey.set(use.keyId, kept);
  }
  return [...byKey.values()];
}

function progressReporter(c: SealedPlace, opts: RotationOptions): (done: number, total: number) => void {
  const every = opts.progressEveryMs ?? PROGRESS_EVERY_MS;
  let last = Date.now();
  let shown = false;
  return (done, total) => {
    const now = Date.now();
    const finished = done >= total;
    if (finished ? !shown && every > 0 : now - last < every) return;
    last = now;
    shown = true;
    opts.onProgress?.({ table: c.table, column: c.column, done, total });
  };
}

/** Pages through the column by id (never rescanning what is done) and rewrites a page in one UPDATE. */
async function reencryptColumn(
  db: Db,
  keyring: Keyring,
  c: SealedPlace,
  keyId: string,
  report: (done: number, total: number) => void,
): Promise<number> {
  const idType = await sqlTypeOf(db, c.table, c.idColumn);
  const stale = sql`${sql.ref(c.column)} is not null and ${sql.ref(c.column)} not like ${`v1.${keyId}.%`}`;
  const counted = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(c.table)} where ${stale}`.execute(db);
  const total = counted.rows[0]?.n ?? 0;
  let done = 0;
  let moved = 0;
  let after: string | undefined;
  while (total > 0) {
    const from = after === undefined ? sql`true` : sql`${sql.ref(c.idColumn)} > cast(${after} as ${sql.raw(idType)})`;
    // The text form is aliased apart from the id: ORDER BY a bare name would sort by the alias (as text).
    const { rows } = await sql<{ id_text: string; value: string }>`
      select ${sql.ref(c.idColumn)}::text as id_text, ${sql.ref(c.column)} as value from ${sql.table(c.table)}
      where ${stale} and ${from} order by ${sql.ref(c.idColumn)} limit ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    const next = rows.map((r) => reseal(keyring, c, r.value));
    const res = await sql`
      update ${sql.table(c.table)} as t set ${sql.ref(c.column)} = v.next
      from unnest(cast(${rows.map((r) => r.id_text)} as ${sql.raw(idType)}[]), ${rows.map((r) => r.value)}::text[], ${next}::text[]) as v(id, old, next)
      where ${sql.ref(`t.${c.idColumn}`)} = v.id and ${sql.ref(`t.${c.column}`)} = v.old`.execute(db);
    moved += Number(res.numAffectedRows ?? 0);
    done += rows.length;
    after = rows.at(-1)!.id_text;
    report(Math.min(done, total), total);
    if (rows.length < BATCH) break;
  }
  return moved;
}

async function sqlTypeOf(db: Db, table: string, column: string): Promise<string> {
  const { rows } = await sql<{ type: string }>`
    select format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
    where a.attrelid = to_regclass(${`public.${table}`}) and a.attname = ${column} and not a.attisdropped`.execute(db);
  if (!rows[0]) throw new Error(`sealed column list names ${table}.${column}, which does not exist`);
  return rows[0].type;
}
