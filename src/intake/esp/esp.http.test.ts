import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, signIn } from '../../../test/staff.ts';
import { createApiToken, open as openSealed, revokeApiToken, type Keyring } from '../../security/index.ts';
import { toCybertiplineXml } from '../export/index.ts';
import { jpegWithGps, MINIMAL_PDF, patternPng } from '../files/test-images.ts';
import { reportInputSchema } from '../intake.schema.ts';
import { exampleReportXml } from './esp.schema.ts';
import { espDepsOf } from './esp.routes.ts';
import { espFileMeta } from '../intake.sealed.ts';
import { sweepStaleEspReports } from './esp.service.ts';

const SYSTEM = { kind: 'system', label: 'test' } as const;
const MAX_FILE = 64 * 1024;

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
let config: Awaited<ReturnType<typeof testApp>>['config'];
let dataDir: string;
let logLines: string[];
let tokenA: string;
let tokenB: string;
let analyst: { cookie: string; csrf: string };

const report = {
  incident: {
    type: 'online_enticement',
    description: 'An adult account offered a 14-year-old user money to meet at a hotel downtown.',
  },
  online: [{ kind: 'social_platform', platform: 'ExampleChat', identifier: 'user-48151623' }],
  children: [{ approximateAge: 14, gender: 'unknown' }],
  reporter: { anonymous: false, name: 'Zephyrine Okonkwo-Lindqvist', email: 'safety@esp.example', relationship: 'professional' },
};

