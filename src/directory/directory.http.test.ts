import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';
import { PROVIDER_COLUMNS } from './directory.csv.ts';
import { importProviders } from './directory.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const BASE = '/api/v1/providers';

type Column = (typeof PROVIDER_COLUMNS)[number];
const line = (cells: Partial<Record<Column, string>>) => PROVIDER_COLUMNS.map((c) => cells[c] ?? '').join(',');
const csvOf = (...rows: Partial<Record<Column, string>>[]) => [PROVIDER_COLUMNS.join(','), ...rows.map(line)].join('\n');
const provider = (code: string, zip: string, areas: string, more: Partial<Record<Column, string>> = {}) => ({
  provider_code: code,
  name: `Provider ${code}`,
  zip,
  areas,
  languages: 'English',
  service: 'mental_health',
  needs: 'mental_health',
  phone: '918-555-0142',
  ...more,
});

/** Tulsa (74103 downtown, 74133 south, county 40143), Oklahoma City (73102, county 40109), Dallas. */
const DIRECTORY = csvOf(
  provider('TUL-ZIP', '74103', 'zip:74103', {
    service: 'drop_in',
    needs: 'safety_placement',
    genders: 'transgender_nonbinary',
    min_age: '13',
    max_age: '24',
  }),
  provider('TUL-COUNTY', '74133', 'county:40143', {
    languages: 'English; Spanish',
    service: 'shelter',
    needs: 'safety_placement; independent_living',
    genders: 'boys',
    min_age: '12',
    max_age: '17',
  }),
  provider('OK-STATE', '73102', 'state:OK', {
    languages: 'English; Vietnamese',
    service: 'legal',
    needs: 'legal_rights',
    verified_on: '2024-01-15',
  }),
  provider('OKC-COUNTY', '73102', 'county:40109'),
  provider('TX-STATE', '75201', 'state:TX', { languages: 'English; Spanish' }),
);

type Item = { id: string; code: string; distanceMiles?: number; stale: boolean; languages: string[] };
const get = (url: string, w?: Who) => app.inject({ method: 'GET', url, headers: w ? as(w) : {} });
const codes = async (query: string, w: Who = who.case_manager!) => {
  const res = await get(`${BASE}?${query}`, w);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Item[] }>().items.map((i) => i.code);
};
const post = (url: string, w: Who, payload?: object) =>
  app.inject({ method: 'POST', url, headers: as(w), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const role of ['analyst', 'supervisor', 'admin', 'partner', 'operator', 'case_manager'] as const) {
    await addStaff(t.db, built.keyring, role, `${role}@example.test`);
    who[role] = await signIn(app, `${role}@example.test`);
  }
  const out = await importProviders({ db: t.db }, { kind: 'system', label: 'test' }, DIRECTORY);
  expect(out).toMatchObject({ kind: 'ok', created: ['TUL-ZIP', 'TUL-COUNTY', 'OK-STATE', 'OKC-COUNTY', 'TX-STATE'] });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('who may use the directory', () => {
  it('needs a session (401), and the directory permissions (403)', async () => {
    expect((await get(`${BASE}?zip=74103`)).statusCode).toBe(401);
    for (const role of ['partner', 'operator']) expect((await get(`${BASE}?zip=74103`, who[role])).statusCode, role).toBe(403);
    for (const role of ['analyst', 'supervisor', 'admin', 'case_manager'])
      expect((await get(`${BASE}?zip=74103`, who[role])).statusCode, role).toBe(200);
    for (const role of ['analyst', 'case_manager']) {
      expect((await post(`${BASE}/import`, who[role]!, { csv: DIRECTORY })).statusCode, role).toBe(403);
      expect((await post(`${BASE}/${randomUUID()}/verified`, who[role]!)).statusCode, role).toBe(403);
    }
  });
});

describe('GET /api/v1/providers', () => {
  it('finds providers serving the ZIP code, its county or its state, nearest first, with the stale ones flagged', async () => {
    const res = await get(`${BASE}?zip=74103`, who.case_manager);
    const items = res.json<{ items: Item[] }>().items;
    expect(items.map((i) => i.code)).toEqual(['TUL-ZIP', 'TUL-COUNTY', 'OK-STATE']);
    expect(items[0]?.distanceMiles).toBe(0);
    expect(items[1]!.distanceMiles).toBeGreaterThan(5);
    expect(items[2]!.distanceMiles).toBeGreaterThan(90);
    for (const i of items) expect(Number.isInteger(i.distanceMiles! * 10)).toBe(true);
    expect(items.map((i) => i.stale)).toEqual([false, false, true]);
    expect(await codes('zip=74133')).toEqual(['TUL-COUNTY', 'OK-STATE']);
    expect(await codes('zip=73102')).toEqual(['OK-STATE', 'OKC-COUNTY']);
  });

  it('takes a state alone as every provider serving anywhere in it', async () => {
    expect((await codes('state=ok')).sort()).toEqual(['OK-STATE', 'OKC-COUNTY', 'TUL-COUNTY', 'TUL-ZIP']);
    expect(await codes('state=TX')).toEqual(['TX-STATE']);
  });

  it('filters by language, need, service, gender and age, all met by one service', async () => {
    expect(await codes('zip=74103&language=spanish')).toEqual(['TUL-COUNTY']);
    expect(await codes('zip=74103&language=Vietnamese')).toEqual(['OK-STATE']);
    expect(await codes('zip=74103&need=legal_rights')).toEqual(['OK-STATE']);
    expect(await codes('zip=74103&service=shelter')).toEqual(['TUL-COUNTY']);
    // OK-STATE's legal service takes everyone, at any age.
    expect(await codes('zip=74103&gender=boys')).toEqual(['TUL-COUNTY', 'OK-STATE']);
    expect(await codes('zip=74103&gender=transgender_nonbinary&age=15')).toEqual(['TUL-ZIP', 'OK-STATE']);
    expect(await codes('zip=74103&gender=boys&age=10')).toEqual(['OK-STATE']);
    expect(await codes('zip=74103&gender=boys&need=legal_rights&service=shelter')).toEqual([]);
  });

  it('names the field when the place is wrong (400)', async () => {
    for (const query of ['zip=00000', 'zip=7410', 'need=food', '']) {
      const res = await get(`${BASE}?${query}`, who.analyst);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ error: { errors: { path: string }[] } }>().error.errors[0]?.path, query).toMatch(/zip|need/);
    }
  });
});

