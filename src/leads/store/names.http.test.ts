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
import { importAdverts, matchAll } from '../index.ts';
import { leadsDepsOf } from '../../modules.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
let cm: Who;
let analyst: Who;
const quiet = new Writable({ write: (_c, _e, done) => done() });
const DAY = 86_400_000;

async function importLines(lines: object[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-adverts-'));
  const file = path.join(dir, 'ads.jsonl');
  await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return importAdverts(leadsDepsOf({ db: t.db, keyring }), { input: file, format: 'jsonl', workers: 1, stderr: quiet });
}

async function missingCase(name: string, aliases: string[], state: string, missingSince: Date): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: as(cm),
    payload: { details: { identity: { name, aliases } }, state },
  });
  expect(created.statusCode, created.body).toBe(201);
  const reference = created.json<{ reference: string }>().reference;
  const episode = await app.inject({
    method: 'POST',
    url: `/api/v1/cases/${reference}/episodes`,
    headers: as(cm),
    payload: { leftFrom: 'home', knownMissingAt: missingSince.toISOString() },
  });
  expect(episode.statusCode, episode.body).toBe(201);
  return reference;
}

const leadsOf = (reference: string) =>
  t.db
    .selectFrom('leads as l')
    .innerJoin('adverts as a', 'a.id', 'l.advert_id')
    .select(['a.source_id', 'l.matched_kind', 'l.matched_value', 'l.strength', 'l.reason'])
    .where('l.target_ref', '=', reference)
    .orderBy('a.source_id')
    .execute();

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  keyring = built.keyring;
  await addStaff(t.db, keyring, 'case_manager', 'cm@example.test');
  cm = await signIn(app, 'cm@example.test');
  await addStaff(t.db, keyring, 'analyst', 'analyst@example.test');
  analyst = await signIn(app, 'analyst@example.test');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('adverts matched to missing-child cases by name', () => {
  it('raises a weak lead that says why, only within the case state and missing period', async () => {
    const since = new Date(Date.now() - 30 * DAY);
    const reference = await missingCase('Maren Synthetic-Hollis', ['Rennie'], 'OK', since);
    const during = new Date(Date.now() - 5 * DAY).toISOString();
    const before = new Date(since.getTime() - 10 * DAY).toISOString();
    await importLines([
      { id: 'alias-ok', site: 'ads.example', state: 'OK', posted_at: during, title: 'sweet', body: "Hi, I'm Rennie, new here" },
      { id: 'close-ok', site: 'ads.example', state: 'OK', posted_at: during, title: 'hi', body: 'ask for Renie tonight' },
      { id: 'word-ok', site: 'ads.example', state: 'OK', posted_at: during, title: 'hi', body: 'my name is Maren' },
      { id: 'other-state', site: 'ads.example', state: 'TX', posted_at: during, title: 'hi', body: "I'm Rennie" },
      { id: 'before-missing', site: 'ads.example', state: 'OK', posted_at: before, title: 'hi', body: "I'm Rennie" },
      { id: 'other-name', site: 'ads.example', state: 'OK', posted_at: during, title: 'hi', body: "I'm Paloma" },
      { id: 'no-cue', site: 'ads.example', state: 'OK', posted_at: during, title: 'hi', body: 'Rennie and friends' },
    ]);
    const leads = await leadsOf(reference);
    expect(leads.map((l) => [l.source_id, l.matched_kind, l.matched_value, l.strength])).toEqual([
      ['alias-ok', 'name', 'Rennie', 'weak'],
      ['close-ok', 'name', 'Renie', 'weak'],
      ['word-ok', 'name', 'Maren', 'weak'],
    ]);
    expect(leads[0]!.reason).toMatch(
      /persona name "Rennie" is the same as an alias on the case .*posted in OK while the child was missing/,
    );
    expect(leads[1]!.reason).toMatch(/is close to an alias/);
    expect(leads[2]!.reason).toMatch(/is one word of the name/);
    for (const l of leads) expect(l.reason).not.toMatch(/Synthetic|Hollis/); // the case's own name never appears

    // `leads match` finds nothing new and changes nothing already raised.
    expect(await matchAll(leadsDepsOf({ db: t.db, keyring }))).toBe(0);
    const listed = await app.inject({ method: 'GET', url: '/api/v1/leads', headers: as(analyst) });
    expect(listed.statusCode, listed.body).toBe(200);
    const item = listed
      .json<{ items: { matched: { kind: string; strength: string; reason: string | null } }[] }>()
      .items.find((i) => i.matched.kind === 'name');
    expect(item?.matched).toMatchObject({ strength: 'weak', reason: expect.stringContaining('weak') });
  });

  it('raises nothing for a case not missing (no episode) or closed', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: as(cm),
      payload: { details: { identity: { name: 'Oriel Synthetic-Vance', aliases: [] } }, state: 'OK' },
    });
    const reference = created.json<{ reference: string }>().reference;
    await importLines([{ id: 'oriel', site: 'ads.example', state: 'OK', title: 'hi', body: "I'm Oriel" }]);
    expect(await leadsOf(reference)).toEqual([]);
  });
});

describe('a case photo added after its adverts were stored', () => {
  it('is matched against stored adverts at once, not at the next `leads match`', async () => {
    const image = await sharp(
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300">
  <rect width="300" height="300" fill="#2a9d8f"/><rect x="40" y="40" width="120" height="200" fill="#e9c46a"/><circle cx="210" cy="90" r="50" fill="#e76f51"/></svg>`),
    )
      .jpeg()
      .toBuffer();
    const { pdqFromImage } = await import('../pdq/index.ts');
    const hex = (await pdqFromImage(image)).hex;
    await importLines([{ id: 'photo-first', site: 'ads.example', state: 'OK', title: 'pics', body: 'details inside', pdq: hex }]);
    const reference = await missingCase('Ilse Synthetic-Brook', [], 'OK', new Date(Date.now() - DAY));
    const boundary = '----beaconphoto';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="upload"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      image,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/photos`,
      headers: { ...as(cm), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const leads = await leadsOf(reference);
    expect(leads.map((l) => [l.source_id, l.matched_kind, l.strength])).toEqual([['photo-first', 'image', 'strong']]);
  });
});
