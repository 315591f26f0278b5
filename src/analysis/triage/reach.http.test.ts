import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../../test/staff.ts';
import type { Keyring } from '../../security/index.ts';
import { analysisMigrations } from '../analysis.migrations.ts';
import { analysePending } from '../analyser.ts';
import { analysisDepsOf } from '../index.ts';

/** Reach over what a tip links to: cases named only to those who may open them, references checked. */

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const refs: Record<string, string> = {};
const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const post = (url: string, w: Who, payload: object) => app.inject({ method: 'POST', url, headers: as(w), payload });
const act = (tip: string, w: Who, payload: object) => post(`/api/v1/triage/tips/${tip}/actions`, w, payload);

async function submit(description: string, state = 'OK'): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: { incident: { description }, location: { city: 'Tulsa', state } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}
async function openCase(w: Who, phone: string, extra: object = {}) {
  const res = await post('/api/v1/cases', w, {
    details: { identity: { name: 'Synthetic Perrine Waldgrave' }, identifiers: [{ kind: 'phone', value: phone }] },
    state: 'OK',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  keyring = built.keyring;
  for (const [name, role, states] of [
    ['analystOk', 'analyst', ['OK']],
    ['analystNamed', 'analyst', ['OK']],
    ['analystTx', 'analyst', ['TX']],
    ['sup', 'supervisor', []],
    ['cmA', 'case_manager', []],
    ['cmB', 'case_manager', []],
    ['partner', 'partner', []],
    ['admin', 'admin', []],
  ] as const) {
    ids[name] = await addStaff(t.db, keyring, role, `${name}@example.test`, [...states]);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  for (const [name, members] of [
    ['Runaway response team', [{ userId: ids.sup, supervises: true }, { userId: ids.cmA }]],
    ['Team B', [{ userId: ids.cmB }]],
  ] as const) {
    const team = await post('/api/v1/cases/teams', who.admin!, { name, members });
    expect(team.statusCode, team.body).toBe(201);
  }
  refs.restricted = await openCase(who.sup!, '+1 405 555 0161', { restricted: true, namedUserIds: [ids.analystNamed] });
  refs.teamCase = await openCase(who.sup!, '+1 405 555 0162');
  refs.tip = await submit('A man offers a girl of 14 on a website; he answers 405-555-0161.');
  refs.txTip = await submit('A girl of 15 is advertised in Amarillo.', 'TX');
  await analysePending(analysisDepsOf({ db: t.db, keyring }));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

type Bench = {
  fired: { code: string; because: string }[];
  linkedCases: string[];
  casesYouCannotOpen: { matchesCaseYouCannotOpen: true; ask: string }[];
};

describe('Restricted cases leak by reference', () => {
  it('a public tip sharing a phone with a restricted case shows no case reference in the queue reason or linked cases to an analyst who cannot read the case, but does to one who can', async () => {
    const queue = await get('/api/v1/triage/queue', who.analystOk!);
    expect(queue.statusCode).toBe(200);
    const item = queue
      .json<{ items: { reference: string; reasons: { code: string; because: string }[] }[] }>()
      .items.find((i) => i.reference === refs.tip)!;
    expect(item.reasons.find((r) => r.code === 'linked_open_case')).toMatchObject({
      because: 'Shares an identifier with an open case.',
    });
    expect(queue.body).not.toContain(refs.restricted);

    const outside = await get(`/api/v1/triage/tips/${refs.tip}`, who.analystOk!);
    expect(outside.statusCode).toBe(200);
    expect(outside.body).not.toContain(refs.restricted);
    const bench = outside.json<Bench>();
    expect(bench.linkedCases).toEqual([]);
    expect(bench.casesYouCannotOpen).toEqual([
      { matchesCaseYouCannotOpen: true, ask: 'a supervisor of the case team “Runaway response team”' },
    ]);

    const named = (await get(`/api/v1/triage/tips/${refs.tip}`, who.analystNamed!)).json<Bench>();
    expect(named.linkedCases).toEqual([refs.restricted]);
    expect(named.casesYouCannotOpen).toEqual([]);

    const stored = await t.db.selectFrom('tip_triage').select('fired').execute();
    expect(JSON.stringify(stored)).not.toMatch(/CASE-\d{4}/);
  });

  it('rewrites the case references that earlier versions stored in the reasons', async () => {
    const old = [
      {
        code: 'linked_open_case',
        priority: 'high',
        label: 'Shares an identifier with an open case',
        because: `Shares an identifier with case ${refs.restricted}.`,
        why: 'An open missing-child case already holds this phone number.',
      },
    ];
    await t.db
      .updateTable('tip_triage')
      .set({ fired: JSON.stringify(old) })
      .where('reference', '=', refs.txTip!)
      .execute();
    await analysisMigrations['2026-11-27T0100_triage_reasons_without_case_references']!.up(t.db);
    const row = await t.db
      .selectFrom('tip_triage')
      .select('fired')
      .where('reference', '=', refs.txTip!)
      .executeTakeFirstOrThrow();
    expect(row.fired).toEqual([{ ...old[0], because: 'Shares an identifier with an open case.' }]);
  });
});

describe('References accepted unchecked', () => {
  it('assignment to a partner refused (422 naming assigneeId), as to an analyst whose jurisdictions do not cover the tip', async () => {
    for (const assigneeId of [ids.partner, ids.analystTx, ids.cmA, '00000000-0000-4000-8000-000000000000']) {
      const res = await act(refs.tip!, who.analystOk!, { action: 'assign', assigneeId });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.errors[0].path).toBe('assigneeId');
    }
    expect(
      (await t.db.selectFrom('tip_triage').select('assignee_id').where('reference', '=', refs.tip!).executeTakeFirstOrThrow())
        .assignee_id,
    ).toBeNull();
    expect((await act(refs.tip!, who.analystOk!, { action: 'assign', assigneeId: ids.analystNamed })).statusCode).toBe(200);
  });

  it('a tip cannot be linked to a case the analyst cannot read: the same 404 as a case that does not exist', async () => {
    const restricted = await act(refs.tip!, who.analystOk!, { action: 'link_case', caseReference: refs.restricted });
    const fake = await act(refs.tip!, who.analystOk!, { action: 'link_case', caseReference: 'CASE-2026-999999' });
    expect(restricted.statusCode).toBe(404);
    expect(restricted.json()).toEqual(fake.json());
    expect(
      await t.db
        .selectFrom('tip_triage')
        .select(['status', 'linked_case'])
        .where('reference', '=', refs.tip!)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'new', linked_case: null });
    expect((await act(refs.tip!, who.analystNamed!, { action: 'link_case', caseReference: refs.restricted })).json()).toEqual({
      status: 'linked_to_case',
    });
    // The link itself names the case only to those who may open it.
    const outside = await get(`/api/v1/triage/tips/${refs.tip}`, who.analystOk!);
    expect(outside.body).not.toContain(refs.restricted);
    expect(outside.json()).toMatchObject({
      linkedCase: null,
      linkedCaseYouCannotOpen: { matchesCaseYouCannotOpen: true, ask: 'a supervisor of the case team “Runaway response team”' },
    });
    expect((await get(`/api/v1/triage/tips/${refs.tip}`, who.analystNamed!)).json()).toMatchObject({
      linkedCase: refs.restricted,
      linkedCaseYouCannotOpen: null,
    });
  });

  it("case manager outside the case's team cannot link a tip, and a case manager gets the same 404 for a real and a fake tip reference", async () => {
    const link = (w: Who, reference: string) =>
      post(`/api/v1/cases/${refs.teamCase}/links`, w, { kind: 'tip', reference, reason: 'Same phone number' });
    expect((await link(who.cmB!, refs.txTip!)).statusCode).toBe(404);
    const real = await link(who.cmA!, refs.txTip!);
    const fake = await link(who.cmA!, 'BCN-2026-999999');
    expect(real.statusCode).toBe(404);
    expect(real.json()).toEqual(fake.json());
    expect(await t.db.selectFrom('case_links').select('id').execute()).toEqual([]);
    // A supervisor of the team, whose reach covers the tip, links it.
    expect((await link(who.sup!, refs.txTip!)).statusCode).toBe(201);
  });
});
