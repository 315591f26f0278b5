import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, open, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, testKeyring, withDatabase, type TestDatabase } from '../../test/harness.ts';
import { fillDemo } from '../cli/demo.ts';
import { DiskBlobs, FileStore } from '../intake/index.ts';
import { allMigrations } from '../modules.ts';
import type { Keyring } from '../security/index.ts';
import { fileSource, writeBackup } from './backup.ts';
import { restoreBackup } from './restore.ts';

let t: TestDatabase;
let keyring: Keyring;
let work: string;
let backupFile: string;
const empties: string[] = [];
const roles: string[] = [];
const quiet = () => undefined;

async function query<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text)).rows;
  } finally {
    await c.end();
  }
}

/** One hash per table, independent of row order: equal hashes, equal rows. */
async function tableHashes(url: string): Promise<Record<string, string>> {
  const tables = await query<{ name: string }>(
    url,
    `select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where nspname = 'public' and relkind = 'r' order by relname`,
  );
  const hashes: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await query<{ h: string; n: number }>(
      url,
      `select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as h, count(*)::int as n from "${name}" t`,
    );
    hashes[name] = `${row!.n}:${row!.h}`;
  }
  return hashes;
}

async function emptyDatabase(): Promise<string> {
  const admin = inject('pgAdminUrl');
  const name = `beacon_restore_${randomBytes(6).toString('hex')}`;
  await query(admin, `create database ${name} template template0`);
  empties.push(name);
  return withDatabase(admin, name);
}

async function restoreInto(url: string, blobsDir: string, file = backupFile, ring = keyring) {
  const handle = await open(file, 'r');
  try {
    return await restoreBackup(
      {
        connectionString: url,
        blobs: new DiskBlobs(blobsDir),
        secret: ring.indexKey,
        migrations: allMigrations,
        progress: quiet,
      },
      () => fileSource(handle),
    );
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  ({ keyring } = await testKeyring());
  work = await mkdtemp(path.join(os.tmpdir(), 'beacon-backup-'));
  await fillDemo({ db: t.db, keyring, orgName: 'Test' }, { seed: 7, tips: 12, cases: 3, lastYearTips: 0 });
  const store = new FileStore(new DiskBlobs(path.join(work, 'files')), keyring);
  const [aCase] = await query<{ id: string }>(t.ownerUrl, 'select id from cases limit 1');
  for (let i = 0; i < 3; i++) {
    const id = randomUUID();
    const stored = await store.put(id, randomBytes(100_000 + i));
    await query(
      t.ownerUrl,
      `insert into case_photos (id, case_id, storage_key, data_key_enc, mime_type, size_bytes, width, height)
       values ('${id}', '${aCase!.id}', '${stored.storageKey}', '${stored.dataKeyEnc}', 'image/jpeg', 1, 1, 1)`,
    );
  }
  backupFile = path.join(work, 'beacon.backup');
  const out = await open(backupFile, 'wx', 0o600);
  try {
    await writeBackup(
      { connectionString: t.ownerUrl, blobs: new DiskBlobs(path.join(work, 'files')), secret: keyring.indexKey, progress: quiet },
      out,
    );
  } finally {
    await out.close();
  }
}, 120_000);

afterAll(async () => {
  await t.close();
  for (const name of empties) await query(inject('pgAdminUrl'), `drop database if exists ${name} with (force)`);
  for (const role of roles) await query(inject('pgAdminUrl'), `drop role if exists ${role}`);
});

describe('backup and restore', () => {
  it('restores every table row for row and every stored file byte for byte', async () => {
    const url = await emptyDatabase();
    const files = path.join(work, 'restored-files');
    const end = await restoreInto(url, files);
    expect(end.files).toBe(3);
    const before = await tableHashes(t.ownerUrl);
    const after = await tableHashes(url);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after).toEqual(before);
    expect(Object.values(before).filter((h) => !h.startsWith('0:')).length).toBeGreaterThan(10);
    const names = (await readdir(path.join(work, 'files'))).sort();
    expect((await readdir(files)).sort()).toEqual(names);
    for (const name of names) {
      expect((await readFile(path.join(files, name))).equals(await readFile(path.join(work, 'files', name)))).toBe(true);
    }
  }, 120_000);

  it('restores as a database owner that is not a superuser (parents first, its own triggers switched off)', async () => {
    const admin = inject('pgAdminUrl');
    const suffix = randomBytes(4).toString('hex');
    const role = `beacon_owner_${suffix}`;
    await query(admin, `create role ${role} login password 'owner-${suffix}'`);
    roles.push(role);
    await query(admin, `grant beacon_app to ${role}`);
    const name = `beacon_restore_${suffix}`;
    await query(admin, `create database ${name} owner ${role} template template0`);
    empties.push(name);
    const url = new URL(withDatabase(admin, name));
    url.username = role;
    url.password = `owner-${suffix}`;
    await query(withDatabase(admin, name), `alter schema public owner to ${role}`);
    await restoreInto(url.toString(), path.join(work, 'owner-files'));
    expect(await tableHashes(url.toString())).toEqual(await tableHashes(t.ownerUrl));
  }, 120_000);

  it('keeps nothing readable: the backup holds no plaintext of the rows', async () => {
    const bytes = await readFile(backupFile);
    expect(bytes.includes(Buffer.from('kysely_migration'))).toBe(false);
    expect(bytes.includes(Buffer.from('demo.beacon.test'))).toBe(false);
  });

  it('refuses a database that is not empty, naming why', async () => {
    await expect(restoreInto(t.ownerUrl, path.join(work, 'other'))).rejects.toThrow(/database is not empty/);
  });

  it('refuses a backup made with another key file', async () => {
    const other = await testKeyring();
    await expect(restoreInto(await emptyDatabase(), path.join(work, 'k'), backupFile, other.keyring)).rejects.toThrow(
      /made with another key file/,
    );
  });

  it('refuses a truncated backup before writing anything', async () => {
    const bytes = await readFile(backupFile);
    const cut = path.join(work, 'cut.backup');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const url = await emptyDatabase();
    await expect(restoreInto(url, path.join(work, 'cut'), cut)).rejects.toThrow(/truncated/);
    expect(await query(url, `select 1 from pg_tables where schemaname = 'public'`)).toEqual([]);
  });

  it('refuses a damaged backup, naming the chunk', async () => {
    const bytes = Buffer.from(await readFile(backupFile));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    const bad = path.join(work, 'bad.backup');
    await writeFile(bad, bytes);
    await expect(restoreInto(await emptyDatabase(), path.join(work, 'bad'), bad)).rejects.toThrow(/damaged: chunk \d+/);
  });
});
