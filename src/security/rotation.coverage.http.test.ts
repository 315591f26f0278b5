import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { SoftPasskey } from '../../test/passkey-authenticator.ts';
import { addStaff, as, cookieFrom, signIn, TEST_PASSWORD, type Who } from '../../test/staff.ts';
import { addAgencyMember, analysePending, analysisDepsOf } from '../analysis/index.ts';
import { fillDemo } from '../cli/demo.ts';
import { createPool, kyselyFor } from '../db/index.ts';
import type { Database, Db } from '../database.ts';
import { allSealedColumns } from '../modules.ts';
import { importAdverts } from '../leads/index.ts';
import { ciphertextUses, textColumns } from './ciphertext-scan.ts';
import type { Keyring } from './crypto.ts';
import { rotateKeys } from './rotation.ts';
import { createApiToken } from './tokens.ts';
import { leadsDepsOf } from '../modules.ts';

/**
 * Fills every table through the real code paths, then finds every column holding a Beacon
 * ciphertext by its content and fails on any that key rotation does not re-encrypt.
 */

/** Tables this test leaves empty, each with the reason; a new table must be filled here or named. */
const NOT_FILLED: Record<string, string> = {
  stats_releases:
    'released statistics are aggregates published to anyone: nothing in them is sealed, and a release needs a finished year of tips',
};

