import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePending, analysisDepsOf } from '../../analysis/index.ts';
import type { Keyring } from '../../security/index.ts';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../../test/staff.ts';
import { importAdverts } from './service.ts';
import { leadsDepsOf } from '../../modules.ts';

/** Reach over leads and networks: who may see a lead is decided by its advert and by its case or tip. */

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
let dir: string;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const refs: Record<string, string> = {};
const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const post = (url: string, w: Who, payload: object) => app.inject({ method: 'POST', url, headers: as(w), payload });

type Lead = { id: number; target: { kind: string; reference: string }; advert: { sourceId: string } };
const leadsFor = async (w: Who) => (await get('/api/v1/leads', w)).json<{ items: Lead[] }>().items;
const advertId = async (sourceId: string) =>
  (await t.db.selectFrom('adverts').select('id').where('source_id', '=', sourceId).executeTakeFirstOrThrow()).id;
const leadIdOf = async (targetRef: string) =>
  (await t.db.selectFrom('leads').select('id').where('target_ref', '=', targetRef).executeTakeFirstOrThrow()).id;

async function importLines(lines: object[]) {
  const file = path.join(dir, `ads-${Math.random().toString(36).slice(2)}.jsonl`);
  await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return importAdverts(leadsDepsOf({ db: t.db, keyring }), {
    input: file,
    format: 'jsonl',
    workers: 1,
    stderr: new Writable({ write: (_c, _e, done) => done() }),
  });
}
const advert = (id: string, body: string, state = 'OK', city = 'Tulsa', day = 1) => ({
  id,
  body,
  state,
  city,
  site: 'ads.example',
  posted_at: `2026-04-${String(day).padStart(2, '0')}T12:00:00Z`,
});

