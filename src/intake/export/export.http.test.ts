import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, signIn } from '../../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
let analyst: { cookie: string };
let texasAnalyst: { cookie: string };
let supervisor: { cookie: string };
let partner: { cookie: string };
let okReference: string;
let txReference: string;

const tip = (state: string, extra: Record<string, unknown> = {}) => ({
  incident: {
    type: 'child_sex_trafficking',
    description: 'A girl who looks about 15 is brought to the motel on Route 9 by an older man most nights.',
  },
  location: { city: 'Exampleton', state },
  children: [{ approximateAge: 15, gender: 'female', missing: true }],
  reporter: { anonymous: true },
  ...extra,
});

async function submit(body: unknown): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: body as object });
  expect(res.statusCode).toBe(201);
  return res.json<{ reference: string }>().reference;
}

const get = (url: string, who?: { cookie: string }) =>
  app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });

const auditOf = (action: string, reference?: string) => {
  let q = t.db.selectFrom('audit_entries').select(['actor_label', 'details', 'target_id']).where('action', '=', action);
  if (reference !== undefined) q = q.where('target_id', '=', reference);
  return q.orderBy('seq').execute();
};

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  await addStaff(t.db, built.keyring, 'analyst', 'analyst@example.test');
  await addStaff(t.db, built.keyring, 'analyst', 'tx-analyst@example.test', ['TX']);
  await addStaff(t.db, built.keyring, 'supervisor', 'supervisor@example.test');
  await addStaff(t.db, built.keyring, 'partner', 'partner@example.test', ['OK']);
  analyst = await signIn(app, 'analyst@example.test');
  texasAnalyst = await signIn(app, 'tx-analyst@example.test');
  supervisor = await signIn(app, 'supervisor@example.test');
  partner = await signIn(app, 'partner@example.test');
  okReference = await submit(
    tip('OK', {
      persons: [{ role: 'buyer', name: '<b>Bold</b> Name', identifiers: [{ kind: 'phone', value: '+1 405 555 0100' }] }],
      additionalInfo: '=HYPERLINK("http://evil.example","x")',
    }),
  );
  txReference = await submit(tip('TX'));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('GET /api/v1/reports/:reference/export', () => {
  it('needs a session (401)', async () => {
    expect((await get(`/api/v1/reports/${okReference}/export`)).statusCode).toBe(401);
  });

  it('is refused to a partner (403)', async () => {
    const res = await get(`/api/v1/reports/${okReference}/export`, partner);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('answers 404 for a tip outside the analyst’s jurisdictions, and writes no export entry', async () => {
    const res = await get(`/api/v1/reports/${okReference}/export`, texasAnalyst);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Exampleton');
    expect((await auditOf('report.export', okReference)).filter((e) => e.actor_label === 'tx-analyst@example.test')).toEqual([]);
    expect((await get('/api/v1/reports/BCN-2026-999999/export', analyst)).statusCode).toBe(404);
  });

  it('names the format when it is not one it knows (400)', async () => {
    const res = await get(`/api/v1/reports/${okReference}/export?format=pdf`, analyst);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors[0].path).toBe('format');
  });

  it('downloads the tip as CyberTipline XML and records the export', async () => {
    const res = await get(`/api/v1/reports/${okReference}/export?format=cybertipline-xml`, analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${okReference}.xml"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<incidentType>Child Sex Trafficking</incidentType>');
    expect(res.body).toContain('<firstName>&lt;b&gt;Bold&lt;/b&gt;</firstName>');
    expect(res.body).toContain(`Clearinghouse reference: ${okReference}`);
    const audit = await auditOf('report.export', okReference);
    expect(audit).toContainEqual(
      expect.objectContaining({ actor_label: 'analyst@example.test', details: { format: 'cybertipline-xml' } }),
    );
  });

  it('downloads the tip as JSON (XML is the default format)', async () => {
    const json = await get(`/api/v1/reports/${okReference}/export?format=json`, analyst);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['content-disposition']).toBe(`attachment; filename="${okReference}.json"`);
    expect(json.body).not.toContain('<b>');
    expect(JSON.parse(json.body).reports[0].report.persons[0].name).toBe('<b>Bold</b> Name');
    const byDefault = await get(`/api/v1/reports/${okReference}/export`, supervisor);
    expect(byDefault.headers['content-type']).toBe('application/xml; charset=utf-8');
  });
});

describe('GET /api/v1/reports/export.csv', () => {
  it('needs a session (401) and the bulk permission: an analyst and a partner get 403', async () => {
    expect((await get('/api/v1/reports/export.csv')).statusCode).toBe(401);
    expect((await get('/api/v1/reports/export.csv', analyst)).statusCode).toBe(403);
    expect((await get('/api/v1/reports/export.csv', partner)).statusCode).toBe(403);
    expect(await auditOf('report.export_bulk')).toEqual([]);
  });

  it('names since when it is not a date (400)', async () => {
    const res = await get('/api/v1/reports/export.csv?since=yesterday', supervisor);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors[0].path).toBe('since');
  });

  it('gives a supervisor every tip as CSV, neutralises formulas, and audits each tip and the count', async () => {
    const res = await get('/api/v1/reports/export.csv', supervisor);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="beacon-reports-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body).toContain(okReference);
    expect(res.body).toContain(txReference);
    expect(res.body).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    const bulk = await auditOf('report.export_bulk');
    expect(bulk).toEqual([
      { actor_label: 'supervisor@example.test', target_id: null, details: { format: 'csv', count: 2, since: null } },
    ]);
    const each = (await auditOf('report.export')).filter(
      (e) => e.actor_label === 'supervisor@example.test' && (e.details as { bulk?: boolean }).bulk,
    );
    expect(each.map((e) => e.target_id).sort()).toEqual([okReference, txReference].sort());
  });

  it('leaves out tips received before since', async () => {
    const res = await get('/api/v1/reports/export.csv?since=2999-01-01', supervisor);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(okReference);
  });
});

describe('OpenAPI', () => {
  it('documents both export routes with their file types', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const paths = res.json().paths;
    const one = paths['/api/v1/reports/{reference}/export'].get;
    expect(Object.keys(one.responses['200'].content)).toEqual(['application/xml', 'application/json']);
    expect(one.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['reference', 'format']));
    const csv = paths['/api/v1/reports/export.csv'].get;
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
  });
});
