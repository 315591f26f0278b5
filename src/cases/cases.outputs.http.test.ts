import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};

const CASES = '/api/v1/cases';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const name = 'Ysolde Synthetic-Marchbank';

const child = {
  details: {
    identity: { name, dateOfBirth: '2011-04-02', gender: 'female' },
    description: {
      hair: 'auburn, short',
      eyes: 'green',
      heightCm: 157,
      marks: [{ kind: 'tattoo', location: 'left wrist', description: 'a small star' }],
    },
    placement: { kind: 'group_home', agencyName: 'Synthetic County DHS' },
  },
  state: 'OK',
};

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t, { BEACON_ORG_NAME: 'Synthetic Clearinghouse' });
  app = built.app;
  for (const [n, role] of [
    ['cm', 'case_manager'],
    ['sup', 'supervisor'],
    ['supB', 'supervisor'],
    ['analyst', 'analyst'],
    ['admin', 'admin'],
  ] as const) {
    ids[n] = await addStaff(t.db, built.keyring, role, `${n}@example.test`);
    who[n] = await signIn(app, `${n}@example.test`);
  }
  const team = await app.inject({
    method: 'POST',
    url: `${CASES}/teams`,
    headers: as(who.admin!),
    payload: { name: 'Team A', members: [{ userId: ids.cm }, { userId: ids.sup, supervises: true }] },
  });
  expect(team.statusCode).toBe(201);
  const other = await app.inject({
    method: 'POST',
    url: `${CASES}/teams`,
    headers: as(who.admin!),
    payload: { name: 'Team B', members: [{ userId: ids.supB, supervises: true }] },
  });
  expect(other.statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const post = (url: string, w: Who, payload: object = {}) => app.inject({ method: 'POST', url, headers: as(w), payload });
const auditCount = async (action: string, id: string) =>
  (await t.db.selectFrom('audit_entries').select('action').where('action', '=', action).where('target_id', '=', id).execute())
    .length;

async function missingChild(
  episode: object = {
    leftFrom: 'placement',
    knownMissingAt: hoursAgo(30),
    lastSeen: { place: 'Bus station on Main Street', city: 'Tulsa', state: 'OK' },
  },
) {
  const res = await post(CASES, who.cm!, child);
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json<{ reference: string; version: number }>();
  expect((await post(`${CASES}/${c.reference}/episodes`, who.cm!, episode)).statusCode).toBe(201);
  return c;
}

describe('poster: who may approve and print', () => {
  it('needs a session (401) and the CSRF token to approve (403)', async () => {
    const c = await missingChild();
    expect((await app.inject({ method: 'GET', url: `${CASES}/${c.reference}/poster.pdf` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: `${CASES}/${c.reference}/poster-approval`, payload: {} })).statusCode).toBe(
      401,
    );
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `${CASES}/${c.reference}/poster-approval`,
          headers: { cookie: who.sup!.cookie },
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses a case manager or an analyst approving (403), and an administrator printing (403)', async () => {
    const c = await missingChild();
    const res = await post(`${CASES}/${c.reference}/poster-approval`, who.cm!);
    expect(res.statusCode).toBe(403);
    expect((await post(`${CASES}/${c.reference}/poster-approval`, who.analyst!)).statusCode).toBe(403);
    expect((await get(`${CASES}/${c.reference}/poster.pdf`, who.admin!)).statusCode).toBe(403);
    expect(await auditCount('case.poster_approve', c.reference)).toBe(0);
  });

  it('hides another team’s case (404), and answers 404 for an unknown one', async () => {
    const c = await missingChild();
    expect((await post(`${CASES}/${c.reference}/poster-approval`, who.supB!)).statusCode).toBe(404);
    expect((await post(`${CASES}/CASE-2000-999999/poster-approval`, who.sup!)).statusCode).toBe(404);
    expect((await get(`${CASES}/CASE-2000-999999/poster.pdf`, who.cm!)).statusCode).toBe(404);
  });
});

describe('poster: approval, then the PDF', () => {
  it('answers 409 poster_not_approved before approval, then a PDF with the child’s name', async () => {
    const c = await missingChild();
    const before = await get(`${CASES}/${c.reference}/poster.pdf`, who.cm!);
    expect(before.statusCode).toBe(409);
    expect(before.json().error.code).toBe('poster_not_approved');
    expect(await auditCount('case.poster', c.reference)).toBe(0);

    const approved = await post(`${CASES}/${c.reference}/poster-approval`, who.sup!, { version: c.version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ reference: c.reference, caseVersion: c.version, approvedBy: ids.sup });
    expect(await auditCount('case.poster_approve', c.reference)).toBe(1);

    const res = await get(`${CASES}/${c.reference}/poster.pdf`, who.cm!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="poster-CASE-\d{4}-\d+\.pdf"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = await PDFDocument.load(res.rawPayload);
    expect(doc.getPageCount()).toBe(1);
    expect(await auditCount('case.poster', c.reference)).toBe(1);

    // The content streams are compressed; pdftotext reads them when it is installed.
    if (existsSync('/usr/bin/pdftotext')) {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'poster-')), 'p.pdf');
      writeFileSync(file, res.rawPayload);
      // Long names wrap onto two lines: compare with the whitespace collapsed.
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain(name);
      expect(text).toContain('Synthetic Clearinghouse');
      expect(text).toContain('Tulsa');
      expect(text).toMatch(/photo not available/i);
      expect(text).not.toContain('Synthetic County DHS');
    }
  });

  it('needs a new approval after the case changes, and refuses a stale approval', async () => {
    const c = await missingChild();
    expect((await post(`${CASES}/${c.reference}/poster-approval`, who.sup!)).statusCode).toBe(200);
    const patch = await app.inject({
      method: 'PATCH',
      url: `${CASES}/${c.reference}`,
      headers: as(who.cm!),
      payload: { version: c.version, details: { description: { hair: 'dyed blue', marks: [] } } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const res = await get(`${CASES}/${c.reference}/poster.pdf`, who.cm!);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('poster_not_approved');
    const stale = await post(`${CASES}/${c.reference}/poster-approval`, who.sup!, { version: c.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect((await post(`${CASES}/${c.reference}/poster-approval`, who.sup!, { version: 'x' })).statusCode).toBe(400);
  });

  it('will not make a poster for a child who is not missing (409 not_missing)', async () => {
    const res = await post(CASES, who.cm!, child);
    const c = res.json<{ reference: string }>();
    const out = await post(`${CASES}/${c.reference}/poster-approval`, who.sup!);
    expect(out.statusCode).toBe(409);
    expect(out.json().error.code).toBe('not_missing');
  });
});

describe('AFCARS export', () => {
  it('needs a session (401) and case.export: supervisors only (403)', async () => {
    const c = await missingChild();
    expect((await app.inject({ method: 'GET', url: `${CASES}/${c.reference}/afcars` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `${CASES}/afcars.csv` })).statusCode).toBe(401);
    for (const w of [who.cm!, who.analyst!, who.admin!]) {
      expect((await get(`${CASES}/${c.reference}/afcars`, w)).statusCode).toBe(403);
      expect((await get(`${CASES}/afcars.csv`, w)).statusCode).toBe(403);
    }
    expect((await get(`${CASES}/${c.reference}/afcars`, who.supB!)).statusCode).toBe(404);
    expect((await get(`${CASES}/CASE-2000-999999/afcars`, who.sup!)).statusCode).toBe(404);
    expect((await get(`${CASES}/${c.reference}/afcars?format=xml`, who.sup!)).statusCode).toBe(400);
    expect((await get(`${CASES}/afcars.csv?since=yesterday`, who.sup!)).statusCode).toBe(400);
  });

  it('maps the episodes and screening of one case, as JSON and CSV, audited each time', async () => {
    const c = await missingChild({
      leftFrom: 'facility',
      knownMissingAt: hoursAgo(100),
      reportedToLawEnforcementAt: hoursAgo(99),
      reportedToClearinghouseAt: hoursAgo(99),
      recovery: { recoveredAt: hoursAgo(50) },
      screening: {
        screenedAt: hoursAgo(40),
        screener: 'Screener Example',
        outcome: 'identified_victim',
        victimReportedAt: hoursAgo(39),
      },
    });
    expect(
      (await post(`${CASES}/${c.reference}/episodes`, who.cm!, { leftFrom: 'placement', knownMissingAt: hoursAgo(10) }))
        .statusCode,
    ).toBe(201);
    const json = await get(`${CASES}/${c.reference}/afcars?format=json`, who.sup!);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().record).toMatchObject({
      child_record_id: c.reference,
      runaway_or_whereabouts_unknown: true,
      episodes_from_care: 2,
      episodes_from_care_not_recovered: 1,
      missing_reported_to_law_enforcement: false,
      sex_trafficking_victim_while_in_foster_care: true,
      in_care_victim_reported_to_law_enforcement: true,
      sex_trafficking_victim_prior_to_foster_care: null,
      episodes_from_care_without_screening: 0,
    });
    expect(JSON.stringify(json.json())).not.toContain(name);
    const csv = await get(`${CASES}/${c.reference}/afcars?format=csv`, who.sup!);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.headers['cache-control']).toBe('no-store');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"child_record_id"');
    expect(lines[1]).toContain(`"${c.reference}"`);
    expect(await auditCount('case.export', c.reference)).toBe(2);
  });

  it('exports every case in my teams with an episode from care, one audit entry per case', async () => {
    const fromCare = await missingChild();
    const fromHome = await missingChild({ leftFrom: 'home', knownMissingAt: hoursAgo(5) });
    const res = await get(`${CASES}/afcars.csv`, who.sup!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain(`"${fromCare.reference}"`);
    expect(res.body).not.toContain(`"${fromHome.reference}"`);
    expect(res.body).not.toContain(name);
    expect(await auditCount('case.export', fromCare.reference)).toBe(1);
    expect(await auditCount('case.export', fromHome.reference)).toBe(0);
    const others = await get(`${CASES}/afcars.csv`, who.supB!);
    expect(others.statusCode).toBe(200);
    expect(others.body).not.toContain(fromCare.reference);
    const future = await get(`${CASES}/afcars.csv?since=2999-01-01`, who.sup!);
    expect(
      future.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
  });
});
