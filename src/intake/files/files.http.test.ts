import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, signIn } from '../../../test/staff.ts';
import { createApiToken } from '../../security/index.ts';
import { readGps, strippedCopy } from './exif.ts';
import { hashBytes } from './hashing.ts';
import { jpegWithGps, MINIMAL_PDF, patternPng } from './test-images.ts';

const SYSTEM = { kind: 'system', label: 'test' } as const;

let t: TestDatabase;
let app: FastifyInstance;
let token: string;
type Who = { cookie: string };
let analyst: Who;
let texasAnalyst: Who;
let supervisor: Who;
let partner: Who;
let operator: Who;

/** An ESP tip in Oklahoma with a JPEG (EXIF GPS, comment, trailing bytes), a PNG with metadata and a PDF. */
let okTip: { reference: string; jpeg: string; png: string; pdf: string };
/** A second tip, to ask for a file of the first through the wrong reference. */
let otherTip: { reference: string; file: string };

const espReport = (state: string) => ({
  incident: {
    type: 'online_enticement',
    description: 'An adult account offered a 14-year-old user money to meet at a hotel downtown.',
  },
  location: { city: 'Exampleton', state },
  online: [{ kind: 'social_platform', platform: 'ExampleChat', identifier: 'user-48151623' }],
  children: [{ approximateAge: 14, gender: 'unknown' }],
  reporter: { anonymous: false, name: 'Synthetic Reporter', email: 'safety@esp.example', relationship: 'professional' },
});

