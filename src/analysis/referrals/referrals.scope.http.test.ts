import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { pdfPageTexts } from '../../../test/pdf.ts';
import { addStaff, as, signIn, type Who } from '../../../test/staff.ts';
import { open, type Keyring } from '../../security/index.ts';
import { demoAgencies, importAgencies, toAgencyCsv } from '../agencies/index.ts';
import { analysePending } from '../analyser.ts';
import { analysisDepsOf } from '../index.ts';
import { referralPackage } from '../analysis.sealed.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const refs: Record<string, string> = {};
const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const post = (url: string, w: Who, payload?: object) =>
  app.inject({ method: 'POST', url, headers: as(w), ...(payload ? { payload } : {}) });
const auditOf = (action: string, id: string) =>
  t.db
    .selectFrom('audit_entries')
    .select(['action', 'details'])
    .where('action', '=', action)
    .where('target_id', '=', id)
    .execute();
type ReferralItem = { reference: string; tipReference: string; outcomeNote: string | null; outsideJurisdiction: string | null };
const listed = async (url: string, w: Who) => (await get(url, w)).json<{ items: ReferralItem[] }>().items;

async function submit(body: object): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}

async function openCase(phone: string, restricted: boolean): Promise<string> {
  const res = await post('/api/v1/cases', who.cm!, {
    details: { identity: { name: 'Quillon Synthetic-Vale' }, identifiers: [{ kind: 'phone', value: phone }] },
    state: 'OK',
    restricted,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}

async function refer(tip: string, w: Who, agencyId: string, extra: object = {}): Promise<string> {
  const res = await post(`/api/v1/triage/tips/${tip}/referrals`, w, {
    agencyId,
    summary: 'Synthetic summary: please look into the motel.',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}

const pdfText = async (bytes: Uint8Array) => (await pdfPageTexts(bytes)).join('\n');

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  keyring = built.keyring;
  const staff = [
    ['analyst', 'analyst', []],
    ['analystOk', 'analyst', ['OK']],
    ['supOk', 'supervisor', ['OK']],
    ['partnerOk', 'partner', []],
    ['partnerTx', 'partner', []],
    ['cm', 'case_manager', []],
  ] as const;
  for (const [name, role, states] of staff) {
    ids[name] = await addStaff(t.db, keyring, role, `${name}@example.test`, [...states]);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const imported = await importAgencies({ db: t.db }, { kind: 'system', label: 'test' }, toAgencyCsv(demoAgencies()), {
    dryRun: false,
  });
  expect(imported.kind).toBe('ok');
  const agency = async (code: string) =>
    (await t.db.selectFrom('agencies').select('id').where('code', 'like', code).executeTakeFirstOrThrow()).id;
  ids.okAgency = await agency('OK-ICAC%');
  ids.txAgency = await agency('TX-ICAC%');
  await t.db
    .insertInto('agency_members')
    .values([
      { staff_id: ids.partnerOk!, agency_id: ids.okAgency },
      { staff_id: ids.partnerTx!, agency_id: ids.txAgency },
    ])
    .execute();

  refs.restrictedCase = await openCase('+1 405 555 0177', true);
  refs.openCase = await openCase('+1 405 555 0188', false);
  refs.tipOk = await submit({
    incident: {
      description: 'A girl about 14 is kept at the motel on Route 66; call 405-555-0177 or 405-555-0188 to reach the man.',
    },
    location: { city: 'Tulsa', state: 'OK' },
    children: [{ approximateAge: 14 }],
  });
  refs.tipTx = await submit({
    incident: { description: 'A teenager is being sold at a truck stop outside Amarillo, every weekend.' },
    location: { city: 'Amarillo', state: 'TX' },
    children: [{ approximateAge: 16 }],
  });
  expect(await analysePending(analysisDepsOf({ db: t.db, keyring }))).toBe(2);

  refs.okReferral = await refer(refs.tipOk!, who.analyst!, ids.okAgency!);
  refs.txReferral = await refer(refs.tipTx!, who.analyst!, ids.txAgency!);
  for (const [referral, partner, note] of [
    [refs.okReferral!, who.partnerOk!, 'Synthetic note: Tulsa child located.'],
    [refs.txReferral!, who.partnerTx!, 'Synthetic note: Amarillo child located.'],
  ] as const) {
    expect((await post(`/api/v1/referrals/${referral}/outcome`, partner, { outcome: 'child_located', note })).statusCode).toBe(
      200,
    );
  }
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('Referrals ignore jurisdiction', () => {
  it('lists to a supervisor or analyst limited to OK only the referrals of OK tips, outcome notes included only for those', async () => {
    for (const w of [who.supOk!, who.analystOk!]) {
      const res = await get('/api/v1/referrals', w);
      expect(res.statusCode).toBe(200);
      expect(res.json<{ items: ReferralItem[] }>().items.map((i) => i.reference)).toEqual([refs.okReferral!]);
      expect(res.body).toContain('Tulsa child located');
      expect(res.body).not.toContain('Amarillo');
      expect(await listed(`/api/v1/referrals?tip=${refs.tipTx!}`, w)).toEqual([]);
    }
    expect((await listed('/api/v1/referrals', who.analyst!)).map((i) => i.reference).sort()).toEqual(
      [refs.okReferral!, refs.txReferral!].sort(),
    );
  });

  it("answers 404 to an OK supervisor or analyst for a TX tip's referral and its package, and still serves OK's", async () => {
    for (const w of [who.supOk!, who.analystOk!]) {
      expect((await get(`/api/v1/referrals/${refs.txReferral!}`, w)).statusCode).toBe(404);
      for (const format of ['pdf', 'json', 'xml'])
        expect((await get(`/api/v1/referrals/${refs.txReferral!}/package?format=${format}`, w)).statusCode).toBe(404);
      expect((await get(`/api/v1/referrals/${refs.okReferral!}`, w)).statusCode).toBe(200);
      expect((await get(`/api/v1/referrals/${refs.okReferral!}/package?format=pdf`, w)).statusCode).toBe(200);
    }
    expect((await auditOf('referral.read_denied', refs.txReferral!)).length).toBe(8);
  });

  it("keeps partners to their own agency's referrals", async () => {
    expect((await listed('/api/v1/referrals', who.partnerOk!)).map((i) => i.reference)).toEqual([refs.okReferral!]);
    expect((await listed('/api/v1/referrals', who.partnerTx!)).map((i) => i.reference)).toEqual([refs.txReferral!]);
    expect((await get(`/api/v1/referrals/${refs.txReferral!}`, who.partnerOk!)).statusCode).toBe(404);
    expect((await get(`/api/v1/referrals/${refs.txReferral!}/package?format=json`, who.partnerTx!)).statusCode).toBe(200);
  });
});

describe('Restricted cases leak by reference (lead package)', () => {
  it('names no case the referring analyst cannot read, in the stored package, the JSON, the XML or the PDF; says whom to ask', async () => {
    const referral = await refer(refs.tipOk!, who.analystOk!, ids.okAgency!);
    const row = await t.db
      .selectFrom('referrals')
      .select('package_enc')
      .where('reference', '=', referral)
      .executeTakeFirstOrThrow();
    const stored = open(keyring, referralPackage, row.package_enc);
    const files = await Promise.all(
      ['json', 'xml'].map(
        async (format) => (await get(`/api/v1/referrals/${referral}/package?format=${format}`, who.partnerOk!)).body,
      ),
    );
    const pdf = await pdfText((await get(`/api/v1/referrals/${referral}/package?format=pdf`, who.partnerOk!)).rawPayload);
    for (const text of [JSON.stringify(stored), ...files, pdf]) {
      expect(text).not.toContain(refs.restrictedCase!);
      expect(text).toContain(refs.openCase!);
      expect(text).toContain('supervisor');
      expect(text).not.toContain('cm@example.test');
    }
    expect(stored.linkedItems.filter((l) => l.kind === 'case')).toEqual([
      { kind: 'case', reference: refs.openCase!, reason: expect.any(String) as string },
      { kind: 'case', reason: expect.stringContaining('ask a supervisor') as string },
    ]);
    const pages = await pdfText((await get(`/api/v1/referrals/${referral}/package?format=pdf`, who.analystOk!)).rawPayload);
    expect(pages).not.toContain(refs.restrictedCase!);
  });
});

describe('An analyst can choose any agency for a referral', () => {
  it("refuses an agency that does not cover the tip's place without a confirmation, and writes nothing", async () => {
    const before = await t.db.selectFrom('referrals').select('id').execute();
    const res = await post(`/api/v1/triage/tips/${refs.tipOk!}/referrals`, who.analyst!, {
      agencyId: ids.txAgency,
      summary: 'Synthetic summary: the man drives to Texas.',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { code: string; errors: { path: string; message: string }[] } }>().error).toMatchObject({
      code: 'outside_jurisdiction',
      errors: [{ path: 'confirmOutsideJurisdiction' }],
    });
    const half = await post(`/api/v1/triage/tips/${refs.tipOk!}/referrals`, who.analyst!, {
      agencyId: ids.txAgency,
      summary: 'Synthetic summary: the man drives to Texas.',
      confirmOutsideJurisdiction: true,
    });
    expect(half.statusCode).toBe(400);
    expect(JSON.stringify(half.json())).toContain('outsideJurisdictionReason');
    expect(await t.db.selectFrom('referrals').select('id').execute()).toHaveLength(before.length);
  });

  it('accepts it with the confirmation and a reason, recorded on the referral and in the audit entry', async () => {
    const referral = await refer(refs.tipOk!, who.analyst!, ids.txAgency!, {
      confirmOutsideJurisdiction: true,
      outsideJurisdictionReason: 'person_there',
    });
    const audit = await auditOf('referral.sent', referral);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ outsideJurisdiction: 'person_there' });
    const item = (await listed(`/api/v1/referrals?tip=${refs.tipOk!}`, who.analyst!)).find((i) => i.reference === referral);
    expect(item?.outsideJurisdiction).toBe('person_there');
    const covered = (await listed(`/api/v1/referrals?tip=${refs.tipOk!}`, who.analyst!)).find(
      (i) => i.reference === refs.okReferral!,
    );
    expect(covered?.outsideJurisdiction).toBeNull();
    expect((await auditOf('referral.sent', refs.okReferral!))[0]!.details).toMatchObject({ outsideJurisdiction: null });
  });
});

describe('Referring to an agency with no users', () => {
  type Item = ReferralItem & {
    status: string;
    overdue: boolean;
    agency: { phone: string | null; email: string | null; onBeacon: boolean };
    passedOn: { method: string; toRole: string; note: string | null } | null;
  };
  const offBeacon = async () => {
    const proposals = (await get(`/api/v1/triage/tips/${refs.tipOk!}/agencies`, who.analyst!)).json<{ items: { id: string }[] }>()
      .items;
    return proposals.find((p) => p.id !== ids.okAgency)!.id;
  };
  const itemOf = async (reference: string) =>
    ((await listed(`/api/v1/referrals?tip=${refs.tipOk!}`, who.analyst!)) as Item[]).find((i) => i.reference === reference)!;

  it('says the agency is not on Beacon and gives its phone and email from the directory', async () => {
    const referral = await refer(refs.tipOk!, who.analyst!, await offBeacon());
    const item = await itemOf(referral);
    expect(item.agency.onBeacon).toBe(false);
    expect(item.agency.phone ?? item.agency.email).toBeTruthy();
    expect((await itemOf(refs.okReferral!)).agency.onBeacon).toBe(true);
  });

  it('lets the analyst record how it was passed on: audited, shown on the referral, no longer waiting for an acknowledgement', async () => {
    const referral = await refer(refs.tipOk!, who.analyst!, await offBeacon());
    await t.db
      .updateTable('referrals')
      .set({ acknowledge_by: new Date(Date.now() - 60_000) })
      .where('reference', '=', referral)
      .execute();
    expect((await itemOf(referral)).overdue).toBe(true);
    const url = `/api/v1/referrals/${referral}/passed-on`;
    const body = {
      method: 'phone',
      at: new Date(Date.now() - 600_000).toISOString(),
      toRole: 'duty_officer',
      note: 'Synthetic note: read the summary to the duty desk.',
    };
    expect((await post(url, who.partnerOk!, body)).statusCode).toBe(403);
    const bad = await post(url, who.analyst!, { ...body, method: 'carrier_pigeon' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('method');
    expect((await post(url, who.analyst!, body)).statusCode).toBe(200);
    const item = await itemOf(referral);
    expect(item).toMatchObject({
      status: 'passed_on',
      overdue: false,
      passedOn: { method: 'phone', toRole: 'duty_officer', note: body.note },
    });
    const audit = await auditOf('referral.passed_on', referral);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain('Synthetic note');
    expect((await post(`/api/v1/referrals/${refs.okReferral!}/passed-on`, who.analyst!, body)).statusCode).toBe(409);
    expect((await post(`/api/v1/referrals/${refs.txReferral!}/passed-on`, who.analystOk!, body)).statusCode).toBe(404);
  });
});

describe("Analysts see the partner's Acknowledge/Outcome buttons", () => {
  it('sends each signed-in user the permissions the screens decide by', async () => {
    const permissionsOf = async (w: Who) =>
      (await get('/api/v1/auth/session', w)).json<{ user: { permissions: string[] } }>().user.permissions;
    const analyst = await permissionsOf(who.analyst!);
    expect(analyst).toEqual(expect.arrayContaining(['referral.send', 'referral.track']));
    expect(analyst).not.toContain('referral.receive');
    expect(await permissionsOf(who.partnerOk!)).toEqual(['report.read', 'referral.receive']);
  });
});

describe('OpenAPI', () => {
  it('describes the passed-on route with its body', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<
        string,
        { post?: { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } } }
      >;
    }>();
    const body = spec.paths['/api/v1/referrals/{reference}/passed-on']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(body?.properties ?? {})).toEqual(expect.arrayContaining(['method', 'at', 'toRole', 'note']));
  });
});