async function newApp(env: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-esp-'));
  return { ...(await testApp(t, { BEACON_DATA_DIR: dir, BEACON_MAX_FILE_BYTES: String(MAX_FILE), ...env })), dataDir: dir };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await newApp();
  ({ app, keyring, config, dataDir, logLines } = built);
  tokenA = (await createApiToken(t.db, SYSTEM, { organisation: 'ExampleChat', scopes: ['esp:report'] })).token;
  tokenB = (await createApiToken(t.db, SYSTEM, { organisation: 'OtherPlatform', scopes: ['esp:report'] })).token;
  await addStaff(t.db, built.keyring, 'analyst', 'analyst@example.test');
  analyst = await signIn(app, 'analyst@example.test');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

function multipart(bytes: Buffer, opts: { field?: string; filename?: string; type?: string } = {}) {
  const boundary = `----beacon${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${opts.filename ?? 'upload.bin'}"\r\nContent-Type: ${opts.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function open(token = tokenA, headers: Record<string, string> = {}, body: unknown = report) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/esp/reports',
    headers: { ...auth(token), ...headers },
    payload: body as object,
  });
}

async function openId(token = tokenA): Promise<string> {
  const res = await open(token);
  expect(res.statusCode).toBe(201);
  return res.json<{ reportId: string }>().reportId;
}

const upload = (id: string, bytes: Buffer, opts: Parameters<typeof multipart>[1] = {}, token = tokenA) => {
  const { payload, headers } = multipart(bytes, opts);
  return app.inject({ method: 'POST', url: `/api/v1/esp/reports/${id}/files`, headers: { ...auth(token), ...headers }, payload });
};
const finish = (id: string, token = tokenA) =>
  app.inject({ method: 'POST', url: `/api/v1/esp/reports/${id}/finish`, headers: auth(token) });
const retract = (id: string, token = tokenA) =>
  app.inject({ method: 'POST', url: `/api/v1/esp/reports/${id}/retract`, headers: auth(token) });

async function queue(): Promise<{ reference: string; channel: string }[]> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/reports?limit=100', headers: { cookie: analyst.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('ESP authentication', () => {
  it('answers 401 without a token, with a malformed or unknown one, and with a session cookie instead', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/v1/esp/reports', payload: report });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await open('not-a-token')).statusCode).toBe(401);
    expect((await open(`bcn_esp_${randomBytes(32).toString('base64url')}`)).statusCode).toBe(401);
    const cookie = await app.inject({
      method: 'POST',
      url: '/api/v1/esp/reports',
      headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrf },
      payload: report,
    });
    expect(cookie.statusCode).toBe(401);
  });

  it('answers 401 once a token is revoked', async () => {
    const made = await createApiToken(t.db, SYSTEM, { organisation: 'ShortLived', scopes: ['esp:report'] });
    expect((await open(made.token)).statusCode).toBe(201);
    expect(await revokeApiToken(t.db, SYSTEM, made.id)).toBe(true);
    expect((await open(made.token)).statusCode).toBe(401);
  });

  it('answers 403 to a token without the esp:report scope', async () => {
    const made = await createApiToken(t.db, SYSTEM, { organisation: 'NoScope', scopes: [] });
    const res = await open(made.token);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('keeps tokens only as SHA-256', async () => {
    const rows = await t.db.selectFrom('api_tokens').select(['token_hash']).execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(tokenA);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });
});

describe('another organisation’s report', () => {
  it('is not found for every action', async () => {
    const id = await openId(tokenA);
    const file = (await upload(id, patternPng(), { type: 'image/png' })).json<{ fileId: string }>().fileId;
    expect((await upload(id, patternPng(), { type: 'image/png' }, tokenB)).statusCode).toBe(404);
    const details = await app.inject({
      method: 'PUT',
      url: `/api/v1/esp/reports/${id}/files/${file}`,
      headers: auth(tokenB),
      payload: { description: 'x' },
    });
    expect(details.statusCode).toBe(404);
    expect((await finish(id, tokenB)).statusCode).toBe(404);
    expect((await retract(id, tokenB)).statusCode).toBe(404);
    // And nothing happened to it.
    expect((await finish(id, tokenA)).statusCode).toBe(201);
  });
});

describe('open → upload → details → finish', () => {
  it('keeps the report from analysts until finished, then puts it in the queue once', async () => {
    const id = await openId();
    const before = await queue();

    const up = await upload(id, patternPng({ metadata: true }), { filename: 'chat-shot.png', type: 'image/png' });
    expect(up.statusCode).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({ type: 'image/png', size: patternPng({ metadata: true }).length, stored: true });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(file.gps.latitude).toBeCloseTo(36.15, 2);

    const details = {
      originalName: 'IMG_0042.png',
      description: 'Screenshot of the offer',
      publiclyAvailable: false,
      locationSeen: 'Direct messages',
    };
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/esp/reports/${id}/files/${file.fileId}`,
      headers: auth(tokenA),
      payload: details,
    });
    expect(put.statusCode).toBe(204);
    const badDetails = await app.inject({
      method: 'PUT',
      url: `/api/v1/esp/reports/${id}/files/${file.fileId}`,
      headers: auth(tokenA),
      payload: { publiclyAvailable: 'maybe' },
    });
    expect(badDetails.statusCode).toBe(400);
    expect(badDetails.json().error.errors[0].path).toBe('publiclyAvailable');

    expect((await queue()).length).toBe(before.length);

    const done = await finish(id);
    expect(done.statusCode).toBe(201);
    const { reference } = done.json<{ reference: string }>();
    expect(reference).toMatch(/^BCN-\d{4}-\d{6}$/);
    const items = await queue();
    expect(items.find((i) => i.reference === reference)?.channel).toBe('esp');

    const again = await finish(id);
    expect(again.statusCode).toBe(201);
    expect(again.json().reference).toBe(reference);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await queue()).length).toBe(items.length);

    const read = await app.inject({ method: 'GET', url: `/api/v1/reports/${reference}`, headers: { cookie: analyst.cookie } });
    expect(read.json().report.incident.description).toBe(report.incident.description);

    // The file: hashes in the clear, bytes encrypted on disk, details and GPS sealed.
    const row = await t.db.selectFrom('esp_files').selectAll().where('id', '=', file.fileId).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(file.sha256);
    const meta = openSealed(keyring, espFileMeta, row.meta_enc);
    expect(meta).toMatchObject({ uploadName: 'chat-shot.png', declaredType: 'image/png', details });
    expect(meta.gps?.longitude).toBeCloseTo(-95.983, 2);
    const onDisk = await readFile(path.join(dataDir, 'files', row.storage_key!));
    expect(onDisk.includes(Buffer.from('synthetic-person-0002'))).toBe(false);
    const esp = espDepsOf({ config, db: t.db, keyring });
    expect(
      (await esp.files.get(row.id, { storageKey: row.storage_key!, dataKeyEnc: row.data_key_enc! })).equals(
        patternPng({ metadata: true }),
      ),
    ).toBe(true);

    // Finished reports take no more files.
    expect((await upload(id, patternPng(), { type: 'image/png' })).statusCode).toBe(409);
  });

  it('accepts JPEG, PDF and a UTF-8 chat export, and names the field of a file lying about its type', async () => {
    const id = await openId();
    expect((await upload(id, jpegWithGps(), { type: 'image/jpeg' })).json().gps.latitude).toBeCloseTo(36.15, 2);
    expect((await upload(id, MINIMAL_PDF, { type: 'application/pdf' })).statusCode).toBe(201);
    expect((await upload(id, Buffer.from('[10:02] a: hi\n[10:03] b: ¿qué?\n'), { type: 'text/plain' })).json().type).toBe(
      'text/plain',
    );
    const lying = await upload(id, MINIMAL_PDF, { field: 'evidence', type: 'image/png', filename: 'photo.png' });
    expect(lying.statusCode).toBe(400);
    expect(lying.json().error.errors[0].path).toBe('evidence');
    const exe = await upload(id, Buffer.concat([Buffer.from([0x4d, 0x5a]), Buffer.alloc(200)]), {
      type: 'image/jpeg',
      filename: 'x.jpg',
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.errors[0].path).toBe('file');
  });

  it('refuses an image whose header claims more pixels than allowed, naming the field, and keeps nothing', async () => {
    const id = await openId();
    const res = await upload(id, patternPng({ declaredSize: 20_000 }), { field: 'evidence', type: 'image/png' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors).toEqual([
      { path: 'evidence', message: 'is an image of 20000×20000 pixels; at most 100000000 pixels are accepted' },
    ]);
    expect(await t.db.selectFrom('esp_files').select('id').where('esp_report_id', '=', id).execute()).toEqual([]);
  });

  it('refuses a file over the size limit with 413 and keeps nothing of it', async () => {
    const id = await openId();
    const res = await upload(id, Buffer.concat([patternPng(), Buffer.alloc(MAX_FILE)]), { type: 'image/png' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.errors[0].path).toBe('file');
    expect(await t.db.selectFrom('esp_files').select('id').where('esp_report_id', '=', id).execute()).toEqual([]);
  });

  it('refuses a request that is not multipart, or has no file', async () => {
    const id = await openId();
    const json = await app.inject({
      method: 'POST',
      url: `/api/v1/esp/reports/${id}/files`,
      headers: auth(tokenA),
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const boundary = 'emptyboundary123';
    const empty = await app.inject({
      method: 'POST',
      url: `/api/v1/esp/reports/${id}/files`,
      headers: { ...auth(tokenA), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.errors[0].path).toBe('file');
  });
});

describe('opening', () => {
  it('names the field that is wrong', async () => {
    const res = await open(tokenA, {}, { incident: { description: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors).toContainEqual({ path: 'incident.description', message: 'must be text' });
  });

  it('is idempotent with Idempotency-Key, per organisation', async () => {
    const key = { 'idempotency-key': 'esp-open-0000001' };
    const a = await open(tokenA, key);
    const b = await open(tokenA, key);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(b.headers['idempotent-replayed']).toBe('true');
    const other = await open(tokenB, key);
    expect(other.json().reportId).not.toBe(a.json().reportId);
    const changed = await open(tokenA, key, { ...report, additionalInfo: 'something else' });
    expect(changed.statusCode).toBe(422);
  });
});

describe('opening with XML in the CyberTipline shape', () => {
  const sendXml = (xml: string, contentType = 'application/xml', url = '/api/v1/esp/reports') =>
    app.inject({ method: 'POST', url, headers: { ...auth(tokenA), 'content-type': contentType }, payload: xml });

  it('takes an exported tip back as the same report, which analysts then read', async () => {
    const parsed = reportInputSchema.parse(report);
    const xml = toCybertiplineXml([
      { reference: 'BCN-2026-000007', receivedAt: new Date(), channel: 'esp', status: 'new', report: parsed },
    ]);
    const res = await sendXml(xml, 'application/xml; charset=utf-8');
    expect(res.statusCode).toBe(201);
    const { reportId } = res.json<{ reportId: string }>();
    const { reference } = (await finish(reportId)).json<{ reference: string }>();
    const read = await app.inject({ method: 'GET', url: `/api/v1/reports/${reference}`, headers: { cookie: analyst.cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json().report).toMatchObject({
      incident: parsed.incident,
      online: parsed.online,
      children: parsed.children,
      reporter: parsed.reporter,
    });
    expect((await sendXml(exampleReportXml, 'text/xml')).statusCode).toBe(201);
  });

  it('names the element of a wrong value, and refuses DOCTYPEs and malformed documents', async () => {
    const bad = await sendXml(exampleReportXml.replace('<age>14</age>', '<age>40</age>'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.errors).toContainEqual({ path: 'report/victim[1]/victimPerson/age', message: 'must be 17 or less' });
    const xxe = await sendXml(
      '<?xml version="1.0"?><!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/passwd">]><report><additionalInfo>&x;</additionalInfo></report>',
    );
    expect(xxe.statusCode).toBe(400);
    expect(xxe.json().error.errors[0].path).toBe('body');
    expect((await sendXml('<report><additionalInfo>x</report>')).statusCode).toBe(400);
  });

  it('refuses a document over the body limit with 413, as for JSON', async () => {
    const huge = exampleReportXml.replace('Gender: unknown', `Gender: unknown\nDescription: ${'a'.repeat(1024 * 1024)}`);
    expect((await sendXml(huge)).statusCode).toBe(413);
  });

  it('takes a batch as <reports> of <report key="…">', async () => {
    const one = exampleReportXml.replace('<?xml version="1.0" encoding="UTF-8"?>', '');
    const xml = `<reports>${one.replace('<report>', '<report key="xml-batch-1">')}${one.replace('<report>', '<report key="xml-batch-2">').replace('<age>14</age>', '<age>x</age>')}</reports>`;
    const res = await sendXml(xml, 'application/xml', '/api/v1/esp/batch');
    expect(res.statusCode).toBe(200);
    const [ok, bad] = res.json().results;
    expect(ok).toMatchObject({ index: 0, replayed: false });
    expect(ok.reference).toMatch(/^BCN-/);
    expect(bad).toEqual({
      index: 1,
      errors: [{ path: 'reports/report[2]/victim[1]/victimPerson/age', message: 'must be a number' }],
    });
  });
});

describe('retracting', () => {
  it('withdraws an open report and deletes its bytes; a finished report stays', async () => {
    const id = await openId();
    const file = (await upload(id, patternPng(), { type: 'image/png' })).json<{ fileId: string }>();
    const stored = await t.db
      .selectFrom('esp_files')
      .select('storage_key')
      .where('id', '=', file.fileId)
      .executeTakeFirstOrThrow();
    expect(await readdir(path.join(dataDir, 'files'))).toContain(stored.storage_key);
    const res = await retract(id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ reportId: id, status: 'retracted' });
    expect(await readdir(path.join(dataDir, 'files'))).not.toContain(stored.storage_key);
    expect((await retract(id)).statusCode).toBe(200);
    expect((await finish(id)).statusCode).toBe(409);
    expect((await upload(id, patternPng(), { type: 'image/png' })).statusCode).toBe(409);

    const done = await openId();
    await finish(done);
    expect((await retract(done)).statusCode).toBe(409);
  });

  it('happens by itself 24 hours after opening', async () => {
    const id = await openId();
    const esp = espDepsOf({ config, db: t.db, keyring });
    const opened = (await t.db.selectFrom('esp_reports').select('opened_at').where('id', '=', id).executeTakeFirstOrThrow())
      .opened_at;
    const at = (hours: number) => new Date(new Date(opened).getTime() + hours * 3600 * 1000);
    await sweepStaleEspReports(esp, at(23.9));
    expect((await t.db.selectFrom('esp_reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe(
      'open',
    );
    const swept = await sweepStaleEspReports(esp, at(24.1));
    expect(swept.retracted).toBeGreaterThanOrEqual(1);
    const row = await t.db
      .selectFrom('esp_reports')
      .select(['status', 'retract_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'retracted', retract_reason: 'expired' });
    expect((await finish(id)).statusCode).toBe(409);
  });

  it('completes a finish that was interrupted after the tip was committed, instead of retracting it', async () => {
    const id = await openId();
    const esp = espDepsOf({ config, db: t.db, keyring });
    const longAgo = new Date(Date.now() - 25 * 3600 * 1000);
    await t.db
      .updateTable('esp_reports')
      .set({ status: 'finishing', finished_at: longAgo, opened_at: longAgo })
      .where('id', '=', id)
      .execute();
    const swept = await sweepStaleEspReports(esp, new Date());
    expect(swept.completed).toBe(1);
    const row = await t.db
      .selectFrom('esp_reports')
      .select(['status', 'reference'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('finished');
    expect((await queue()).map((i) => i.reference)).toContain(row.reference);
    expect((await finish(id)).json().reference).toBe(row.reference);
  });
});

describe('batch', () => {
  it('answers per item and is idempotent by each item’s key', async () => {
    const items = [
      { key: 'batch-item-1', report },
      { key: 'batch-item-2', report: { incident: {} } },
      { key: 'batch-item-3', report: { ...report, additionalInfo: 'third' } },
      { report },
    ];
    const before = (await queue()).length;
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/esp/batch',
      headers: auth(tokenA),
      payload: { reports: items },
    });
    expect(first.statusCode).toBe(200);
    const results = first.json().results;
    expect(results[0]).toMatchObject({ index: 0, replayed: false });
    expect(results[1].index).toBe(1);
    expect(results[1].errors).toContainEqual({ path: 'report.incident.description', message: 'is required' });
    expect(results[2].reference).toMatch(/^BCN-/);
    expect(results[3].errors[0].path).toBe('key');
    expect((await queue()).length).toBe(before + 2);

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/esp/batch',
      headers: auth(tokenA),
      payload: { reports: items },
    });
    expect(again.json().results[0]).toEqual({ index: 0, reference: results[0].reference, replayed: true });
    expect(again.json().results[2].reference).toBe(results[2].reference);
    expect((await queue()).length).toBe(before + 2);

    const reused = await app.inject({
      method: 'POST',
      url: '/api/v1/esp/batch',
      headers: auth(tokenA),
      payload: { reports: [{ key: 'batch-item-1', report: { ...report, additionalInfo: 'changed' } }] },
    });
    expect(reused.json().results[0].errors).toEqual([{ path: 'key', message: 'was already used for a different report' }]);
  });

  it('refuses more than 100 reports, or none', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ key: `k-${i}`, report }));
    const res = await app.inject({ method: 'POST', url: '/api/v1/esp/batch', headers: auth(tokenA), payload: { reports: many } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors[0].path).toBe('reports');
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/esp/batch', headers: auth(tokenA), payload: { reports: [] } }))
        .statusCode,
    ).toBe(400);
  });
});

describe('settings', () => {
  it('keeps only hashes and metadata in hash-only mode', async () => {
    const hashOnly = await newApp({ BEACON_FILES_HASH_ONLY: 'true', BEACON_MAX_FILE_BYTES: String(20 * 1024 * 1024) });
    const id = (
      await hashOnly.app.inject({ method: 'POST', url: '/api/v1/esp/reports', headers: auth(tokenA), payload: report })
    ).json().reportId;
    const { payload, headers } = multipart(jpegWithGps(), { type: 'image/jpeg' });
    const res = await hashOnly.app.inject({
      method: 'POST',
      url: `/api/v1/esp/reports/${id}/files`,
      headers: { ...auth(tokenA), ...headers },
      payload,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ stored: false, type: 'image/jpeg' });
    const row = await t.db.selectFrom('esp_files').selectAll().where('id', '=', res.json().fileId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ storage_key: null, data_key_enc: null, sha256: res.json().sha256 });
    // Larger than the 1 MB JSON body limit: files have their own limit.
    const big = multipart(Buffer.concat([patternPng(), Buffer.alloc(3 * 1024 * 1024, 7)]), { type: 'image/png' });
    const bigRes = await hashOnly.app.inject({
      method: 'POST',
      url: `/api/v1/esp/reports/${id}/files`,
      headers: { ...auth(tokenA), ...big.headers },
      payload: big.payload,
    });
    expect(bigRes.statusCode).toBe(201);
    expect(bigRes.json().size).toBe(patternPng().length + 3 * 1024 * 1024);
    expect(await readdir(hashOnly.dataDir)).not.toContain('files');
    await hashOnly.app.close();
  });

  it('limits requests per token and says when to retry', async () => {
    const limited = await newApp({ BEACON_ESP_RATE_LIMIT: '2' });
    const send = (token: string) =>
      limited.app.inject({ method: 'POST', url: '/api/v1/esp/reports', headers: auth(token), payload: report });
    expect([(await send(tokenA)).statusCode, (await send(tokenA)).statusCode]).toEqual([201, 201]);
    const third = await send(tokenA);
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await send(tokenB)).statusCode).toBe(201);
    await limited.app.close();
  });
});

describe('documentation and logs', () => {
  it('documents every ESP route with bearer security, the esp tag and examples', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const routes = [
      ['/api/v1/esp/reports', 'post'],
      ['/api/v1/esp/reports/{id}/files', 'post'],
      ['/api/v1/esp/reports/{id}/files/{fileId}', 'put'],
      ['/api/v1/esp/reports/{id}/finish', 'post'],
      ['/api/v1/esp/reports/{id}/retract', 'post'],
      ['/api/v1/esp/batch', 'post'],
    ] as const;
    for (const [p, m] of routes) {
      const op = spec.paths[p]?.[m];
      expect(op, `${m} ${p}`).toBeDefined();
      expect(op.tags).toEqual(['esp']);
      expect(op.security).toEqual([{ espToken: [] }]);
    }
    expect(spec.components.securitySchemes.espToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(JSON.stringify(spec.paths['/api/v1/esp/reports'].post.requestBody)).toContain('"example"');
    const xmlBody = spec.paths['/api/v1/esp/reports'].post.requestBody.content['application/xml'];
    expect(xmlBody.example).toBe(exampleReportXml);
    const jsonBody = spec.paths['/api/v1/esp/reports'].post.requestBody.content['application/json'].schema;
    const reportSchema = jsonBody.$ref ? spec.components.schemas[String(jsonBody.$ref).split('/').pop()!] : jsonBody;
    expect(reportSchema.properties.incident).toBeDefined();
    expect(Object.keys(spec.paths['/api/v1/esp/reports/{id}/files'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });

  it('never logs the reporter’s name or the token', () => {
    for (const needle of ['Zephyrine', 'Okonkwo', tokenA]) expect(logLines.filter((l) => l.includes(needle))).toEqual([]);
  });
});