function multipart(bytes: Buffer, filename: string, type: string) {
  const boundary = `----beacon${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Opens, uploads and finishes through the ESP API, as a provider would; answers the tip's reference and file ids. */
async function espTip(
  on: FastifyInstance,
  state: string,
  files: { bytes: Buffer; name: string; type: string; details?: object }[],
  espToken = token,
) {
  const auth = { authorization: `Bearer ${espToken}` };
  const opened = await on.inject({ method: 'POST', url: '/api/v1/esp/reports', headers: auth, payload: espReport(state) });
  expect(opened.statusCode).toBe(201);
  const id = opened.json<{ reportId: string }>().reportId;
  const ids: string[] = [];
  for (const f of files) {
    const { payload, headers } = multipart(f.bytes, f.name, f.type);
    const up = await on.inject({
      method: 'POST',
      url: `/api/v1/esp/reports/${id}/files`,
      headers: { ...auth, ...headers },
      payload,
    });
    expect(up.statusCode).toBe(201);
    const fileId = up.json<{ fileId: string }>().fileId;
    if (f.details) {
      const put = await on.inject({
        method: 'PUT',
        url: `/api/v1/esp/reports/${id}/files/${fileId}`,
        headers: auth,
        payload: f.details,
      });
      expect(put.statusCode).toBe(204);
    }
    ids.push(fileId);
  }
  const done = await on.inject({ method: 'POST', url: `/api/v1/esp/reports/${id}/finish`, headers: auth });
  expect(done.statusCode).toBe(201);
  return { reference: done.json<{ reference: string }>().reference, ids };
}

const get = (url: string, who?: Who, on: FastifyInstance = app) =>
  on.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
const listUrl = (reference: string) => `/api/v1/reports/${reference}/files`;
const contentUrl = (reference: string, fileId: string) => `/api/v1/reports/${reference}/files/${fileId}/content`;

const auditOf = (action: string, reference: string) =>
  t.db
    .selectFrom('audit_entries')
    .select(['actor_label', 'details', 'target_type'])
    .where('action', '=', action)
    .where('target_id', '=', reference)
    .execute();

async function dataDirApp(env: Record<string, string> = {}, db: TestDatabase = t) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-files-'));
  return testApp(db, { BEACON_DATA_DIR: dir, ...env });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await dataDirApp();
  app = built.app;
  token = (await createApiToken(t.db, SYSTEM, { organisation: 'ExampleChat', scopes: ['esp:report'] })).token;
  await addStaff(t.db, built.keyring, 'analyst', 'analyst@example.test');
  await addStaff(t.db, built.keyring, 'analyst', 'tx-analyst@example.test', ['TX']);
  await addStaff(t.db, built.keyring, 'supervisor', 'supervisor@example.test');
  await addStaff(t.db, built.keyring, 'partner', 'partner@example.test', ['OK']);
  await addStaff(t.db, built.keyring, 'operator', 'operator@example.test');
  analyst = await signIn(app, 'analyst@example.test');
  texasAnalyst = await signIn(app, 'tx-analyst@example.test');
  supervisor = await signIn(app, 'supervisor@example.test');
  partner = await signIn(app, 'partner@example.test');
  operator = await signIn(app, 'operator@example.test');
  const ok = await espTip(app, 'OK', [
    {
      bytes: jpegWithGps(),
      name: 'IMG_0042.jpg',
      type: 'image/jpeg',
      details: {
        originalName: 'chat-screenshot.jpg',
        description: 'Screenshot of the offer',
        publiclyAvailable: false,
        locationSeen: 'Direct messages',
      },
    },
    { bytes: patternPng({ metadata: true }), name: 'pattern.png', type: 'image/png' },
    { bytes: MINIMAL_PDF, name: 'notes.pdf', type: 'application/pdf' },
  ]);
  okTip = { reference: ok.reference, jpeg: ok.ids[0]!, png: ok.ids[1]!, pdf: ok.ids[2]! };
  const other = await espTip(app, 'OK', [{ bytes: patternPng(), name: 'other.png', type: 'image/png' }]);
  otherTip = { reference: other.reference, file: other.ids[0]! };
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('who may see a tip’s files', () => {
  it('answers 401 without a session', async () => {
    expect((await get(listUrl(okTip.reference))).statusCode).toBe(401);
    expect((await get(contentUrl(okTip.reference, okTip.jpeg))).statusCode).toBe(401);
  });

  it('answers 403 to roles without the permission: operators for the list, partners for the bytes', async () => {
    expect((await get(listUrl(okTip.reference), operator)).statusCode).toBe(403);
    expect((await get(contentUrl(okTip.reference, okTip.jpeg), operator)).statusCode).toBe(403);
    const res = await get(contentUrl(okTip.reference, okTip.jpeg), partner);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('answers 404 to a partner for the list: no tip is referred to partners yet', async () => {
    expect((await get(listUrl(okTip.reference), partner)).statusCode).toBe(404);
  });

  it('answers 404 for a tip in another jurisdiction, as for a missing one', async () => {
    const list = await get(listUrl(okTip.reference), texasAnalyst);
    expect(list.statusCode).toBe(404);
    expect(list.json().error.code).toBe('not_found');
    expect((await get(contentUrl(okTip.reference, okTip.jpeg), texasAnalyst)).statusCode).toBe(404);
    expect((await get(listUrl('BCN-2000-999999'), analyst)).statusCode).toBe(404);
  });

  it('answers 404 for an unknown file and for a file of another tip', async () => {
    expect((await get(contentUrl(okTip.reference, randomUUID()), analyst)).statusCode).toBe(404);
    expect((await get(contentUrl(okTip.reference, otherTip.file), analyst)).statusCode).toBe(404);
    expect((await get(contentUrl(otherTip.reference, okTip.jpeg), analyst)).statusCode).toBe(404);
  });

  it('answers 400 naming the field for a malformed file id', async () => {
    const res = await get(contentUrl(okTip.reference, 'not-a-uuid'), analyst);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('fileId');
  });
});

describe('GET /api/v1/reports/:reference/files', () => {
  it('lists each file with hashes, details and EXIF GPS, never the bytes, and audits the look', async () => {
    const res = await get(listUrl(okTip.reference), analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.abilities).toEqual(['file.view']);
    expect(body.files.map((f: { id: string }) => f.id)).toEqual([okTip.jpeg, okTip.png, okTip.pdf]);
    const [jpeg, png, pdf] = body.files;
    expect(jpeg).toMatchObject({
      name: 'chat-screenshot.jpg',
      type: 'image/jpeg',
      size: jpegWithGps().length,
      ...hashBytes(jpegWithGps()),
      description: 'Screenshot of the offer',
      publiclyAvailable: false,
      locationSeen: 'Direct messages',
      kept: true,
      metadataStripped: true,
    });
    expect(jpeg.gps.latitude).toBeCloseTo(36.15, 2);
    expect(jpeg.gps.longitude).toBeCloseTo(-95.983, 2);
    expect(Number.isNaN(Date.parse(jpeg.uploadedAt))).toBe(false);
    expect(png).toMatchObject({
      name: 'pattern.png',
      type: 'image/png',
      ...hashBytes(patternPng({ metadata: true })),
      description: null,
      kept: true,
    });
    expect(png.gps.latitude).toBeCloseTo(36.15, 2);
    expect(pdf).toMatchObject({ name: 'notes.pdf', type: 'application/pdf', gps: null, kept: true, metadataStripped: false });
    expect(res.body).not.toContain(jpegWithGps().toString('base64').slice(0, 40));
    const audit = await auditOf('file.list', okTip.reference);
    expect(audit.at(-1)).toMatchObject({ actor_label: 'analyst@example.test', target_type: 'report', details: { count: 3 } });
  });

  it('answers an empty list for a tip that did not come from an ESP', async () => {
    const sent = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: espReport('OK') });
    const res = await get(listUrl(sent.json().reference), supervisor);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ files: [], abilities: ['file.view'] });
  });
});

describe('GET /api/v1/reports/:reference/files/:fileId/content', () => {
  it('hands out a JPEG without its EXIF GPS, comment or trailing data, as an attachment, and audits it', async () => {
    const res = await get(contentUrl(okTip.reference, okTip.jpeg), analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="file-${okTip.jpeg}.jpg"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const bytes = res.rawPayload;
    const uploaded = jpegWithGps();
    expect(bytes.equals(uploaded)).toBe(false);
    expect(bytes.equals(strippedCopy(uploaded, 'image/jpeg'))).toBe(true);
    expect(await readGps(uploaded, 'image/jpeg')).toBeDefined();
    expect(await readGps(bytes, 'image/jpeg')).toBeUndefined();
    expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(bytes.includes(Buffer.from('synthetic-person-0001'))).toBe(false);
    expect(bytes.includes(Buffer.from('TRAILING-SECRET'))).toBe(false);
    const audit = await auditOf('file.view', okTip.reference);
    expect(audit.at(-1)).toMatchObject({
      actor_label: 'analyst@example.test',
      details: { fileId: okTip.jpeg, type: 'image/jpeg', metadataStripped: true },
    });
  });

  it('hands out a PNG without its text and eXIf chunks', async () => {
    const res = await get(contentUrl(okTip.reference, okTip.png), supervisor);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(strippedCopy(patternPng({ metadata: true }), 'image/png'))).toBe(true);
    expect(res.rawPayload.includes(Buffer.from('eXIf', 'latin1'))).toBe(false);
    expect(res.rawPayload.includes(Buffer.from('synthetic-person-0002'))).toBe(false);
  });

  it('hands out other types as they were received', async () => {
    const res = await get(contentUrl(okTip.reference, okTip.pdf), analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.equals(MINIMAL_PDF)).toBe(true);
  });

  it('writes no audit entry when nothing is handed out', async () => {
    const before = (await auditOf('file.view', okTip.reference)).length;
    await get(contentUrl(okTip.reference, randomUUID()), analyst);
    await get(contentUrl(okTip.reference, okTip.jpeg), texasAnalyst);
    expect((await auditOf('file.view', okTip.reference)).length).toBe(before);
  });
});

describe('hash-only mode', () => {
  it('lists the hashes and GPS but has no content to hand out', async () => {
    // Its own database: this server has its own keyring, which must not meet the other server's tips.
    const db = await createTestDatabase();
    const hashOnly = await dataDirApp({ BEACON_FILES_HASH_ONLY: 'true' }, db);
    try {
      const espToken = (await createApiToken(db.db, SYSTEM, { organisation: 'ExampleChat', scopes: ['esp:report'] })).token;
      await addStaff(db.db, hashOnly.keyring, 'analyst', 'analyst@example.test');
      const who = await signIn(hashOnly.app, 'analyst@example.test');
      const tip = await espTip(
        hashOnly.app,
        'OK',
        [{ bytes: jpegWithGps(), name: 'IMG_0042.jpg', type: 'image/jpeg' }],
        espToken,
      );
      const list = await get(listUrl(tip.reference), who, hashOnly.app);
      expect(list.statusCode).toBe(200);
      expect(list.json().files[0]).toMatchObject({ id: tip.ids[0], kept: false, sha256: hashBytes(jpegWithGps()).sha256 });
      expect(list.json().files[0].gps.latitude).toBeCloseTo(36.15, 2);
      const content = await get(contentUrl(tip.reference, tip.ids[0]!), who, hashOnly.app);
      expect(content.statusCode).toBe(404);
      expect(content.json().error.code).toBe('not_kept');
      const views = await db.db.selectFrom('audit_entries').select('id').where('action', '=', 'file.view').execute();
      expect(views).toEqual([]);
    } finally {
      await hashOnly.app.close();
      await db.close();
    }
  });
});

describe('export', () => {
  it('puts the files’ hashes and GPS in the JSON and XML exports of an ESP tip', async () => {
    const json = await get(`/api/v1/reports/${okTip.reference}/export?format=json`, analyst);
    expect(json.statusCode).toBe(200);
    const files = JSON.parse(json.body).reports[0].files;
    expect(files).toHaveLength(3);
    expect(files[0]).toMatchObject({
      fileName: 'chat-screenshot.jpg',
      mimeType: 'image/jpeg',
      size: jpegWithGps().length,
      ...hashBytes(jpegWithGps()),
    });
    expect(files[0].exif.GPSLatitude).toBeCloseTo(36.15, 2);
    expect(files[2].exif).toBeUndefined();
    const xml = await get(`/api/v1/reports/${okTip.reference}/export?format=cybertipline-xml`, analyst);
    expect(xml.statusCode).toBe(200);
    expect(xml.body.match(/<fileDetails>/g)).toHaveLength(3);
    expect(xml.body).toContain(`<originalFileHash hashType="SHA256">${hashBytes(jpegWithGps()).sha256}</originalFileHash>`);
    expect(xml.body).toContain('<name>GPSLatitude</name>');
  });

  it('lists the files in the bulk CSV', async () => {
    const csv = await get('/api/v1/reports/export.csv', supervisor);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`chat-screenshot.jpg sha256:${hashBytes(jpegWithGps()).sha256}`);
    expect(csv.body).toContain(`other.png sha256:${hashBytes(patternPng()).sha256}`);
  });
});

describe('documentation', () => {
  it('documents both routes in the OpenAPI description', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(spec.paths['/api/v1/reports/{reference}/files'].get.tags).toEqual(['reports']);
    expect(Object.keys(spec.paths['/api/v1/reports/{reference}/files/{fileId}/content'].get.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404']),
    );
  });
});
