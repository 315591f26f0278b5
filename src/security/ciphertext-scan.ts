import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database.ts';

/**
 * Finds Beacon ciphertexts by what they look like, in every column that could hold text, so a
 * sealed value is found whatever its column is called and whether or not a list names it (also
 * inside JSON documents and arrays).
 */
export interface CatalogueColumn {
  table: string;
  column: string;
  /** `information_schema.columns.data_type`, or the array's element type name. */
  type: string;
}

export interface CiphertextUse {
  keyId: string;
  table: string;
  column: string;
  rows: number;
}

const ARRAY_TYPES = ['_text', '_varchar', '_bpchar', '_json', '_jsonb'];

/** Text, JSON, bytea and text-array columns of the public schema's tables that this role may read. */
export async function textColumns(db: Db): Promise<CatalogueColumn[]> {
  const { rows } = await sql<CatalogueColumn>`
    select c.table_name as "table", c.column_name as "column", case when c.data_type = 'ARRAY' then c.udt_name else c.data_type end as type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea') or (c.data_type = 'ARRAY' and c.udt_name = any(${ARRAY_TYPES})))
      and has_table_privilege(format('%I.%I', c.table_schema, c.table_name), 'SELECT')
    order by c.table_name, c.ordinal_position`.execute(db);
  return rows;
}

/** `v1.<keyId>.<iv: 12 bytes>.<ciphertext and 16-byte tag>`, base64url, as crypto.ts writes it. */
export function ciphertextPattern(keyId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(keyId)) throw new Error('key ids are base64url words');
  return `v1\\.${keyId}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22,}`;
}

function asText(c: CatalogueColumn): RawBuilder<string> {
  // bytea's text form is hex; 'escape' keeps printable ASCII as it is.
  return c.type === 'bytea' ? sql<string>`encode(${sql.ref(c.column)}, 'escape')` : sql<string>`${sql.ref(c.column)}::text`;
}

/**
 * How many rows of each column hold a ciphertext under each of the given keys: one scan of each
 * table. Only non-zero counts come back.
 */
export async function ciphertextUses(
  db: Db,
  keyIds: readonly string[],
  columns?: readonly CatalogueColumn[],
): Promise<CiphertextUse[]> {
  if (keyIds.length === 0) return [];
  const byTable = new Map<string, CatalogueColumn[]>();
  for (const c of columns ?? (await textColumns(db))) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  const uses: CiphertextUse[] = [];
  for (const [table, cols] of byTable) {
    const pairs = cols.flatMap((column) => keyIds.map((keyId) => ({ column, keyId })));
    const counts = pairs.map(
      ({ column, keyId }, i) =>
        sql`count(*) filter (where ${asText(column)} ~ ${ciphertextPattern(keyId)})::int as ${sql.ref(`n${i}`)}`,
    );
    const { rows } = await sql<Record<string, number>>`select ${sql.join(counts)} from ${sql.table(table)}`.execute(db);
    pairs.forEach(({ column, keyId }, i) => {
      const n = rows[0]?.[`n${i}`] ?? 0;
      if (n > 0) uses.push({ keyId, table, column: column.column, rows: n });
    });
  }
  return uses;
}