async function openCase(w: Who, phone: string, extra: object = {}) {
  const res = await post('/api/v1/cases', w, {
    details: { identity: { name: 'Synthetic Odalie Marchbank' }, identifiers: [{ kind: 'phone', value: phone }] },
    state: 'OK',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}
async function submitTip(description: string, state: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: { incident: { description }, location: { state } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  keyring = built.keyring;
  dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-leads-reach-'));
  for (const [name, role, states] of [
    ['analystOk', 'analyst', ['OK']],
    ['analyst', 'analyst', []],
    ['sup', 'supervisor', []],
    ['admin', 'admin', []],
  ] as const) {
    ids[name] = await addStaff(t.db, keyring, role, `${name}@example.test`, [...states]);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const team = await post('/api/v1/cases/teams', who.admin!, {
    name: 'Team A',
    members: [{ userId: ids.sup, supervises: true }],
  });
  expect(team.statusCode, team.body).toBe(201);

  refs.restrictedCase = await openCase(who.sup!, '+1 405 555 0171', { restricted: true });
  refs.openCase = await openCase(who.sup!, '+1 405 555 0172');
  refs.txTip = await submitTip('The advert for a girl of 15 gives the number 405-555-0173.', 'TX');
  refs.okTip = await submitTip('The advert for a girl of 15 gives the number 405-555-0174.', 'OK');
  await analysePending(analysisDepsOf({ db: t.db, keyring }));
  await importLines([
    advert('ad-restricted-case', 'Call 405 555 0171 tonight'),
    advert('ad-open-case', 'Call 405 555 0172 tonight'),
    advert('ad-tx-tip', 'Call 405 555 0173 tonight'),
    advert('ad-ok-tip', 'Call 405 555 0174 tonight'),
  ]);
});
afterAll(async () => {
  await app.close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Leads are scoped by the advert only', () => {
  it("a limited analyst (jurisdiction OK) does not see a TX tip's lead or a restricted case's lead, on the leads list or the advert page, and cannot dismiss them (404)", async () => {
    const seen = (await leadsFor(who.analystOk!)).map((l) => l.target.reference).sort();
    expect(seen).toEqual([refs.openCase, refs.okTip].sort());

    for (const [sourceId, hidden] of [
      ['ad-tx-tip', refs.txTip],
      ['ad-restricted-case', refs.restrictedCase],
    ] as const) {
      const page = await get(`/api/v1/adverts/${await advertId(sourceId)}`, who.analystOk!);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json<{ leads: unknown[] }>().leads).toEqual([]);
      expect(page.body).not.toContain(hidden);
      const dismissed = await post(`/api/v1/leads/${await leadIdOf(hidden!)}/decision`, who.analystOk!, { decision: 'dismiss' });
      expect(dismissed.statusCode).toBe(404);
      expect(dismissed.json()).toEqual(
        (await post('/api/v1/leads/999999/decision', who.analystOk!, { decision: 'dismiss' })).json(),
      );
    }
    const untouched = await t.db
      .selectFrom('leads')
      .select('status')
      .where('target_ref', 'in', [refs.txTip!, refs.restrictedCase!])
      .execute();
    expect(untouched.map((l) => l.status)).toEqual(['new', 'new']);
    const okPage = (await get(`/api/v1/adverts/${await advertId('ad-ok-tip')}`, who.analystOk!)).json<{
      leads: { target: { reference: string } }[];
    }>();
    expect(okPage.leads.map((l) => l.target.reference)).toEqual([refs.okTip]);
  });

  it("shows each lead to those who may read its target: every state's tips to a national analyst, the restricted case only to the named supervisor", async () => {
    expect((await leadsFor(who.analyst!)).map((l) => l.target.reference).sort()).toEqual(
      [refs.openCase, refs.txTip, refs.okTip].sort(),
    );
    expect((await leadsFor(who.sup!)).map((l) => l.target.reference)).toContain(refs.restrictedCase);
    const decided = await post(`/api/v1/leads/${await leadIdOf(refs.txTip!)}/decision`, who.analyst!, { decision: 'confirm' });
    expect(decided.statusCode, decided.body).toBe(200);
  });
});

describe('Networks are filtered in JavaScript after fetching', () => {
  it('a network with one member in reach returns only the members in reach, with how many were withheld', async () => {
    await importLines([
      advert('net-ok', 'New in town, 918 555 0181', 'OK', 'Tulsa', 2),
      advert('net-tx-1', 'New in town, 918 555 0181 or texasonly@example.test', 'TX', 'Amarillo', 3),
      advert('net-tx-2', 'Visiting, 918 555 0181', 'TX', 'Dallas', 4),
    ]);
    const network = (
      await t.db
        .selectFrom('adverts as a')
        .innerJoin('advert_links as l', 'l.advert_id', 'a.id')
        .select('l.network_id')
        .where('a.source_id', '=', 'net-ok')
        .executeTakeFirstOrThrow()
    ).network_id;
    const limited = await get(`/api/v1/networks/${network}`, who.analystOk!);
    expect(limited.statusCode, limited.body).toBe(200);
    const body = limited.json<{ members: { sourceId: string }[]; withheld: number; movement: { state: string }[] }>();
    expect(body.members.map((m) => m.sourceId)).toEqual(['net-ok']);
    expect(body.withheld).toBe(2);
    expect(body.movement.map((s) => s.state)).toEqual(['OK']);
    for (const hidden of ['net-tx-1', 'net-tx-2', 'texasonly', 'Amarillo', 'Dallas']) expect(limited.body).not.toContain(hidden);

    const national = (await get(`/api/v1/networks/${network}`, who.analyst!)).json<{ members: unknown[]; withheld: number }>();
    expect(national.members).toHaveLength(3);
    expect(national.withheld).toBe(0);
  });

  it('answers a network with no member in reach as a missing one (404)', async () => {
    await importLines([advert('net-tx-only', 'Only in Texas, 918 555 0189', 'TX', 'Austin', 5)]);
    const network = (
      await t.db
        .selectFrom('adverts as a')
        .innerJoin('advert_links as l', 'l.advert_id', 'a.id')
        .select('l.network_id')
        .where('a.source_id', '=', 'net-tx-only')
        .executeTakeFirstOrThrow()
    ).network_id;
    const res = await get(`/api/v1/networks/${network}`, who.analystOk!);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual((await get('/api/v1/networks/no-such-network', who.analystOk!)).json());
  });
});
