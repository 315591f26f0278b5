import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../../test/staff.ts';
import { demoAgencies, importAgencies, toAgencyCsv } from '../agencies/index.ts';
import { analysePending } from '../analyser.ts';
import { analysisDepsOf } from '../index.ts';

/** Issue "Trust", "Every look recorded": the triage queue, referral lists and agency proposals. */
let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
let tip = '';
let referral = '';

const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const mark = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id ?? 0,
  );
const newest = (action: string, since: number) =>
  t.db
    .selectFrom('audit_entries')
    .select(['actor_id', 'target_id', 'details'])
    .where('action', '=', action)
    .where('id', '>', since)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const [name, role] of [
    ['analyst', 'analyst'],
    ['partner', 'partner'],
  ] as const) {
    ids[name] = await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  expect(
    (await importAgencies({ db: t.db }, { kind: 'system', label: 'test' }, toAgencyCsv(demoAgencies()), { dryRun: false })).kind,
  ).toBe('ok');
  const agency = (await t.db.selectFrom('agencies').select('id').where('code', 'like', 'OK-ICAC%').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('agency_members').values({ staff_id: ids.partner!, agency_id: agency }).execute();
  const submitted = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: {
      incident: { description: 'A girl about 14 is kept at the motel on the highway; the man answers 405.555.0177.' },
      location: { city: 'Tulsa', state: 'OK' },
      children: [{ approximateAge: 14 }],
    },
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  tip = submitted.json<{ reference: string }>().reference;
  expect(await analysePending(analysisDepsOf({ db: t.db, keyring: built.keyring }))).toBe(1);
  const referred = await app.inject({
    method: 'POST',
    url: `/api/v1/triage/tips/${tip}/referrals`,
    headers: as(who.analyst!),
    payload: { agencyId: agency, summary: 'Child kept at a motel; number given in the tip.' },
  });
  expect(referred.statusCode, referred.body).toBe(201);
  referral = referred.json<{ reference: string }>().reference;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('Every look recorded: triage and referrals', () => {
  it('the triage queue writes one entry per page, naming the tips shown', async () => {
    const since = await mark();
    const res = await get('/api/v1/triage/queue?view=referred', who.analyst!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: { reference: string }[] }>().items.map((i) => i.reference)).toEqual([tip]);
    expect(await newest('tip.queue_list', since)).toEqual([
      { actor_id: ids.analyst, target_id: null, details: { view: 'referred', count: 1, references: tip } },
    ]);
  });

  it('the referral list writes an entry for the clearinghouse and for a partner’s inbox', async () => {
    for (const [name, url] of [
      ['analyst', `/api/v1/referrals?tip=${tip}`],
      ['partner', '/api/v1/referrals'],
    ] as const) {
      const since = await mark();
      const res = await get(url, who[name]!);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ items: unknown[] }>().items).toHaveLength(1);
      expect(await newest('referral.list', since), name).toEqual([
        { actor_id: ids[name], target_id: null, details: { count: 1, references: referral } },
      ]);
    }
  });

  it('a tip’s agency proposals write an entry naming the tip', async () => {
    const since = await mark();
    const res = await get(`/api/v1/triage/tips/${tip}/agencies`, who.analyst!);
    expect(res.statusCode, res.body).toBe(200);
    const proposed = res.json<{ items: unknown[] }>().items.length;
    expect(proposed).toBeGreaterThan(0);
    expect(await newest('tip.agencies_proposed', since)).toEqual([
      { actor_id: ids.analyst, target_id: tip, details: { count: proposed } },
    ]);
  });
});
