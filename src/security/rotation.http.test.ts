import type { FastifyInstance } from 'fastify';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, createTestDatabase, testApp, testConfig, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';
import { analysePending, analysisDepsOf, demoAgencies, importAgencies, toAgencyCsv } from '../analysis/index.ts';
import { buildApp } from '../http/app.ts';
import { importAdverts } from '../leads/index.ts';
import { Keyring } from './crypto.ts';
import { rotateKeys } from './rotation.ts';
import { allSealedColumns, leadsDepsOf } from '../modules.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
let keyFile: string;
const who: Record<string, Who> = {};
let agencyId = '';

const quiet = new Writable({ write: (_c, _e, done) => done() });
const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const post = async (url: string, w: Who, payload?: object) => {
  const res = await app.inject({ method: 'POST', url, headers: as(w), ...(payload ? { payload } : {}) });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res;
};
async function submit(body: object): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}

beforeAll(async () => {
  t = await createTestDatabase();
  ({ app, keyring, keyFile } = await testApp(t));
  const ids: Record<string, string> = {};
  for (const [name, role] of [
    ['analyst', 'analyst'],
    ['sup', 'supervisor'],
    ['partner', 'partner'],
  ] as const) {
    ids[name] = await addStaff(t.db, keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  expect(
    (await importAgencies({ db: t.db }, { kind: 'system', label: 'test' }, toAgencyCsv(demoAgencies()), { dryRun: false })).kind,
  ).toBe('ok');
  const agency = await t.db.selectFrom('agencies').select('id').where('code', 'like', 'OK-ICAC%').executeTakeFirstOrThrow();
  agencyId = agency.id;
  await t.db.insertInto('agency_members').values({ staff_id: ids.partner!, agency_id: agency.id }).execute();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('key rotation', () => {
  it('key rotation keeps tip notes, closure notes, referral packages, outcome notes and lead notes readable', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-adverts-'));
    const adverts = path.join(dir, 'ads.jsonl');
    await writeFile(
      adverts,
      `${JSON.stringify({ id: 'ad-rot-1', site: 'classifieds.example', city: 'Tulsa', state: 'OK', posted_at: '2026-11-20T10:00:00Z', title: 'new girl', body: 'call 918 555 0147' })}\n`,
    );
    await importAdverts(leadsDepsOf({ db: t.db, keyring }), { input: adverts, format: 'jsonl', workers: 1, stderr: quiet });

    const referred = await submit({
      incident: { description: 'A girl about 15 is advertised from the motel; the number is 918-555-0147.' },
      location: { city: 'Tulsa', state: 'OK' },
      children: [{ approximateAge: 15 }],
    });
    const closing = await submit({
      incident: { description: 'Someone saw a teenager crying at the bus station on Sunday.' },
      location: { city: 'Tulsa', state: 'OK' },
    });
    await analysePending(analysisDepsOf({ db: t.db, keyring }));

    await post(`/api/v1/triage/tips/${referred}/notes`, who.analyst!, {
      text: 'Rang the motel desk; the room is booked weekly.',
    });
    await post(`/api/v1/triage/tips/${closing}/actions`, who.analyst!, { action: 'start_review' });
    await post(`/api/v1/triage/tips/${closing}/actions`, who.analyst!, {
      action: 'request_close',
      reason: 'insufficient_information',
      note: 'Nothing to identify the teenager by.',
    });
    const referral = (
      await post(`/api/v1/triage/tips/${referred}/referrals`, who.analyst!, {
        agencyId,
        summary: 'Advert and tip share the motel number; child about 15.',
      })
    ).json<{ reference: string }>().reference;
    await post(`/api/v1/referrals/${referral}/acknowledge`, who.partner!);
    await post(`/api/v1/referrals/${referral}/outcome`, who.partner!, {
      outcome: 'child_located',
      note: "Found safe at an aunt's house.",
    });
    const lead = (await get('/api/v1/leads', who.analyst!))
      .json<{ items: { id: number; target: { reference: string } }[] }>()
      .items.find((l) => l.target.reference === referred)!;
    await post(`/api/v1/leads/${lead.id}/decision`, who.analyst!, { decision: 'confirm', note: 'Same number as the motel tip.' });

    const rotated = await rotateKeys(
      { db: t.db, keyring, keyFile },
      { columns: allSealedColumns, retire: true, propagationMs: 0 },
    );
    expect(rotated.retired).toHaveLength(1);
    expect(rotated.kept).toEqual([]);

    // A restart: a new keyring from the key file, a new app over the same database.
    await app.close();
    const reopened = await Keyring.open(keyFile);
    app = await buildApp({
      config: testConfig({ BEACON_KEY_FILE: keyFile }),
      db: t.db,
      keyring: reopened,
      log: capturingLogger().log,
    });

    const tip = await get(`/api/v1/triage/tips/${referred}`, who.analyst!);
    expect(tip.statusCode, tip.body).toBe(200);
    expect(tip.json<{ notes: { text: string }[] }>().notes.map((n) => n.text)).toEqual([
      'Rang the motel desk; the room is booked weekly.',
    ]);
    const closed = await get(`/api/v1/triage/tips/${closing}`, who.analyst!);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<{ closeNote: string }>().closeNote).toBe('Nothing to identify the teenager by.');
    const sent = await get(`/api/v1/referrals?tip=${referred}`, who.analyst!);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<{ items: { outcomeNote: string }[] }>().items.map((r) => r.outcomeNote)).toEqual([
      "Found safe at an aunt's house.",
    ]);
    const pkg = await get(`/api/v1/referrals/${referral}/package?format=json`, who.partner!);
    expect(pkg.statusCode, pkg.body).toBe(200);
    expect(pkg.body).toContain('Advert and tip share the motel number');
    const confirmed = await get('/api/v1/leads?status=confirmed', who.analyst!);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<{ items: { id: number; note: string | null }[] }>().items).toEqual([
      expect.objectContaining({ id: lead.id, note: 'Same number as the motel tip.' }),
    ]);
  });
});
