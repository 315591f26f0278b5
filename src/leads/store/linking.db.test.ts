import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { linkPending } from './linking.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('linking at the size of a first import', () => {
  // Found at 1,000,000 adverts: one parameter per new network overflowed PostgreSQL's 65,535 a statement.
  it('names more networks in one pass than a statement has parameters', async () => {
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      await owner.query(`insert into adverts (source_id, body, posted_at)
        select 'big-' || n, 'call me', timestamptz '2026-01-01' + n * interval '1 minute' from generate_series(1, 40000) n`);
      await owner.query(`insert into advert_identifiers (advert_id, kind, value, key)
        select id, 'phone', '+1918555' || id, 'tel:+1918555' || id from adverts where source_id like 'big-%'`);
    } finally {
      await owner.end();
    }
    const summary = await linkPending(t.db);
    expect(summary).toMatchObject({ linked: 40000, newNetworks: 40000 });
    const networks = await t.db
      .selectFrom('advert_networks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(networks.n)).toBe(40000);
  });
});
