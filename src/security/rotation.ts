import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { allSealedColumns, type SealedColumn } from '../db/sealed-columns.ts';
import { addKey, Keyring, retireKeys } from './crypto.ts';

export interface RotationDeps {
  db: Db;
  keyring: Keyring;
  keyFile: string;
}

export interface RotationResult {
  newKeyId: string;
  reencrypted: number;
  retired: string[];
}

const BATCH = 500;
// Running servers re-read the key file at most every 2 s; after this they seal with the new key.
const PROPAGATION_MS = 2_500;

/**
 * Online rotation: add a key, let running servers see it, re-encrypt row by row with
 * compare-and-set (a concurrent edit wins and is picked up on the next pass), then drop old keys
 * only once no value uses them.
 */
export async function rotateKeys(deps: RotationDeps, opts: { retire: boolean; propagationMs?: number }): Promise<RotationResult> {
  const newKeyId = await addKey(deps.keyFile);
  const keyring = await Keyring.open(deps.keyFile);
  await new Promise((r) => setTimeout(r, opts.propagationMs ?? PROPAGATION_MS));
  let reencrypted = 0;
  for (const column of allSealedColumns) {
    for (;;) {
      const moved = await reencryptBatch(deps.db, keyring, column, newKeyId);
      reencrypted += moved.count;
      if (moved.remaining === 0) break;
    }
  }
  const retired = opts.retire ? await retireKeys(deps.keyFile, []) : [];
  return { newKeyId, reencrypted, retired };
}

async function reencryptBatch(db: Db, keyring: Keyring, c: SealedColumn, keyId: string): Promise<{ count: number; remaining: number }> {
  const current = `v1.${keyId}.%`;
  const { rows } = await sql<{ id: string; value: string }>`
    select ${sql.ref(c.idColumn)}::text as id, ${sql.ref(c.column)} as value from ${sql.table(c.table)}
    where ${sql.ref(c.column)} is not null and ${sql.ref(c.column)} not like ${current}
    limit ${BATCH}`.execute(db);
  let count = 0;
  for (const row of rows) {
    const next = keyring.encrypt(keyring.decrypt(row.value, c.context), c.context);
    const res = await sql`
      update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${next}
      where ${sql.ref(c.idColumn)}::text = ${row.id} and ${sql.ref(c.column)} = ${row.value}`.execute(db);
    count += Number(res.numAffectedRows ?? 0);
  }
  return { count, remaining: rows.length };
}
