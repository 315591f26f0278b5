import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';
import { seededRandom } from '../core/random.ts';
import { blindIndex, trigramSimilarity, type BlindIndex } from '../security/index.ts';
import { NAME_THRESHOLD } from './cases.search.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const CASES = '/api/v1/cases';
const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });

const childNamed = (name: string, extra: { aliases?: string[]; identifiers?: object[]; state?: string } = {}) => ({
  details: { identity: { name, aliases: extra.aliases ?? [] }, identifiers: extra.identifiers ?? [] },
  state: extra.state ?? 'OK',
});

async function open(w: Who, body: object): Promise<{ reference: string; version: number }> {
  const res = await app.inject({ method: 'POST', url: CASES, headers: as(w), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const refs = async (query: string, w: Who = who.cm!) => {
  const res = await get(`${CASES}?${query}`, w);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { reference: string; name: string }[] }>().items.map((i) => i.reference);
};

let jaylynn = '';
let aliased = '';
let other = '';
let teamB = '';
let index: BlindIndex;

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  index = blindIndex(built.keyring.indexKey);
  for (const [name, role, display] of [
    ['cm', 'case_manager', 'Casey Synthetic'],
    ['cm2', 'case_manager', 'Drew Example'],
    ['cmB', 'case_manager', 'Blake Sample'],
    ['analyst', 'analyst', 'Avery Analyst'],
    ['partner', 'partner', 'Pat Partner'],
    ['admin', 'admin', 'Admin Example'],
  ] as const) {
    ids[name] = await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    await t.db.updateTable('staff_users').set({ display_name: display }).where('id', '=', ids[name]!).execute();
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const team = async (name: string, members: string[]) => {
    const res = await app.inject({
      method: 'POST',
      url: `${CASES}/teams`,
      headers: as(who.admin!),
      payload: { name, members: members.map((userId) => ({ userId })) },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };
  await team('Team A', [ids.cm!, ids.cm2!]);
  teamB = await team('Team B', [ids.cmB!]);
  jaylynn = (
    await open(
      who.cm!,
      childNamed('Jaylynn Synthetic-Morales', {
        identifiers: [
          { kind: 'phone', value: '(405) 555-0134' },
          { kind: 'handle', value: 'StarGlow_99' },
        ],
      }),
    )
  ).reference;
  aliased = (await open(who.cm!, childNamed('Quinn Example', { aliases: ['Jaylin Moraless'], state: 'TX' }))).reference;
  other = (
    await open(who.cmB!, childNamed('Jaylynn Synthetic-Morales', { identifiers: [{ kind: 'phone', value: '405 555 0134' }] }))
  ).reference;
  await open(who.cm!, childNamed('Priya Okafor-Testfield'));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('searching cases by name', () => {
  it('finds a misspelt name and an alias, ranked, and only within my teams', async () => {
    const found = await refs(`name=${encodeURIComponent('jaylin synthetic morales')}`);
    expect(found[0]).toBe(jaylynn);
    expect(found).not.toContain(other);
    expect(await refs(`name=${encodeURIComponent('Jaylin Moraless')}`)).toEqual([aliased, jaylynn]);
    expect(await refs(`name=${encodeURIComponent('Zebediah Nobody')}`)).toEqual([]);
  });

  it('combines the name with state and status', async () => {
    expect(await refs(`name=Jaylin%20Moraless&state=TX`)).toEqual([aliased]);
    expect(await refs(`name=Jaylin%20Moraless&status=closed`)).toEqual([]);
  });

  it('follows a change of name in the same edit', async () => {
    const c = await open(who.cm!, childNamed('Rowan Placeholder'));
    const res = await app.inject({
      method: 'PATCH',
      url: `${CASES}/${c.reference}`,
      headers: as(who.cm!),
      payload: { version: c.version, details: { identity: { name: 'Marisol Fakehurst', aliases: [] } } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await refs('name=Rowan%20Placeholder')).toEqual([]);
    expect(await refs('name=Marisol%20Fakehurst')).toEqual([c.reference]);
  });

  it('refuses a name with nothing to search for, naming the field', async () => {
    const res = await get(`${CASES}?name=${encodeURIComponent('!!!')}`, who.cm!);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('name');
  });

  it('keeps names out of the database and the audit log', async () => {
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      const dump = await owner.query<{ t: string }>(`select
        (select coalesce(string_agg(row(x.*)::text, ''), '') from case_name_trigrams x) ||
        (select coalesce(string_agg(row(x.*)::text, ''), '') from case_identifiers x) ||
        (select coalesce(string_agg(row(x.*)::text, ''), '') from case_saved_filters x) ||
        (select coalesce(string_agg(row(x.*)::text, ''), '') from audit_entries x) as t`);
      const text = dump.rows[0]!.t.toLowerCase();
      for (const secret of ['jaylynn', 'morales', 'jaylin', '5550134', 'starglow']) expect(text).not.toContain(secret);
    } finally {
      await owner.end();
    }
  });
});

describe('name search against a brute-force count', () => {
  // Names from five letters no other name in this file starts a word with or is made of, so they
  // share no trigram with them; few letters make many partial overlaps.
  const rng = seededRandom(20261126);
  const word = () => Array.from({ length: rng.int(2, 6) }, () => rng.pick([...'bkvxz'])).join('');
  const randomName = () => Array.from({ length: rng.int(1, 3) }, word).join(' ');
  const names = new Map<string, string[]>();
  const queries = Array.from({ length: 40 }, randomName);

  /** Every case at the threshold or above, by pg_trgm's formula computed here over all names. */
  const expected = (query: string) => {
    const q = index.nameTrigrams(query);
    return [...names]
      .map(([reference, all]) => ({
        reference,
        similarity: Math.max(...all.map((n) => trigramSimilarity(q, index.nameTrigrams(n)))),
      }))
      .filter((c) => c.similarity >= NAME_THRESHOLD);
  };
  const similarityOf = (query: string) => new Map(expected(query).map((c) => [c.reference, c.similarity]));

  const agreeOnEveryQuery = async () => {
    for (const query of queries) {
      const found = await refs(`limit=100&name=${encodeURIComponent(query)}`, who.analyst!);
      const want = similarityOf(query);
      expect(new Set(found), query).toEqual(new Set(want.keys()));
      const ranks = found.map((r) => want.get(r)!);
      expect(ranks, query).toEqual([...ranks].sort((a, b) => b - a));
    }
  };

  beforeAll(async () => {
    for (let i = 0; i < 70; i++) {
      const all = [randomName(), ...Array.from({ length: rng.int(0, 2) }, randomName)];
      const c = await open(who.cm!, childNamed(all[0]!, { aliases: all.slice(1) }));
      names.set(c.reference, all);
    }
    expect(queries.filter((q) => expected(q).length > 0).length).toBeGreaterThan(20);
  });

  it('finds exactly the cases at the threshold, best first, before any statistics exist', agreeOnEveryQuery);

  it('finds the same once statistics say which tokens are common', async () => {
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      await owner.query('analyze case_name_trigrams');
      const common = await owner.query(
        `select 1 from pg_stats where tablename = 'case_name_trigrams' and attname = 'token' and most_common_vals is not null`,
      );
      expect(common.rowCount).toBe(1);
    } finally {
      await owner.end();
    }
    await agreeOnEveryQuery();
  });
});

describe('searching cases by identifier', () => {
  it('matches a phone number however it is written, and a handle with or without @', async () => {
    expect(await refs('identifier=%2B14055550134')).toEqual([jaylynn]);
    expect(await refs(`identifier=${encodeURIComponent('405.555.0134')}`)).toEqual([jaylynn]);
    expect(await refs(`identifier=${encodeURIComponent('@starglow_99')}`)).toEqual([jaylynn]);
    expect(await refs('identifier=nobody_here')).toEqual([]);
  });

  it('shows another team the case they may see, and an analyst both', async () => {
    expect(await refs('identifier=4055550134', who.cmB!)).toEqual([other]);
    expect((await refs('identifier=4055550134', who.analyst!)).sort()).toEqual([jaylynn, other].sort());
  });
});

describe('saved filters', () => {
  it('are mine alone: saved, listed, replaced by name and deleted', async () => {
    const save = (w: Who, payload: object) =>
      app.inject({ method: 'POST', url: `${CASES}/saved-filters`, headers: as(w), payload });
    const first = await save(who.cm!, { name: 'Jaylynn in Texas', filter: { name: 'Jaylin Moraless', state: 'TX' } });
    expect(first.statusCode, first.body).toBe(201);
    const again = await save(who.cm!, {
      name: 'Jaylynn in Texas',
      filter: { name: 'Jaylin Moraless', state: 'TX', status: 'open' },
    });
    expect(again.json().id).toBe(first.json().id);
    const mine = (await get(`${CASES}/saved-filters`, who.cm!)).json<{ items: { id: string; name: string; filter: object }[] }>()
      .items;
    expect(mine).toEqual([
      expect.objectContaining({ name: 'Jaylynn in Texas', filter: { name: 'Jaylin Moraless', state: 'TX', status: 'open' } }),
    ]);
    expect((await get(`${CASES}/saved-filters`, who.cm2!)).json().items).toEqual([]);
    const id = first.json<{ id: string }>().id;
    expect((await app.inject({ method: 'DELETE', url: `${CASES}/saved-filters/${id}`, headers: as(who.cm2!) })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'DELETE', url: `${CASES}/saved-filters/${id}`, headers: as(who.cm!) })).statusCode).toBe(
      204,
    );
    expect((await get(`${CASES}/saved-filters`, who.cm!)).json().items).toEqual([]);
  });

  it('refuses a filter without a name, naming the field, and people without case access', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${CASES}/saved-filters`,
      headers: as(who.cm!),
      payload: { name: '', filter: {} },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors[0].path).toBe('name');
    expect((await get(`${CASES}/saved-filters`, who.partner!)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `${CASES}/saved-filters` })).statusCode).toBe(401);
  });
});

describe('staff directory', () => {
  it('names the people in my teams and nobody else', async () => {
    const items = (await get('/api/v1/staff/directory', who.cm!)).json<{ items: { id: string; displayName: string }[] }>().items;
    expect(items.map((i) => i.displayName)).toEqual(['Casey Synthetic', 'Drew Example']);
    expect((await get('/api/v1/staff/directory', who.partner!)).statusCode).toBe(403);
    void teamB;
  });
});
