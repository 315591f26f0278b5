import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, signIn } from '../../../test/staff.ts';
import { createApiToken } from '../../security/index.ts';
import { readGps } from './exif.ts';
import { hashBytes } from './hashing.ts';
import { patternWithExif } from './test-images.ts';

const SYSTEM = { kind: 'system', label: 'test' } as const;
const BUCKET = 'beacon-files';
// s3rver's built-in account.
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let t: TestDatabase;
let s3rver: S3rver;
let endpoint: string;
let s3: S3Client;

const report = {
  incident: {
    type: 'online_enticement',
    description: 'An adult account offered a 14-year-old user money to meet at a hotel downtown.',
  },
  location: { city: 'Exampleton', state: 'OK' },
  online: [{ kind: 'social_platform', platform: 'ExampleChat', identifier: 'user-48151623' }],
  reporter: { anonymous: false, name: 'Synthetic Reporter', email: 'safety@esp.example', relationship: 'professional' },
};

function s3Env(extra: Record<string, string> = {}) {
  return {
    BEACON_FILE_STORE: 's3',
    BEACON_S3_ENDPOINT: endpoint,
    BEACON_S3_BUCKET: BUCKET,
    BEACON_S3_ACCESS_KEY_ID: KEYS.accessKeyId,
    BEACON_S3_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    ...extra,
  };
}

async function s3App(env: Record<string, string>, db: TestDatabase = t) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-s3-data-'));
  const built = await testApp(db, { BEACON_DATA_DIR: dataDir, ...env });
  const token = (await createApiToken(db.db, SYSTEM, { organisation: 'ExampleChat', scopes: ['esp:report'] })).token;
  return { ...built, dataDir, token };
}

function multipart(bytes: Buffer, type: string) {
  const boundary = `----beacon${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.webp"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function openAndUpload(app: FastifyInstance, token: string, bytes: Buffer) {
  const auth = { authorization: `Bearer ${token}` };
  const opened = await app.inject({ method: 'POST', url: '/api/v1/esp/reports', headers: auth, payload: report });
  expect(opened.statusCode).toBe(201);
  const reportId = opened.json<{ reportId: string }>().reportId;
  const { payload, headers } = multipart(bytes, 'image/webp');
  const up = await app.inject({
    method: 'POST',
    url: `/api/v1/esp/reports/${reportId}/files`,
    headers: { ...auth, ...headers },
    payload,
  });
  expect(up.statusCode).toBe(201);
  return { reportId, file: up.json<{ fileId: string; stored: boolean; gps: { latitude: number } | null }>(), auth };
}

async function objectKeys(): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listed.Contents ?? []).map((o) => o.Key ?? '');
}

beforeAll(async () => {
  t = await createTestDatabase();
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: await mkdtemp(path.join(os.tmpdir(), 'beacon-s3rver-')),
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3rver.run();
  endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: KEYS });
});
afterAll(async () => {
  s3.destroy();
  await s3rver.close();
  await t.close();
});

describe('files in an S3-compatible store', () => {
  it('keeps only ciphertext under the file id, and hands the analyst a copy without EXIF', async () => {
    const { app, dataDir, token, keyring } = await s3App(s3Env());
    try {
      const webp = await patternWithExif('webp');
      const { reportId, file, auth } = await openAndUpload(app, token, webp);
      expect(file.stored).toBe(true);
      expect(file.gps?.latitude).toBeCloseTo(36.15, 2);

      expect(await objectKeys()).toContain(`${file.fileId}.enc`);
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${file.fileId}.enc` }));
      const stored = Buffer.from(await object.Body!.transformToByteArray());
      expect(stored.subarray(0, 5).toString('latin1')).toBe('BCNF\x01');
      expect(stored.includes(webp.subarray(0, 12))).toBe(false);
      expect(stored.includes(Buffer.from('synthetic-person-0003'))).toBe(false);
      expect(hashBytes(stored).sha256).not.toBe(hashBytes(webp).sha256);
      // Nothing on local disk.
      expect(await readdir(dataDir)).not.toContain('files');

      const done = await app.inject({ method: 'POST', url: `/api/v1/esp/reports/${reportId}/finish`, headers: auth });
      const reference = done.json<{ reference: string }>().reference;
      await addStaff(t.db, keyring, 'analyst', 's3-analyst@example.test');
      const analyst = await signIn(app, 's3-analyst@example.test');
      const list = await app.inject({
        method: 'GET',
        url: `/api/v1/reports/${reference}/files`,
        headers: { cookie: analyst.cookie },
      });
      expect(list.json().files[0]).toMatchObject({ type: 'image/webp', kept: true, metadataStripped: true });
      expect(list.json().files[0].gps.latitude).toBeCloseTo(36.15, 2);
      const content = await app.inject({
        method: 'GET',
        url: `/api/v1/reports/${reference}/files/${file.fileId}/content`,
        headers: { cookie: analyst.cookie },
      });
      expect(content.statusCode).toBe(200);
      expect(content.headers['content-type']).toBe('image/webp');
      const shown = content.rawPayload;
      const meta = await sharp(shown).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.exif).toBeUndefined();
      expect(await readGps(shown, 'image/webp')).toBeUndefined();
      expect(shown.includes(Buffer.from('synthetic-person-0003'))).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('deletes the object when the report is retracted', async () => {
    const { app, token } = await s3App(s3Env());
    try {
      const { reportId, file, auth } = await openAndUpload(app, token, await patternWithExif('webp'));
      expect(await objectKeys()).toContain(`${file.fileId}.enc`);
      const res = await app.inject({ method: 'POST', url: `/api/v1/esp/reports/${reportId}/retract`, headers: auth });
      expect(res.statusCode).toBe(200);
      expect(await objectKeys()).not.toContain(`${file.fileId}.enc`);
    } finally {
      await app.close();
    }
  });

  it('stores nothing in hash-only mode', async () => {
    const db = await createTestDatabase();
    const { app, token } = await s3App(s3Env({ BEACON_FILES_HASH_ONLY: 'true' }), db);
    try {
      const before = await objectKeys();
      const { file } = await openAndUpload(app, token, await patternWithExif('webp'));
      expect(file.stored).toBe(false);
      expect(await objectKeys()).toEqual(before);
      expect(before).not.toContain(`${file.fileId}.enc`);
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('answers 500 without leaking anything when the store is unreachable, and keeps no row', async () => {
    const { app, token } = await s3App(s3Env({ BEACON_S3_ENDPOINT: 'http://127.0.0.1:9', BEACON_S3_BUCKET: 'missing-bucket' }));
    try {
      const auth = { authorization: `Bearer ${token}` };
      const reportId = (await app.inject({ method: 'POST', url: '/api/v1/esp/reports', headers: auth, payload: report })).json<{
        reportId: string;
      }>().reportId;
      const { payload, headers } = multipart(await patternWithExif('webp'), 'image/webp');
      const up = await app.inject({
        method: 'POST',
        url: `/api/v1/esp/reports/${reportId}/files`,
        headers: { ...auth, ...headers },
        payload,
      });
      expect(up.statusCode).toBe(500);
      expect(up.body).not.toContain('127.0.0.1');
      expect(await t.db.selectFrom('esp_files').select('id').where('esp_report_id', '=', reportId).execute()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
