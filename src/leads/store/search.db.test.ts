import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { searchAdverts } from './repo.ts';

let t: TestDatabase;
let owner: pg.Client;
beforeAll(async () => {
  t = await createTestDatabase();
  owner = new pg.Client({ connectionString: t.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await t.close();
});

const WORDS = ['rose', 'tulsa', 'new', 'town', 'quiet', 'xq'];
const advert = fc.record({
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
  day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
  state: fc.constantFrom('OK', 'TX'),
});

/** The plain query the two-step search must always agree with. */
async function naive(q: string, limit: number, states?: string[]) {
  const rows = await sql<{ id: string }>`select id from adverts
    where (coalesce(title, '') || ' ' || coalesce(body, '')) ilike ${`%${q}%`}
      and (${states ?? null}::text[] is null or state = any(${states ?? null}::text[]))
    order by posted_at desc, id desc limit ${limit}`.execute(t.db);
  return rows.rows.map((r) => Number(r.id));
}

describe('advert text search', () => {
  it('gives the same newest matches whether the recent adverts fill the page or the trigram index answers', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(advert, { minLength: 0, maxLength: 30 }),
        fc.constantFrom(...WORDS),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        async (adverts, q, limit, window, inState) => {
          await owner.query('truncate adverts cascade');
          run++;
          for (const [i, a] of adverts.entries()) {
            await t.db
              .insertInto('adverts')
              .values({
                source_id: `s-${run}-${i}`,
                title: null,
                body: a.words.join(' '),
                state: a.state,
                posted_at: a.day === null ? null : `2026-02-${String(a.day).padStart(2, '0')}T10:00:00Z`,
                marks: '[]',
                flags: '[]',
              })
              .execute();
          }
          const states = inState ? ['OK'] : undefined;
          const got = await searchAdverts(t.db, { q, limit, states }, window, 0);
          expect(got.map((r) => Number(r.id))).toEqual(await naive(q, limit, states));
          // A cutoff remembered from other adverts (here: the previous example's) gives the same page.
          const remembered = await searchAdverts(t.db, { q, limit, states }, window, 60_000);
          expect(remembered.map((r) => Number(r.id))).toEqual(await naive(q, limit, states));
        },
      ),
      { numRuns: 80 },
    );
  });
});