let t: TestDatabase;
let owner: Db;
let app: FastifyInstance;
let keyring: Keyring;
let keyFile: string;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const CASES = '/api/v1/cases';
const SYSTEM = { kind: 'system', label: 'test' } as const;
const quiet = new Writable({ write: (_c, _e, done) => done() });
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  w: Who | undefined,
  payload?: object | string | Buffer,
  headers: Record<string, string> = {},
) {
  const res = await app.inject({
    method,
    url,
    headers: { ...(w ? as(w) : {}), ...headers },
    ...(payload !== undefined ? { payload } : {}),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(400);
  return res;
}
const post = (url: string, w: Who | undefined, payload?: object) => call('POST', url, w, payload);
const json = async <T>(p: Promise<{ json: <U>() => U }>) => (await p).json<T>();

function multipart(field: string, bytes: Buffer, type: string) {
  const boundary = `----beacon${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="upload"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function submitApi(body: object, headers: Record<string, string> = {}): Promise<string> {
  return (await json<{ reference: string }>(call('POST', '/api/v1/reports', undefined, body, headers))).reference;
}

/** Passkeys need a host name, not an address: the test app answers as this site. */
const PASSKEY_ORIGIN = 'https://beacon.example.test';

/** One passkey added through the real ceremony (a software authenticator), and one challenge left unanswered. */
async function passkeys(): Promise<void> {
  const options = await json<{ optionsJSON: Parameters<SoftPasskey['register']>[0] }>(
    post('/api/v1/passkeys/options', who.admin),
  );
  const response = new SoftPasskey(PASSKEY_ORIGIN).register(options.optionsJSON);
  await post('/api/v1/passkeys', who.admin, { name: 'Office key', response });
  await post('/api/v1/passkeys/options', who.operator);
}

async function staffAndDemo(): Promise<void> {
  await fillDemo({ db: t.db, keyring, orgName: 'Test' }, { seed: 11, tips: 12, cases: 4 });
  const staff = [
    ['analyst', 'analyst', ['OK', 'KS', 'TX']],
    ['sup', 'supervisor', []],
    ['cm', 'case_manager', []],
    ['partner', 'partner', []],
    ['operator', 'operator', []],
    ['admin', 'admin', []],
  ] as const;
  for (const [name, role, jurisdictions] of staff) {
    ids[name] = await addStaff(t.db, keyring, role, `${name}@example.test`, [...jurisdictions]);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const okIcac = await t.db.selectFrom('agencies').select('code').where('code', 'like', 'OK-ICAC%').executeTakeFirstOrThrow();
  expect(
    (await addAgencyMember({ db: t.db }, SYSTEM, { staffEmail: 'partner@example.test', agencyCode: okIcac.code })).kind,
  ).toBe('ok');
  // Someone half-way through enrolling an authenticator: the pending secret sits in the session.
  await addStaff(t.db, keyring, 'analyst', 'pending@example.test');
  const login = await post('/api/v1/auth/login', undefined, { email: 'pending@example.test', password: TEST_PASSWORD });
  await call('POST', '/api/v1/auth/totp/enrol', undefined, undefined, {
    cookie: cookieFrom(login),
    'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
  });
}

async function tipsFromEveryChannel(image: Buffer): Promise<Record<string, string>> {
  const refs: Record<string, string> = {};
  const form =
    'incident.description=A+girl+of+about+fifteen+sleeps+in+a+car+behind+the+truck+stop+every+night.&location.city=Tulsa&location.state=OK';
  await call('POST', '/report', undefined, form, { 'content-type': 'application/x-www-form-urlencoded' });
  refs.motel = await submitApi(
    {
      incident: { description: 'A girl about 14 is advertised from the motel on Route 9; the number is 918-555-0147.' },
      location: { city: 'Tulsa', state: 'OK' },
      children: [{ approximateAge: 14, name: 'Coverage Childname' }],
      reporter: { anonymous: false, name: 'Coverage Reporter', phone: '(212) 555-0199' },
    },
    { 'idempotency-key': randomBytes(8).toString('hex') },
  );
  refs.duplicate = await submitApi({
    incident: { description: 'Same motel on Route 9, same girl of about 14, number 918-555-0147 again.' },
    location: { city: 'Tulsa', state: 'OK' },
  });
  refs.closing = await submitApi({
    incident: { description: 'Someone saw a teenager crying at the bus station on Sunday afternoon.' },
    location: { city: 'Wichita', state: 'KS' },
  });

  const { token } = await createApiToken(t.db, SYSTEM, { organisation: 'ExampleChat', scopes: ['esp:report'] });
  const bearer = { authorization: `Bearer ${token}` };
  const esp = await json<{ reportId: string }>(
    call(
      'POST',
      '/api/v1/esp/reports',
      undefined,
      {
        incident: {
          type: 'online_enticement',
          description: 'An adult account offered a 14-year-old user money to meet at a hotel downtown.',
        },
        online: [{ kind: 'social_platform', platform: 'ExampleChat', identifier: 'user-48151623' }],
        children: [{ approximateAge: 14 }],
      },
      bearer,
    ),
  );
  const file = multipart('file', image, 'image/png');
  await call('POST', `/api/v1/esp/reports/${esp.reportId}/files`, undefined, file.payload, { ...bearer, ...file.headers });
  await call('POST', `/api/v1/esp/reports/${esp.reportId}/finish`, undefined, undefined, bearer);

  const drafts = '/api/v1/hotline/drafts';
  const report = {
    incident: {
      type: 'child_sex_trafficking',
      description: 'Caller saw a girl of about 14 taken into a van outside the bus station twice this week.',
    },
    location: { city: 'Wichita', state: 'KS', zip: '67202' },
    children: [{ approximateAge: 14 }],
  };
  const sent = await json<{ id: string }>(
    post(drafts, who.operator, { call: { language: 'en', callerType: 'parent_guardian' } }),
  );
  await call('PUT', `${drafts}/${sent.id}`, who.operator, { version: 1, report });
  await post(`${drafts}/${sent.id}/submit`, who.operator);
  const open = await json<{ id: string }>(post(drafts, who.operator, { call: { language: 'es' } }));
  await call('PUT', `${drafts}/${open.id}`, who.operator, {
    version: 1,
    report: { incident: { description: 'A call still going on.' } },
  });
  return refs;
}

async function adverts(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-adverts-'));
  const ad = (id: string, body: string) =>
    JSON.stringify({
      id,
      site: 'classifieds.example',
      city: 'Tulsa',
      state: 'OK',
      posted_at: '2026-11-20T10:00:00Z',
      title: 'new girl',
      body,
    });
  const first = path.join(dir, 'first.jsonl');
  const second = path.join(dir, 'second.jsonl');
  await writeFile(
    first,
    [
      ad('cov-1', 'call 918 555 0147'),
      ad('cov-2', 'text 918-555-0147'),
      ad('cov-3', 'call 316 555 0111'),
      ad('cov-4', 'text 316-555-0111'),
    ].join('\n'),
  );
  // Joins the two networks above into one, which records a merge.
  await writeFile(second, `${ad('cov-5', 'call 918 555 0147 or 316 555 0111')}\n`);
  for (const input of [first, second])
    await importAdverts(leadsDepsOf({ db: t.db, keyring }), { input, format: 'jsonl', workers: 1, stderr: quiet });
  await call('PUT', '/api/v1/hubs', who.sup, { listed: ['tel:+18005550199'], allowed: [] });
  await post('/api/v1/lexicon/entries', who.analyst, {
    code: 'room-by-hour',
    kind: 'phrase',
    match: 'room by the hour',
    category: 'venue',
  });
}

async function triage(refs: Record<string, string>): Promise<void> {
  const tips = '/api/v1/triage/tips';
  await post(`${tips}/${refs.motel}/notes`, who.analyst, { text: 'Rang the motel desk; the room is booked weekly.' });
  await post(`${tips}/${refs.motel}/merge`, who.analyst, { duplicate: refs.duplicate });
  await post(`${tips}/${refs.closing}/actions`, who.analyst, { action: 'start_review' });
  await post(`${tips}/${refs.closing}/actions`, who.analyst, {
    action: 'request_close',
    reason: 'insufficient_information',
    note: 'Nothing to identify the teenager by.',
  });
  await post(`${tips}/${refs.closing}/actions`, who.sup, { action: 'decide_close', approve: true });
  const agency = await t.db.selectFrom('agencies').select('id').where('code', 'like', 'OK-ICAC%').executeTakeFirstOrThrow();
  const referral = await json<{ reference: string }>(
    post(`${tips}/${refs.motel}/referrals`, who.analyst, {
      agencyId: agency.id,
      summary: 'Advert and tip share the motel number; child about 14.',
    }),
  );
  await post(`/api/v1/referrals/${referral.reference}/acknowledge`, who.partner);
  await post(`/api/v1/referrals/${referral.reference}/outcome`, who.partner, {
    outcome: 'child_located',
    note: "Found safe at an aunt's house.",
  });
  // An agency with nobody on Beacon: the analyst records how the referral was passed on, with a note.
  const offBeacon = await t.db
    .selectFrom('agencies')
    .select('id')
    .where('code', 'not like', 'OK-ICAC%')
    .executeTakeFirstOrThrow();
  const handed = await json<{ reference: string }>(
    post(`${tips}/${refs.motel}/referrals`, who.analyst, {
      agencyId: offBeacon.id,
      summary: 'Passed to the sheriff by phone as well.',
      confirmOutsideJurisdiction: true,
      outsideJurisdictionReason: 'other',
    }),
  );
  await post(`/api/v1/referrals/${handed.reference}/passed-on`, who.analyst, {
    method: 'phone',
    at: new Date(Date.now() - 600_000).toISOString(),
    toRole: 'duty_officer',
    note: 'Read the summary to the duty desk.',
  });
  const rules = (await json<{ current: { sla: object; rules: object[] } }>(call('GET', '/api/v1/triage/rules', who.sup))).current;
  await call('PUT', '/api/v1/triage/rules', who.sup, { note: 'Same rules, saved again', sla: rules.sla, rules: rules.rules });
  const leads = (await json<{ items: { id: number }[] }>(call('GET', '/api/v1/leads', who.analyst))).items;
  expect(leads.length).toBeGreaterThan(0);
  await post(`/api/v1/leads/${leads[0]!.id}/decision`, who.analyst, {
    decision: 'confirm',
    note: 'Same number as the motel tip.',
  });
}

async function cases(refs: Record<string, string>, image: Buffer): Promise<void> {
  await post(`${CASES}/teams`, who.admin, {
    name: 'Coverage team',
    members: [{ userId: ids.cm }, { userId: ids.sup, supervises: true }],
  });
  const made = await json<{ reference: string; version: number }>(
    post(CASES, who.cm, {
      details: {
        identity: { name: 'Odalys Synthetic-Wren', dateOfBirth: '2011-04-02' },
        identifiers: [
          { kind: 'phone', value: '918-555-0147' },
          { kind: 'email', value: 'odalys@example.org' },
        ],
      },
      state: 'OK',
      restricted: true,
      namedUserIds: [ids.sup],
    }),
  );
  const base = `${CASES}/${made.reference}`;
  await post(`${base}/episodes`, who.cm, {
    leftFrom: 'placement',
    knownMissingAt: hoursAgo(30),
    lastSeen: { place: 'Group home on Elm St' },
    circumstances: 'Left after dinner.',
  });
  await post(`${base}/observations`, who.cm, {
    observedAt: hoursAgo(3),
    observer: 'Foster parent',
    source: 'caregiver',
    indicator: 'cash_cards_keys',
    note: 'Hotel key card in a jacket pocket.',
    task: { title: 'Ask about the hotel key card', dueAt: hoursAgo(-12) },
  });
  // Linking needs the tip in reach too: a case manager reaches no tips, the team's supervisor does.
  await post(`${base}/links`, who.sup, { kind: 'tip', reference: refs.motel, reason: 'Same motel and description' });
  await post(`${base}/notes`, who.cm, { text: 'Spoke with the foster parent.' });
  await post(`${CASES}/saved-filters`, who.cm, { name: 'Odalys in Oklahoma', filter: { name: 'Odalys', state: 'OK' } });
  const photo = multipart('photo', image, 'image/png');
  await call('POST', `${base}/photos`, who.cm, photo.payload, photo.headers);
  await post(`${base}/poster-request`, who.cm, {});
  const current = await json<{ version: number }>(call('GET', base, who.cm));
  await post(`${base}/poster-approval`, who.sup, { version: current.version });

  const closing = await json<{ reference: string; version: number }>(
    post(CASES, who.cm, { details: { identity: { name: 'Brisa Synthetic-Lowe' } }, state: 'KS' }),
  );
  const asked = await json<{ version: number }>(
    post(`${CASES}/${closing.reference}/close-request`, who.cm, {
      version: closing.version,
      reason: 'returned_home',
      note: 'Home and settled.',
    }),
  );
  await post(`${CASES}/${closing.reference}/close-approve`, who.sup, { version: asked.version });
}

beforeAll(async () => {
  t = await createTestDatabase();
  owner = kyselyFor<Database>(createPool(t.ownerUrl, 2));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-coverage-'));
  ({ app, keyring, keyFile } = await testApp(t, { BEACON_DATA_DIR: dataDir, BEACON_PUBLIC_URL: PASSKEY_ORIGIN }));
  const image = await sharp({
    create: { width: 96, height: 96, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .png()
    .toBuffer();
  await staffAndDemo();
  await passkeys();
  // A reset waiting for a second admin (only ids and times: nothing sealed).
  await post(`/api/v1/admin/staff/${ids.operator}/reset-requests`, who.admin, { kind: 'password' });
  const refs = await tipsFromEveryChannel(image);
  await adverts();
  while ((await analysePending(analysisDepsOf({ db: t.db, keyring }))) > 0) {
    /* every tip triaged */
  }
  await triage(refs);
  await cases(refs, image);
}, 120_000);
afterAll(async () => {
  await app.close();
  await owner.destroy();
  await t.close();
});

describe('key rotation covers every sealed column', () => {
  it('has a row in every table, or the table is named with a reason', async () => {
    const tables = await sql<{ table: string }>`
      select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(owner);
    const empty: string[] = [];
    for (const { table } of tables.rows) {
      const any = await sql`select 1 from ${sql.table(table)} limit 1`.execute(owner);
      if (any.rows.length === 0) empty.push(table);
    }
    expect(empty.filter((name) => !(name in NOT_FILLED))).toEqual([]);
    expect(Object.keys(NOT_FILLED).filter((name) => !empty.includes(name))).toEqual([]);
  });

  it('finds ciphertext, by its content, only in columns key rotation re-encrypts', async () => {
    const uses = await ciphertextUses(owner, keyring.keyIds, await textColumns(owner));
    const found = [...new Set(uses.map((u) => `${u.table}.${u.column}`))].sort();
    const listed = allSealedColumns.map((c) => `${c.table}.${c.column}`);
    expect(found.filter((c) => !listed.includes(c))).toEqual([]);
    // And the fill reached every listed column, so the check above saw real values.
    expect(listed.filter((c) => !found.includes(c))).toEqual([]);
  });

  it('leaves no value under a retired key after a rotation', async () => {
    const oldKeys = keyring.keyIds;
    const result = await rotateKeys(
      { db: t.db, keyring, keyFile },
      { columns: allSealedColumns, retire: true, propagationMs: 0 },
    );
    expect(result.kept).toEqual([]);
    expect(result.retired).toEqual(oldKeys);
    expect(await ciphertextUses(owner, oldKeys, await textColumns(owner))).toEqual([]);
  });
});
