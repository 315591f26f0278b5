import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import pg from 'pg';
import type { BlobStore } from '../intake/index.ts';
import { BackupSealer, FRAME_BYTES, type ByteSource } from './backup-format.ts';
import { encodeRecord, loadOrder } from './backup-records.ts';

export type Progress = (line: string) => void;

export interface BackupSummary {
  tables: number;
  rows: number;
  files: number;
  bytes: number;
}

const ROWS_PER_RECORD = 500;

export interface BackupMeta {
  createdAt: string;
  migrations: string[];
  tables: string[];
}

export interface TableStart {
  name: string;
}
export interface TableEnd {
  name: string;
  rows: number;
}
export interface SequenceValue {
  name: string;
  value: string;
  isCalled: boolean;
}
export interface FileStart {
  key: string;
  size: number;
}
export interface FileEnd {
  key: string;
  sha256: string;
}
export interface BackupEnd {
  tables: number;
  rows: number;
  files: number;
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Every table of the public schema (partitioned parents, not their partitions), parents first. */
export async function publicTables(client: pg.ClientBase): Promise<string[]> {
  const tables = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`,
  );
  const references = await client.query<{ child: string; parent: string }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`,
  );
  const unquote = (r: string) => r.replace(/^public\./, '').replace(/^"(.*)"$/, '$1');
  return loadOrder(
    tables.rows.map((r) => r.name),
    references.rows.map((r) => ({ child: unquote(r.child), parent: unquote(r.parent) })),
  );
}

/** Where stored files are named: every `storage_key` column, whichever module owns it. */
async function storedFileKeys(client: pg.ClientBase): Promise<string[]> {
  const owners = await client.query<{ table_name: string }>(
    `select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'storage_key' order by table_name`,
  );
  const keys = new Set<string>();
  for (const { table_name } of owners.rows) {
    const found = await client.query<{ key: string }>(
      `select storage_key as key from ${quoteIdent(table_name)} where storage_key is not null order by storage_key`,
    );
    for (const { key } of found.rows) keys.add(key);
  }
  return [...keys];
}

class BackupWriter {
  bytes = 0;
  constructor(
    private readonly out: FileHandle,
    private readonly sealer: BackupSealer,
  ) {}

  async start(): Promise<void> {
    await this.write(this.sealer.header);
  }

  async record(type: Parameters<typeof encodeRecord>[0], payload: Buffer | object): Promise<void> {
    for (const frame of this.sealer.push(encodeRecord(type, payload))) await this.write(frame);
  }

  async finish(): Promise<void> {
    await this.write(this.sealer.finish());
  }

  private async write(bytes: Buffer): Promise<void> {
    await this.out.write(bytes);
    this.bytes += bytes.length;
  }
}

/**
 * Writes the whole database and every stored file it names, as one consistent snapshot: a single
 * read-only REPEATABLE READ transaction sees every table at the same instant while the server runs.
 */
export async function writeBackup(
  deps: { connectionString: string; blobs: BlobStore; secret: Buffer; progress: Progress },
  out: FileHandle,
): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: deps.connectionString });
  await client.connect();
  const writer = new BackupWriter(out, new BackupSealer(deps.secret));
  try {
    await client.query('begin isolation level repeatable read read only');
    const tables = await publicTables(client);
    const migrations = await client.query<{ name: string }>('select name from kysely_migration order by name');
    await writer.start();
    await writer.record('M', {
      createdAt: new Date().toISOString(),
      migrations: migrations.rows.map((r) => r.name),
      tables,
    } satisfies BackupMeta);
    let rows = 0;
    for (const table of tables) rows += await dumpTable(client, writer, table, deps.progress);
    await writer.record('S', await sequenceValues(client));
    const keys = await storedFileKeys(client);
    let files = 0;
    for (const key of keys) {
      if (await dumpFile(deps.blobs, writer, key, deps.progress)) files++;
      if (files % 100 === 0 || files === keys.length) deps.progress(`files: ${files} of ${keys.length}`);
    }
    await writer.record('Z', { tables: tables.length, rows, files } satisfies BackupEnd);
    await writer.finish();
    await client.query('commit');
    return { tables: tables.length, rows, files, bytes: writer.bytes };
  } finally {
    await client.end();
  }
}

async function dumpTable(client: pg.ClientBase, writer: BackupWriter, table: string, progress: Progress): Promise<number> {
  await writer.record('T', { name: table } satisfies TableStart);
  // A cursor keeps memory flat on tables of millions of rows; the row's text form round-trips every type.
  await client.query(`declare dump no scroll cursor for select t::text as r from ${quoteIdent(table)} t`);
  let rows = 0;
  for (;;) {
    const batch = await client.query<{ r: string }>(`fetch ${ROWS_PER_RECORD} from dump`);
    if (batch.rows.length === 0) break;
    await writer.record(
      'R',
      batch.rows.map((r) => r.r),
    );
    rows += batch.rows.length;
  }
  await client.query('close dump');
  await writer.record('E', { name: table, rows } satisfies TableEnd);
  progress(`table ${table}: ${rows} rows`);
  return rows;
}

async function sequenceValues(client: pg.ClientBase): Promise<SequenceValue[]> {
  const names = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const values: SequenceValue[] = [];
  for (const { name } of names.rows) {
    const { rows } = await client.query<{ value: string; is_called: boolean }>(
      `select last_value::text as value, is_called from ${quoteIdent(name)}`,
    );
    values.push({ name, value: rows[0]!.value, isCalled: rows[0]!.is_called });
  }
  return values;
}

/** A file removed after the snapshot began (its row deleted since) is left out, with a warning. */
async function dumpFile(blobs: BlobStore, writer: BackupWriter, key: string, progress: Progress): Promise<boolean> {
  let bytes: Buffer;
  try {
    bytes = await blobs.read(key);
  } catch {
    progress(`warning: stored file ${key} could not be read (removed while the backup ran?); it is not in the backup`);
    return false;
  }
  await writer.record('F', { key, size: bytes.length } satisfies FileStart);
  for (let at = 0; at < bytes.length; at += FRAME_BYTES) await writer.record('D', bytes.subarray(at, at + FRAME_BYTES));
  await writer.record('G', { key, sha256: createHash('sha256').update(bytes).digest('hex') } satisfies FileEnd);
  return true;
}

/** Reads a file handle in exact sizes (short only at the end of the file). */
export function fileSource(handle: FileHandle): ByteSource {
  let position = 0;
  return {
    async read(bytes: number) {
      const buffer = Buffer.alloc(bytes);
      let filled = 0;
      while (filled < bytes) {
        const { bytesRead } = await handle.read(buffer, filled, bytes - filled, position);
        if (bytesRead === 0) break;
        filled += bytesRead;
        position += bytesRead;
      }
      return buffer.subarray(0, filled);
    },
  };
}
