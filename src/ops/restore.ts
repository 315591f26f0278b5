import { createHash } from 'node:crypto';
import { Migrator, type Kysely, type Migration } from 'kysely';
import pg from 'pg';
import { createPool, kyselyFor, migrateToLatest } from '../db/index.ts';
import type { BlobStore } from '../intake/index.ts';
import { BackupFormatError, openBackup, type ByteSource } from './backup-format.ts';
import { decodeRecords, jsonOf, type BackupRecord } from './backup-records.ts';
import {
  quoteIdent,
  type BackupEnd,
  type BackupMeta,
  type FileEnd,
  type FileStart,
  type Progress,
  type SequenceValue,
  type TableEnd,
  type TableStart,
} from './backup.ts';

export class RestoreRefused extends Error {}

export interface RestoreDeps {
  connectionString: string;
  blobs: BlobStore;
  secret: Buffer;
  migrations: Readonly<Record<string, Migration>>;
  progress: Progress;
}

function records(open: () => ByteSource, secret: Buffer): AsyncGenerator<BackupRecord> {
  return decodeRecords(openBackup(open(), secret));
}

/**
 * Restores into an empty deployment. A first pass reads the whole backup and checks every chunk,
 * so a wrong key, a damaged or a truncated file is refused before anything is written; the second
 * pass loads every row in one transaction and writes the files, then the schema is brought up to
 * this release.
 */
export async function restoreBackup(deps: RestoreDeps, open: () => ByteSource): Promise<BackupEnd> {
  await refuseUnlessEmpty(deps.connectionString);
  deps.progress('checking the backup (every chunk is verified before anything is written)');
  const meta = await verify(deps, open);
  const unknown = meta.migrations.filter((m) => !(m in deps.migrations));
  if (unknown.length > 0) {
    throw new RestoreRefused(
      `this backup comes from a newer Beacon (its schema has ${unknown.length} migration(s) this release does not know, e.g. ${unknown[0]}): restore it with that release or a later one`,
    );
  }
  const owner = kyselyFor<unknown>(createPool(deps.connectionString, 1));
  try {
    await migrateTo(owner, deps.migrations, meta.migrations.at(-1));
    const end = await load(deps, open);
    const { applied } = await migrateToLatest(owner, deps.migrations);
    if (applied.length > 0) deps.progress(`schema brought up to this release: ${applied.length} migration(s)`);
    return end;
  } finally {
    await owner.destroy();
  }
}

async function refuseUnlessEmpty(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')`,
    );
    if (rows[0]!.n > 0) {
      throw new RestoreRefused(
        'the database is not empty: restore only into a new deployment whose database has no tables yet (create an empty database, point DATABASE_URL at it, or use a new BEACON_DATA_DIR)',
      );
    }
  } finally {
    await client.end();
  }
}

async function verify(deps: RestoreDeps, open: () => ByteSource): Promise<BackupMeta> {
  let meta: BackupMeta | undefined;
  let ended = false;
  for await (const record of records(open, deps.secret)) {
    if (ended) throw new BackupFormatError('the backup is damaged: it continues after its end record');
    if (record.type === 'M') meta = jsonOf<BackupMeta>(record);
    if (record.type === 'F') {
      const { key } = jsonOf<FileStart>(record);
      if (await exists(deps.blobs, key)) {
        throw new RestoreRefused(
          `the file store already holds ${key}: restore only into a new deployment with an empty file store`,
        );
      }
    }
    if (record.type === 'Z') ended = true;
  }
  if (!meta) throw new BackupFormatError('the backup is damaged: it has no description of its contents');
  if (!ended) throw new BackupFormatError('the backup is damaged: it has no end record');
  return meta;
}

async function exists(blobs: BlobStore, key: string): Promise<boolean> {
  try {
    await blobs.read(key);
    return true;
  } catch {
    return false;
  }
}

async function migrateTo(db: Kysely<unknown>, migrations: Readonly<Record<string, Migration>>, last: string | undefined) {
  if (!last) return;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error } = await migrator.migrateTo(last);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

interface Loading {
  client: pg.ClientBase;
  table: string | undefined;
  columns: string;
  rows: number;
  file: { key: string; parts: Buffer[] } | undefined;
  written: string[];
}

