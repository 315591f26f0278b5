import type { FastifyInstance } from 'fastify';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const CASES = '/api/v1/cases';
const SECRET_NOTE = 'Synthetic camera note 7431';

/** A generated test pattern (never a picture of a person), with EXIF that must not survive. */
async function patternJpeg(): Promise<Buffer> {
  const stripes = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="400">
    <rect width="320" height="400" fill="#1b4f72"/><rect x="40" y="40" width="240" height="120" fill="#f4d03f"/>
    <circle cx="160" cy="280" r="70" fill="#c0392b"/></svg>`);
  return sharp(stripes)
    .jpeg()
    .withExif({ IFD0: { ImageDescription: SECRET_NOTE, Artist: SECRET_NOTE } })
    .toBuffer();
}

function multipart(bytes: Buffer, type: string, field = 'photo') {
  const boundary = `----beacon${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="upload"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (reference: string, w: Who, bytes: Buffer, type = 'image/jpeg') => {
  const { payload, headers } = multipart(bytes, type);
  return app.inject({ method: 'POST', url: `${CASES}/${reference}/photos`, headers: { ...as(w), ...headers }, payload });
};

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const [n, role] of [
    ['cm', 'case_manager'],
    ['sup', 'supervisor'],
    ['cmB', 'case_manager'],
    ['analyst', 'analyst'],
    ['admin', 'admin'],
  ] as const) {
    ids[n] = await addStaff(t.db, built.keyring, role, `${n}@example.test`);
    who[n] = await signIn(app, `${n}@example.test`);
  }
  for (const [name, members] of [
    ['Team A', [{ userId: ids.cm }, { userId: ids.sup, supervises: true }]],
    ['Team B', [{ userId: ids.cmB }]],
  ] as const) {
    expect(
      (await app.inject({ method: 'POST', url: `${CASES}/teams`, headers: as(who.admin!), payload: { name, members } }))
        .statusCode,
    ).toBe(201);
  }
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function missingChild(): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: CASES,
    headers: as(who.cm!),
    payload: { details: { identity: { name: 'Odalys Synthetic-Wren' } }, state: 'OK' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const reference = res.json<{ reference: string }>().reference;
  const ep = await app.inject({
    method: 'POST',
    url: `${CASES}/${reference}/episodes`,
    headers: as(who.cm!),
    payload: { leftFrom: 'placement', knownMissingAt: new Date(Date.now() - 3_600_000).toISOString() },
  });
  expect(ep.statusCode, ep.body).toBe(201);
  return reference;
}

/** The image XObjects of a PDF, read back with pdf-lib alone. */
function imagesIn(pdf: PDFDocument): number {
  return pdf.context
    .enumerateIndirectObjects()
    .filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')).length;
}

describe('case photos', () => {
  it('refuses without a session (401), for another team (404), and for an analyst (403)', async () => {
    const reference = await missingChild();
    const bytes = await patternJpeg();
    const { payload, headers } = multipart(bytes, 'image/jpeg');
    expect((await app.inject({ method: 'POST', url: `${CASES}/${reference}/photos`, headers, payload })).statusCode).toBe(401);
    expect((await upload(reference, who.cmB!, bytes)).statusCode).toBe(404);
    expect((await upload(reference, who.analyst!, bytes)).statusCode).toBe(403);
  });

  it('refuses what is not an image by its bytes, naming the field', async () => {
    const reference = await missingChild();
    const res = await upload(reference, who.cm!, Buffer.from('%PDF-1.7 not an image at all'), 'image/jpeg');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors).toEqual([{ path: 'photo', message: expect.stringContaining('JPEG') }]);
  });

  it('keeps a copy without metadata, sealed, shows it to the team (audited), and puts it on the poster', async () => {
    const reference = await missingChild();
    const res = await upload(reference, who.cm!, await patternJpeg());
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json<{ id: string; type: string; width: number; height: number }>();
    expect(photo).toMatchObject({ type: 'image/jpeg', width: 320, height: 400 });

    const row = await t.db.selectFrom('case_photos').selectAll().where('id', '=', photo.id).executeTakeFirstOrThrow();
    expect(row.data_key_enc.startsWith('v1.')).toBe(true);

    const list = await app.inject({ method: 'GET', url: `${CASES}/${reference}/photos`, headers: as(who.sup!) });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([photo.id]);
    const got = await app.inject({ method: 'GET', url: `${CASES}/${reference}/photos/${photo.id}`, headers: as(who.sup!) });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.rawPayload.includes(Buffer.from(SECRET_NOTE))).toBe(false);
    expect((await sharp(got.rawPayload).metadata()).exif).toBeUndefined();
    const views = await t.db
      .selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'case.photo_view')
      .where('target_id', '=', reference)
      .execute();
    expect(views).toHaveLength(1);
    expect(
      (await app.inject({ method: 'GET', url: `${CASES}/${reference}/photos/${photo.id}`, headers: as(who.cmB!) })).statusCode,
    ).toBe(404);

    const version = (await app.inject({ method: 'GET', url: `${CASES}/${reference}`, headers: as(who.sup!) })).json<{
      version: number;
    }>().version;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `${CASES}/${reference}/poster-approval`,
          headers: as(who.sup!),
          payload: { version },
        })
      ).statusCode,
    ).toBe(200);
    const pdf = await app.inject({ method: 'GET', url: `${CASES}/${reference}/poster.pdf`, headers: as(who.cm!) });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(imagesIn(await PDFDocument.load(pdf.rawPayload))).toBe(1);
  });
});

describe('poster requests', () => {
  it('records who asked, for which version, and what the supervisor approved', async () => {
    const reference = await missingChild();
    const before = (await app.inject({ method: 'GET', url: `${CASES}/${reference}/poster`, headers: as(who.cm!) })).json();
    expect(before).toMatchObject({ missing: true, request: null, approval: null });
    expect(
      (await app.inject({ method: 'POST', url: `${CASES}/${reference}/poster-request`, headers: as(who.cm!) })).statusCode,
    ).toBe(204);
    const asked = (await app.inject({ method: 'GET', url: `${CASES}/${reference}/poster`, headers: as(who.sup!) })).json();
    expect(asked.request).toMatchObject({ requestedBy: ids.cm, caseVersion: asked.caseVersion });
    expect(
      (await app.inject({ method: 'POST', url: `${CASES}/${reference}/poster-request`, headers: as(who.cmB!) })).statusCode,
    ).toBe(404);
    expect(
      await t.db
        .selectFrom('audit_entries')
        .select('id')
        .where('action', '=', 'case.poster_request')
        .where('target_id', '=', reference)
        .execute(),
    ).toHaveLength(1);
  });
});
