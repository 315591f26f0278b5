import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testKeyring, type TestDatabase } from '../../test/harness.ts';
import { keptWarning } from '../cli/keys.ts';
import { allSealedColumns } from '../modules.ts';
import { demoReport, submitReport } from '../intake/index.ts';
import { seededRandom } from '../core/random.ts';
import { PUBLIC_ACTOR } from './actor.ts';
import { Keyring } from './crypto.ts';
import { rotateKeys, type RotationProgress } from './rotation.ts';

let t: TestDatabase;
let keyring: Keyring;
let keyFile: string;

/** Tables no module declares, standing for a column someone forgot to list. */
async function asOwner(text: string): Promise<void> {
  const owner = new pg.Client({ connectionString: t.ownerUrl });
  await owner.connect();
  try {
    await owner.query(text);
  } finally {
    await owner.end();
  }
}
const keyIdsInFile = async () =>
  Object.keys((JSON.parse(await readFile(keyFile, 'utf8')) as { keys: Record<string, string> }).keys);

beforeAll(async () => {
  t = await createTestDatabase();
  ({ keyring, keyFile } = await testKeyring());
  const rng = seededRandom(7);
  for (let i = 0; i < 3; i += 1)
    await submitReport({ db: t.db, keyring }, { body: demoReport(rng), channel: 'api', lang: 'en', actor: PUBLIC_ACTOR });
  await asOwner(`
    create table rotation_probe (id int primary key, stash jsonb not null);
    create table rotation_long (id bigint primary key, body text not null);
    grant select, insert, update, delete on rotation_probe, rotation_long to beacon_app;`);
});
afterAll(async () => t.close());

describe('key rotation', () => {
  it('keeps a key that a column missing from the rotation list still uses, and says where', async () => {
    const oldKey = keyring.currentKeyId;
    const forgotten = keyring.encrypt('a value sealed where no list looks', 'rotation_probe.stash');
    await sql`insert into rotation_probe values (1, ${JSON.stringify({ notes: [{ sealed: forgotten }] })}::jsonb)`.execute(t.db);

    const result = await rotateKeys(
      { db: t.db, keyring, keyFile },
      { columns: allSealedColumns, retire: true, propagationMs: 0 },
    );

    expect(result.retired).toEqual([]);
    expect(result.kept).toEqual([{ keyId: oldKey, count: 1, columns: [{ table: 'rotation_probe', column: 'stash', count: 1 }] }]);
    expect(await keyIdsInFile()).toEqual(expect.arrayContaining([oldKey, result.newKeyId]));
    const reopened = await Keyring.open(keyFile);
    expect(reopened.decrypt(forgotten, 'rotation_probe.stash')).toBe('a value sealed where no list looks');
    expect(keptWarning(result.kept[0]!)).toBe(
      `Warning: key ${oldKey} was kept: 1 stored values still use it, in rotation_probe.stash (1). Add these columns to the rotation list and rotate again before removing it.\n`,
    );

    // Once nothing names them, the next rotation retires both older keys.
    await sql`delete from rotation_probe`.execute(t.db);
    const next = await rotateKeys({ db: t.db, keyring, keyFile }, { columns: allSealedColumns, retire: true, propagationMs: 0 });
    expect(next.kept).toEqual([]);
    expect(next.retired.sort()).toEqual([oldKey, result.newKeyId].sort());
    expect(await keyIdsInFile()).toEqual([next.newKeyId]);
  });

  it('re-encrypts a long column page by page and reports rows done of the total', async () => {
    // A fresh keyring: the first test's rotations retired keys the shared one may still hold as current.
    const ring = await Keyring.open(keyFile);
    const values = Array.from({ length: 1_234 }, (_, i) => ring.encrypt(`note ${i}`, 'rotation_long.body'));
    await sql`insert into rotation_long select n, v from unnest(${values.map((_, i) => i + 1)}::bigint[], ${values}::text[]) as u(n, v)`.execute(
      t.db,
    );
    const long = { table: 'rotation_long', idColumn: 'id', column: 'body', context: 'rotation_long.body' };
    const seen: RotationProgress[] = [];

    const result = await rotateKeys(
      { db: t.db, keyring, keyFile },
      {
        retire: true,
        propagationMs: 0,
        progressEveryMs: 0,
        onProgress: (p) => seen.push(p),
        columns: [...allSealedColumns, long],
      },
    );

    expect(seen.filter((p) => p.table === 'rotation_long')).toEqual([
      { table: 'rotation_long', column: 'body', done: 500, total: 1_234 },
      { table: 'rotation_long', column: 'body', done: 1_000, total: 1_234 },
      { table: 'rotation_long', column: 'body', done: 1_234, total: 1_234 },
    ]);
    expect(result.kept).toEqual([]);
    const rows = await sql<{ body: string }>`select body from rotation_long order by id`.execute(t.db);
    const reopened = await Keyring.open(keyFile);
    expect(rows.rows.every((r) => r.body.startsWith(`v1.${result.newKeyId}.`))).toBe(true);
    expect(reopened.decrypt(rows.rows[1_233]!.body, 'rotation_long.body')).toBe('note 1233');
  });

  it('stays quiet about columns done within the reporting interval', async () => {
    const seen: RotationProgress[] = [];
    await rotateKeys(
      { db: t.db, keyring, keyFile },
      { columns: allSealedColumns, retire: false, propagationMs: 0, onProgress: (p) => seen.push(p) },
    );
    expect(seen).toEqual([]);
  });
});