async function load(deps: RestoreDeps, open: () => ByteSource): Promise<BackupEnd> {
  const client = new pg.Client({ connectionString: deps.connectionString });
  await client.connect();
  const state: Loading = { client, table: undefined, columns: '', rows: 0, file: undefined, written: [] };
  try {
    await client.query('begin');
    const { rows } = await client.query<{ rolsuper: boolean }>('select rolsuper from pg_roles where rolname = current_user');
    // Triggers would refuse or rewrite restored rows (the audit chain); as superuser they are simply not fired.
    if (rows[0]?.rolsuper) await client.query(`set local session_replication_role = replica`);
    let end: BackupEnd | undefined;
    for await (const record of records(open, deps.secret)) {
      end = (await apply(deps, state, record)) ?? end;
    }
    await client.query('commit');
    return end!;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    for (const key of state.written) await deps.blobs.delete(key).catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

async function apply(deps: RestoreDeps, s: Loading, record: BackupRecord): Promise<BackupEnd | undefined> {
  switch (record.type) {
    case 'M':
      for (const table of jsonOf<BackupMeta>(record).tables.toReversed()) await withUserTriggers(s.client, table, 'disable');
      // Rows the migrations seeded come back from the backup as they were.
      for (const table of jsonOf<BackupMeta>(record).tables.toReversed())
        await s.client.query(`delete from ${quoteIdent(table)}`);
      return undefined;
    case 'T':
      s.table = jsonOf<TableStart>(record).name;
      s.columns = await insertableColumns(s.client, s.table);
      s.rows = 0;
      return undefined;
    case 'R':
      s.rows += await insertRows(s, jsonOf<string[]>(record));
      return undefined;
    case 'E':
      await endTable(deps, s, jsonOf<TableEnd>(record));
      return undefined;
    case 'S':
      for (const q of jsonOf<SequenceValue[]>(record)) {
        await s.client.query('select setval($1::regclass, $2::bigint, $3)', [quoteIdent(q.name), q.value, q.isCalled]);
      }
      return undefined;
    case 'F':
      s.file = { key: jsonOf<FileStart>(record).key, parts: [] };
      return undefined;
    case 'D':
      s.file?.parts.push(Buffer.from(record.payload));
      return undefined;
    case 'G':
      await writeFile(deps, s, jsonOf<FileEnd>(record));
      return undefined;
    case 'Z':
      return jsonOf<BackupEnd>(record);
  }
}

async function withUserTriggers(client: pg.ClientBase, table: string, change: 'disable' | 'enable'): Promise<void> {
  const { rows } = await client.query<{ rolsuper: boolean }>('select rolsuper from pg_roles where rolname = current_user');
  // Without superuser, the owner may still switch off its own tables' triggers, inside this transaction.
  if (!rows[0]?.rolsuper) await client.query(`alter table ${quoteIdent(table)} ${change} trigger user`);
}

async function insertableColumns(client: pg.ClientBase, table: string): Promise<string> {
  const { rows } = await client.query<{ name: string }>(
    `select attname as name from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
    [quoteIdent(table)],
  );
  return rows.map((r) => quoteIdent(r.name)).join(', ');
}

async function insertRows(s: Loading, rows: string[]): Promise<number> {
  const table = quoteIdent(s.table!);
  const result = await s.client.query(
    `insert into ${table} (${s.columns}) overriding system value select ${s.columns} from unnest($1::${table}[])`,
    [rows],
  );
  return result.rowCount ?? 0;
}

async function endTable(deps: RestoreDeps, s: Loading, end: TableEnd): Promise<void> {
  if (end.rows !== s.rows)
    throw new BackupFormatError(`the backup is damaged: table ${end.name} loaded ${s.rows} of ${end.rows} rows`);
  await withUserTriggers(s.client, end.name, 'enable');
  deps.progress(`table ${end.name}: ${end.rows} rows`);
}

async function writeFile(deps: RestoreDeps, s: Loading, end: FileEnd): Promise<void> {
  const bytes = Buffer.concat(s.file?.parts ?? []);
  if (s.file?.key !== end.key || createHash('sha256').update(bytes).digest('hex') !== end.sha256) {
    throw new BackupFormatError(`the backup is damaged: stored file ${end.key} does not match its checksum`);
  }
  await deps.blobs.write(end.key, bytes);
  s.written.push(end.key);
  s.file = undefined;
  if (s.written.length % 100 === 0) deps.progress(`files: ${s.written.length}`);
}
