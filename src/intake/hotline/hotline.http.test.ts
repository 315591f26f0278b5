import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, signIn } from '../../../test/staff.ts';
import type { Keyring } from '../../security/index.ts';
import { submitReport } from '../intake.service.ts';
import { draftToReportBody } from './hotline.draft.ts';

let t: TestDatabase;
let app: FastifyInstance;
let logLines: string[];
let keyring: Keyring;
type Who = { cookie: string; csrf: string };
let operator: Who;
let otherOperator: Who;
let analyst: Who;

const DRAFTS = '/api/v1/hotline/drafts';
const distinctive = 'Marisol Quenneville-Synthetic';

const partial = {
  incident: {
    type: 'child_sex_trafficking',
    description: 'Caller saw a girl of about 14 taken into a van outside the bus station twice this week.',
  },
  location: { city: 'Wichita', state: 'KS', zip: '672' },
  children: [{ approximateAge: 14, gender: 'female', name: '' }],
  reporter: { anonymous: false, name: distinctive },
} as const;

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  logLines = built.logLines;
  keyring = built.keyring;
  await addStaff(t.db, built.keyring, 'operator', 'operator@example.test');
  await addStaff(t.db, built.keyring, 'operator', 'operator2@example.test');
  await addStaff(t.db, built.keyring, 'analyst', 'analyst@example.test');
  operator = await signIn(app, 'operator@example.test');
  otherOperator = await signIn(app, 'operator2@example.test');
  analyst = await signIn(app, 'analyst@example.test');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const as = (who: Who) => ({ cookie: who.cookie, 'x-csrf-token': who.csrf });

async function start(who: Who = operator) {
  const res = await app.inject({
    method: 'POST',
    url: DRAFTS,
    headers: as(who),
    payload: { call: { language: 'es', callerType: 'parent_guardian' } },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; version: number }>();
}

const save = (id: string, body: unknown, who: Who = operator) =>
  app.inject({ method: 'PUT', url: `${DRAFTS}/${id}`, headers: as(who), payload: body as object });
const submit = (id: string, who: Who = operator) =>
  app.inject({ method: 'POST', url: `${DRAFTS}/${id}/submit`, headers: as(who) });

const auditCount = async (action: string, id: string) =>
  (await t.db.selectFrom('audit_entries').select('action').where('action', '=', action).where('target_id', '=', id).execute())
    .length;

describe('who may use the hotline routes', () => {
  it('needs a session (401) and the CSRF header (403)', async () => {
    expect((await app.inject({ method: 'GET', url: DRAFTS })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: DRAFTS, payload: {} })).statusCode).toBe(401);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `${DRAFTS}/00000000-0000-4000-8000-000000000000`,
          payload: { version: 1, report: {} },
        })
      ).statusCode,
    ).toBe(401);
    const noCsrf = await app.inject({ method: 'POST', url: DRAFTS, headers: { cookie: operator.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
  });

  it('refuses an analyst (403): analysts read tips, they do not take calls', async () => {
    expect((await app.inject({ method: 'GET', url: DRAFTS, headers: as(analyst) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: DRAFTS, headers: as(analyst), payload: {} })).statusCode).toBe(403);
    const { id } = await start();
    expect((await submit(id, analyst)).statusCode).toBe(403);
    expect((await save(id, { version: 1, report: {} }, analyst)).statusCode).toBe(403);
  });

  it('refuses the tip queue to an operator (403)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports', headers: as(operator) })).statusCode).toBe(403);
  });

  it('hides another operator’s draft (404 on read, save, submit and discard)', async () => {
    const { id } = await start();
    expect((await app.inject({ method: 'GET', url: `${DRAFTS}/${id}`, headers: as(otherOperator) })).statusCode).toBe(404);
    expect((await save(id, { version: 1, report: partial }, otherOperator)).statusCode).toBe(404);
    expect((await submit(id, otherOperator)).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `${DRAFTS}/${id}/discard`, headers: as(otherOperator) })).statusCode).toBe(
      404,
    );
    const list = await app.inject({ method: 'GET', url: DRAFTS, headers: as(otherOperator) });
    expect(list.json().items.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  it('answers 404 for an id that does not exist and 400 for one that is not a uuid', async () => {
    expect(
      (await app.inject({ method: 'GET', url: `${DRAFTS}/00000000-0000-4000-8000-000000000000`, headers: as(operator) }))
        .statusCode,
    ).toBe(404);
    const bad = await app.inject({ method: 'GET', url: `${DRAFTS}/not-a-uuid`, headers: as(operator) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.errors[0].path).toBe('id');
  });
});

