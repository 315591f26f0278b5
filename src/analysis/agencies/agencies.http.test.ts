import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, signIn } from '../../../test/staff.ts';
import { toAgencyCsv } from './agencies.csv.ts';
import { demoAgencies } from './agencies.demo.ts';
import { importAgencies } from './agencies.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
type Who = { cookie: string; csrf: string };
const who: Record<string, Who> = {};
const AGENCIES = '/api/v1/agencies';
const get = (url: string, w?: Who) =>
  app.inject({ method: 'GET', url, headers: w ? { cookie: w.cookie, 'x-csrf-token': w.csrf } : {} });

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const role of ['analyst', 'supervisor', 'admin', 'partner', 'operator', 'case_manager'] as const) {
    await addStaff(t.db, built.keyring, role, `${role}@example.test`);
    who[role] = await signIn(app, `${role}@example.test`);
  }
  const out = await importAgencies({ db: t.db }, { kind: 'system', label: 'test' }, toAgencyCsv(demoAgencies()), {
    dryRun: false,
  });
  expect(out.kind).toBe('ok');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('who may read the directory', () => {
  it('needs a session (401)', async () => {
    expect((await get(AGENCIES)).statusCode).toBe(401);
    expect((await get(`${AGENCIES}/propose?state=OK`)).statusCode).toBe(401);
  });

  it('refuses partners, operators and case managers (403)', async () => {
    for (const role of ['partner', 'operator', 'case_manager']) {
      expect((await get(AGENCIES, who[role])).statusCode, role).toBe(403);
      expect((await get(`${AGENCIES}/propose?state=OK`, who[role])).statusCode, role).toBe(403);
    }
  });

  it('lets analysts, supervisors and administrators list agencies', async () => {
    for (const role of ['analyst', 'supervisor', 'admin'])
      expect((await get(`${AGENCIES}?state=KS`, who[role])).statusCode, role).toBe(200);
  });
});

describe('GET /api/v1/agencies', () => {
  it('filters by state and by text', async () => {
    const ks = (await get(`${AGENCIES}?state=ks`, who.analyst)).json<{ items: { code: string }[] }>().items.map((a) => a.code);
    expect(ks.sort()).toEqual(['KS-CW', 'KS-ICAC', 'KS-SEDGWICK-CS', 'KS-SEDGWICK-SO', 'KS-SIB', 'KS-WICHITA-PD']);
    const icac = (await get(`${AGENCIES}?q=${encodeURIComponent('ICAC Task Force')}&limit=500`, who.analyst)).json<{
      items: unknown[];
    }>().items;
    expect(icac).toHaveLength(52);
  });

  it('names the field when the query is wrong (400)', async () => {
    const res = await get(`${AGENCIES}?state=XX`, who.analyst);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/state/);
  });
});

describe('GET /api/v1/agencies/propose', () => {
  it('proposes the most specific agencies first, with reasons', async () => {
    const res = await get(`${AGENCIES}/propose?state=OK&county=Tulsa&city=Tulsa`, who.analyst);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { agency: { code: string; phone: string }; reason: string }[] }>().items;
    expect(items[0]).toMatchObject({ agency: { code: 'OK-TULSA-PD' }, reason: 'covers the city of Tulsa, OK' });
    expect(items.map((i) => i.agency.code)).toContain('OK-ICAC');
  });

  it('needs a state or tribal land (400)', async () => {
    expect((await get(`${AGENCIES}/propose?city=Tulsa`, who.analyst)).statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('describes both routes and their query strings', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>();
    expect(spec.paths['/api/v1/agencies']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['state', 'q', 'limit']),
    );
    expect(spec.paths['/api/v1/agencies/propose']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['state', 'county', 'city', 'tribalLand']),
    );
  });
});