describe('GET /api/v1/providers/:id', () => {
  it('shows one provider with its services and areas, and 404 for an unknown id', async () => {
    const [first] = (await get(`${BASE}?zip=74133`, who.analyst)).json<{ items: Item[] }>().items;
    const res = await get(`${BASE}/${first!.id}`, who.analyst);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: 'TUL-COUNTY',
      phone: '+19185550142',
      languages: ['English', 'Spanish'],
      areas: [{ kind: 'county', code: '40143', state: 'OK' }],
      services: [{ kind: 'shelter', genders: ['boys'], minAge: 12, maxAge: 17 }],
      stale: false,
    });
    expect((await get(`${BASE}/${randomUUID()}`, who.analyst)).statusCode).toBe(404);
  });
});

describe('POST /api/v1/providers/import', () => {
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('providers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('writes a good file in one go, updating providers by code, with an audit entry', async () => {
    const res = await post(`${BASE}/import`, who.supervisor!, {
      csv: csvOf(
        provider('TX-STATE', '75201', 'state:TX', { languages: 'English; Spanish; Korean' }),
        provider('NEW-1', '74103', 'zip:74103'),
      ),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 2, created: ['NEW-1'], updated: ['TX-STATE'] });
    expect(await codes('zip=75201&language=korean')).toEqual(['TX-STATE']);
    const audit = await t.db
      .selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('action', '=', 'provider.imported')
      .execute();
    expect(audit.length).toBe(2);
  });

  it('takes the file as text/csv too', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${BASE}/import`,
      headers: { ...as(who.supervisor!), 'content-type': 'text/csv' },
      payload: csvOf(provider('NEW-CSV', '74103', 'zip:74103')),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 1, created: ['NEW-CSV'], updated: [] });
  });

  it('writes nothing when one row is wrong, and names its row and field (422)', async () => {
    const before = await count();
    const res = await post(`${BASE}/import`, who.admin!, {
      csv: csvOf(provider('NEW-2', '74103', 'zip:74103'), provider('NEW-3', '74103', 'zip:74103', { genders: 'everyone' })),
    });
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: { code: string; errors: { path: string; row: number; field: string }[] } }>();
    expect(body.error.code).toBe('invalid_csv');
    expect(body.error.errors).toMatchObject([{ path: 'row 3, genders', row: 3, field: 'genders' }]);
    expect(await count()).toBe(before);
    expect(await codes('state=OK')).not.toContain('NEW-2');
  });
});

describe('POST /api/v1/providers/:id/verified', () => {
  it('records the verification now, so the entry is no longer stale, with an audit entry', async () => {
    const stale = (await get(`${BASE}?zip=74103&need=legal_rights`, who.analyst)).json<{ items: Item[] }>().items[0]!;
    expect(stale.stale).toBe(true);
    const res = await post(`${BASE}/${stale.id}/verified`, who.supervisor!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: stale.id, stale: false });
    expect(Date.now() - Date.parse(res.json<{ verifiedAt: string }>().verifiedAt)).toBeLessThan(60_000);
    expect((await get(`${BASE}/${stale.id}`, who.analyst)).json<{ stale: boolean }>().stale).toBe(false);
    const audit = await t.db
      .selectFrom('audit_entries')
      .select(['target_id'])
      .where('action', '=', 'provider.verified')
      .execute();
    expect(audit).toEqual([{ target_id: stale.id }]);
    expect((await post(`${BASE}/${randomUUID()}/verified`, who.admin!)).statusCode).toBe(404);
  });
});