describe('autosave', () => {
  it('stores what was typed, incomplete and unformatted, encrypted, and refuses a stale version with 409', async () => {
    const { id, version } = await start();
    expect(version).toBe(1);
    const first = await save(id, { version: 1, report: partial, call: { callbackConsent: true } });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);

    const read = await app.inject({ method: 'GET', url: `${DRAFTS}/${id}`, headers: as(operator) });
    expect(read.statusCode).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    const draft = read.json();
    expect(draft.report.location.zip).toBe('672');
    expect(draft.report.reporter.name).toBe(distinctive);
    expect(draft.call).toMatchObject({ language: 'es', callerType: 'parent_guardian', callbackConsent: true, endedAt: null });
    expect(draft.version).toBe(2);

    const row = await t.db.selectFrom('report_drafts').select(['body_enc']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.body_enc).toMatch(/^v1\./);
    expect(row.body_enc).not.toContain('Marisol');

    const stale = await save(id, { version: 1, report: { ...partial, additionalInfo: 'typed in another window' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', currentVersion: 2 });
  });

  it('accepts the same save resent after a lost answer, without a new version', async () => {
    const { id } = await start();
    const body = { version: 1, report: partial };
    expect((await save(id, body)).json().version).toBe(2);
    const again = await save(id, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(2);
  });

  it('names a field of the wrong type (400) and changes nothing', async () => {
    const { id } = await start();
    const res = await save(id, { version: 1, report: { children: [{ approximateAge: 'fourteen' }] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors.map((e: { path: string }) => e.path)).toContain('report.children.0.approximateAge');
    const read = (await app.inject({ method: 'GET', url: `${DRAFTS}/${id}`, headers: as(operator) })).json();
    expect(read.version).toBe(1);
  });

  it('stamps the end of the call with the server’s clock', async () => {
    const { id } = await start();
    expect((await save(id, { version: 1, report: {}, call: { ended: true } })).statusCode).toBe(200);
    const read = (await app.inject({ method: 'GET', url: `${DRAFTS}/${id}`, headers: as(operator) })).json();
    expect(Date.parse(read.call.endedAt)).toBeGreaterThanOrEqual(Date.parse(read.call.startedAt));
  });

  it('audits the start and the first save, then saves at most once a minute', async () => {
    const { id } = await start();
    for (let v = 1; v <= 4; v++)
      expect((await save(id, { version: v, report: { additionalInfo: `save ${v}` } })).statusCode).toBe(200);
    expect(await auditCount('draft.create', id)).toBe(1);
    expect(await auditCount('draft.save', id)).toBe(1);
  });

  it('lists my open drafts, newest first, without their content', async () => {
    const { id } = await start();
    const list = await app.inject({ method: 'GET', url: DRAFTS, headers: as(operator) });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((d: { id: string }) => d.id === id);
    expect(item).toMatchObject({ id, version: 1, call: { language: 'es' } });
    expect(item).not.toHaveProperty('report');
  });
});

describe('submit', () => {
  it('carries every field the operator records about the call into the tip, and asks consent once (the call never reaches the tip)', async () => {
    const { id } = await start();
    const fixed = { ...partial, location: { ...partial.location, zip: '67202' } };
    expect((await save(id, { version: 1, report: fixed, call: { callbackConsent: true, ended: true } })).statusCode).toBe(200);
    const submitted = await submit(id);
    expect(submitted.statusCode).toBe(201);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${submitted.json<{ reference: string }>().reference}`,
      headers: as(analyst),
    });
    expect(read.statusCode).toBe(200);
    const body = read.json<{
      report: { reporter: { consentToContact: boolean } };
      call: { startedAt: string; endedAt: string | null; language: string; callerType: string; callbackConsent: boolean };
    }>();
    expect(body.call).toMatchObject({ language: 'es', callerType: 'parent_guardian', callbackConsent: true });
    expect(Date.parse(body.call.startedAt)).toBeLessThanOrEqual(Date.parse(body.call.endedAt!));
    expect(body.report.reporter.consentToContact).toBe(true);
  });

  it('names the fields to fix (400) and writes nothing', async () => {
    const { id } = await start();
    await save(id, { version: 1, report: { incident: { description: 'short' }, location: { zip: '672' } } });
    const before = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await submit(id);
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['incident.description', 'location.zip']));
    const after = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const draft = (await app.inject({ method: 'GET', url: `${DRAFTS}/${id}`, headers: as(operator) })).json();
    expect(draft).toMatchObject({ status: 'draft', reference: null, version: 2 });
    expect(await auditCount('draft.submit', id)).toBe(0);
  });

  it('names incident.description for an empty draft', async () => {
    const { id } = await start();
    const res = await submit(id);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors.map((e: { path: string }) => e.path)).toContain('incident.description');
  });

  it('makes a hotline report an analyst can read, and a second submit answers the same reference', async () => {
    const { id } = await start();
    const fixed = { ...partial, location: { ...partial.location, zip: '67202' } };
    expect((await save(id, { version: 1, report: fixed })).statusCode).toBe(200);
    const first = await submit(id);
    expect(first.statusCode).toBe(201);
    const { reference } = first.json<{ reference: string }>();
    expect(reference).toMatch(/^BCN-\d{4}-\d{6}$/);

    const second = await submit(id);
    expect(second.statusCode).toBe(201);
    expect(second.json().reference).toBe(reference);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const rows = await t.db.selectFrom('reports').select(['channel']).where('reference', '=', reference).execute();
    expect(rows).toEqual([{ channel: 'hotline' }]);

    const read = await app.inject({ method: 'GET', url: `/api/v1/reports/${reference}`, headers: as(analyst) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      channel: 'hotline',
      report: { reporter: { name: distinctive }, location: { zip: '67202' } },
    });
    // Blank inputs are not part of the report.
    expect(read.json().report.children[0]).not.toHaveProperty('name');

    const draft = (await app.inject({ method: 'GET', url: `${DRAFTS}/${id}`, headers: as(operator) })).json();
    expect(draft).toMatchObject({ status: 'submitted', reference });
    expect(draft.call.endedAt).not.toBeNull();
    expect(draft.report).toEqual({});
    const late = await save(id, { version: draft.version, report: fixed });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('draft_closed');
    const list = (await app.inject({ method: 'GET', url: DRAFTS, headers: as(operator) })).json();
    expect(list.items.map((d: { id: string }) => d.id)).not.toContain(id);
    expect(await auditCount('draft.submit', id)).toBe(2);
  });

  it('finishes a submit whose report committed but whose draft was not yet marked (same reference, one report)', async () => {
    const { id } = await start();
    const report = { ...partial, location: { city: 'Salina', state: 'KS' } };
    await save(id, { version: 1, report });
    // As if the server stopped between the report's commit and the draft's update.
    const earlier = await submitReport(
      { db: t.db, keyring },
      {
        body: draftToReportBody(report),
        channel: 'hotline',
        idempotencyKey: `draft:${id}`,
        lang: 'en',
        actor: { kind: 'system', label: 'test' },
      },
    );
    expect(earlier.kind).toBe('created');
    const res = await submit(id);
    expect(res.statusCode).toBe(201);
    expect(res.json().reference).toBe((earlier as { reference: string }).reference);
    expect(await t.db.selectFrom('reports').select('id').where('reference', '=', res.json().reference).execute()).toHaveLength(1);
  });

  it('makes one report when two submits race', async () => {
    const { id } = await start();
    await save(id, { version: 1, report: { ...partial, location: { city: 'Topeka', state: 'KS' } } });
    const [a, b] = await Promise.all([submit(id), submit(id)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().reference).toBe(b.json().reference);
    expect(await t.db.selectFrom('reports').select('id').where('reference', '=', a.json().reference).execute()).toHaveLength(1);
  });

  it('kept the caller’s name out of every log line', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((l) => l.includes('Marisol') || l.includes('Quenneville'))).toEqual([]);
  });
});

describe('discard', () => {
  it('closes the draft without a report; it can no longer be saved or submitted', async () => {
    const { id } = await start();
    const res = await app.inject({ method: 'POST', url: `${DRAFTS}/${id}/discard`, headers: as(operator) });
    expect(res.statusCode).toBe(204);
    expect((await save(id, { version: 2, report: partial })).json().error.code).toBe('draft_closed');
    expect((await submit(id)).statusCode).toBe(409);
    expect(await auditCount('draft.discard', id)).toBe(1);
  });
});
