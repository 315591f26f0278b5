import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../../test/staff.ts';
import type { Keyring } from '../../security/index.ts';
import { importAdverts } from '../index.ts';
import { leadsDepsOf } from '../../modules.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
const who: Record<string, Who> = {};
const quiet = new Writable({ write: (_c, _e, done) => done() });

/** A generated pattern, never a picture of a person. */
const pattern = () =>
  sharp(
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300">
  <rect width="300" height="300" fill="#0b3d91"/><rect x="30" y="50" width="200" height="90" fill="#ffd166"/><circle cx="190" cy="210" r="60" fill="#ef476f"/></svg>`),
  )
    .jpeg()
    .toBuffer();

/** The same hash with `bits` bits turned over: a re-encoded or lightly edited copy of the image. */
function flip(hex: string, bits: number): string {
  const digits = hex.split('').map((d) => parseInt(d, 16));
  for (let i = 0; i < bits; i++) digits[i] = digits[i]! ^ 1;
  return digits.map((d) => d.toString(16)).join('');
}

async function importLines(lines: object[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-adverts-'));
  const file = path.join(dir, 'ads.jsonl');
  await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return importAdverts(leadsDepsOf({ db: t.db, keyring }), { input: file, format: 'jsonl', workers: 1, stderr: quiet });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  keyring = built.keyring;
  for (const [n, role] of [
    ['cm', 'case_manager'],
    ['admin', 'admin'],
  ] as const) {
    await addStaff(t.db, keyring, role, `${n}@example.test`);
    who[n] = await signIn(app, `${n}@example.test`);
  }
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('advert images against case photos', () => {
  it('raises a lead when an advert image is within 31 bits of a photo on an open case, and not beyond', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: as(who.cm!),
      payload: { details: { identity: { name: 'Maren Synthetic-Hollis' } }, state: 'OK' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const reference = created.json<{ reference: string }>().reference;
    const boundary = '----beaconphoto';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="upload"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      await pattern(),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/photos`,
      headers: { ...as(who.cm!), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const hex = uploaded.json<{ pdqHex: string }>().pdqHex;
    expect(hex).toMatch(/^[0-9a-f]{64}$/);

    await importLines([
      {
        id: 'img-near',
        site: 'classifieds.example',
        state: 'OK',
        title: 'new pics',
        body: 'ask for details',
        pdq: flip(hex, 12),
      },
      {
        id: 'img-far',
        site: 'classifieds.example',
        state: 'OK',
        title: 'other pics',
        body: 'ask for details',
        pdq: flip(hex, 40),
      },
    ]);
    expect(await t.db.selectFrom('adverts').select('source_id').orderBy('source_id').execute()).toEqual([
      { source_id: 'img-far' },
      { source_id: 'img-near' },
    ]);
    const leads = await t.db
      .selectFrom('leads as l')
      .innerJoin('adverts as a', 'a.id', 'l.advert_id')
      .select(['a.source_id', 'l.target_ref', 'l.matched_kind'])
      .execute();
    expect(leads).toEqual([{ source_id: 'img-near', target_ref: reference, matched_kind: 'image' }]);
  });
});

describe('a case opened after its adverts were stored', () => {
  it('raises the lead when the case is created, not at the next import', async () => {
    await importLines([
      {
        id: 'ad-before-case',
        site: 'classifieds.example',
        state: 'TX',
        title: 'new girl',
        body: 'call nine 1 five - 555 - 0 1 2 3 today',
      },
    ]);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: as(who.cm!),
      payload: {
        details: { identity: { name: 'Tallis Synthetic-Marsh' }, identifiers: [{ kind: 'phone', value: '(915) 555-0123' }] },
        state: 'TX',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const reference = created.json<{ reference: string }>().reference;
    const leads = await t.db
      .selectFrom('leads as l')
      .innerJoin('adverts as a', 'a.id', 'l.advert_id')
      .select(['a.source_id', 'l.matched_kind', 'l.matched_value'])
      .where('l.target_ref', '=', reference)
      .execute();
    expect(leads).toEqual([{ source_id: 'ad-before-case', matched_kind: 'phone', matched_value: '+19155550123' }]);
  });
});
