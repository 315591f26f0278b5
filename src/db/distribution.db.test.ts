import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { distributionBreaches, KNOWN_BREACHES, PLACEMENT, type Catalog } from './distribution.ts';

let t: TestDatabase;
let catalog: Catalog;

/** The migrated schema's own description of its keys, from pg_constraint and pg_index. */
async function readCatalog(url: string): Promise<Catalog> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const columns = await c.query<{ table: string; column: string }>(
      `select c.relname as table, a.attname as column from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0
          and not a.attisdropped and a.attnotnull`,
    );
    const tables = await c.query<{ table: string }>(
      `select relname as table from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')`,
    );
    const notNull: Catalog['notNull'] = Object.fromEntries(tables.rows.map((r) => [r.table, []]));
    for (const r of columns.rows) notNull[r.table]!.push(r.column);
    const uniques = await c.query<{ name: string; table: string; columns: Array<string | null> }>(
      `select i.relname as name, t.relname as table,
              array(select a.attname from unnest(x.indkey[0:x.indnkeyatts - 1]) k
                      left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k)::text[] as columns
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        where t.relnamespace = 'public'::regnamespace and x.indisunique
       union all
       select con.conname, t.relname, array[]::text[] from pg_constraint con join pg_class t on t.oid = con.conrelid
        where con.contype = 'x' and t.relnamespace = 'public'::regnamespace`,
    );
    const foreignKeys = await c.query<Catalog['foreignKeys'][number]>(
      `select con.conname as name, ch.relname as child, pa.relname as parent,
              array(select attname from unnest(con.conkey) k join pg_attribute on attrelid = con.conrelid and attnum = k)::text[] as "childColumns",
              array(select attname from unnest(con.confkey) k join pg_attribute on attrelid = con.confrelid and attnum = k)::text[] as "parentColumns"
         from pg_constraint con join pg_class ch on ch.oid = con.conrelid join pg_class pa on pa.oid = con.confrelid
        where con.contype = 'f' and ch.relnamespace = 'public'::regnamespace`,
    );
    return { notNull, uniques: uniques.rows, foreignKeys: foreignKeys.rows };
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  catalog = await readCatalog(t.ownerUrl);
});
afterAll(async () => t.close());

describe('the schema keeps to its Citus placement (docs/scale.md)', () => {
  it('breaks no rule beyond the known breaches, each with its reason', () => {
    const fresh = distributionBreaches(catalog, PLACEMENT).filter((b) => !(b.name in KNOWN_BREACHES));
    expect(fresh.map((b) => `${b.name}: ${b.rule}`)).toEqual([]);
  });

  it('lists no breach that is gone: a fixed one comes off the list', () => {
    const names = new Set(distributionBreaches(catalog, PLACEMENT).map((b) => b.name));
    expect(Object.keys(KNOWN_BREACHES).filter((n) => !names.has(n))).toEqual([]);
  });

  it('declares every large table: tips, adverts and their details are distributed', () => {
    for (const table of ['reports', 'tip_identifiers', 'adverts', 'advert_identifiers', 'leads']) {
      expect(PLACEMENT[table]?.kind, table).toBe('distributed');
    }
  });

  it('catches the breaches it is meant to catch', () => {
    const planted: Catalog = {
      notNull: { a: ['id'], b: ['a_id', 'id'], r: ['id'] },
      uniques: [{ name: 'b_pkey', table: 'b', columns: ['id'] }],
      foreignKeys: [
        { name: 'b_a', child: 'b', childColumns: ['id'], parent: 'a', parentColumns: ['id'] },
        { name: 'r_a', child: 'r', childColumns: ['id'], parent: 'a', parentColumns: ['id'] },
      ],
    };
    const found = distributionBreaches(planted, {
      a: { kind: 'distributed', column: 'id', group: 'tips' },
      b: { kind: 'distributed', column: 'a_id', group: 'tips' },
      r: { kind: 'reference' },
    });
    expect(found.map((b) => b.name).sort()).toEqual(['b_a', 'b_pkey', 'r_a']);
  });
});
