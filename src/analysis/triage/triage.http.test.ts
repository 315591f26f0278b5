import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../../test/staff.ts';
import type { Keyring } from '../../security/index.ts';
import { demoAgencies, importAgencies, toAgencyCsv } from '../agencies/index.ts';
import { analysePending } from '../analyser.ts';
import { analysisDepsOf } from '../index.ts';
import { importAdverts } from '../../leads/index.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { leadsDepsOf } from '../../modules.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const post = (url: string, w: Who, payload?: object) =>
  app.inject({ method: 'POST', url, headers: as(w), ...(payload ? { payload } : {}) });
const auditCount = async (action: string, id: string) =>
  (await t.db.selectFrom('audit_entries').select('action').where('action', '=', action).where('target_id', '=', id).execute())
    .length;

async function submit(body: object): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}
const analyse = () => analysePending(analysisDepsOf({ db: t.db, keyring }));

const refs: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  keyring = built.keyring;
  for (const [name, role] of [
    ['analyst', 'analyst'],
    ['sup', 'supervisor'],
    ['partnerOk', 'partner'],
    ['partnerTx', 'partner'],
  ] as const) {
    ids[name] = await addStaff(t.db, keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const imported = await importAgencies({ db: t.db }, { kind: 'system', label: 'test' }, toAgencyCsv(demoAgencies()), {
    dryRun: false,
  });
  expect(imported.kind).toBe('ok');
  const agency = async (code: string) =>
    (await t.db.selectFrom('agencies').select('id').where('code', 'like', code).executeTakeFirstOrThrow()).id;
  ids.okAgency = await agency('OK-ICAC%');
  await t.db
    .insertInto('agency_members')
    .values([
      { staff_id: ids.partnerOk!, agency_id: ids.okAgency },
      { staff_id: ids.partnerTx!, agency_id: await agency('TX-ICAC%') },
    ])
    .execute();

  refs.quiet = await submit({
    incident: { description: 'A teenager was seen getting into different cars outside the diner on weekends last spring.' },
    location: { city: 'Amarillo', state: 'TX' },
    children: [{ approximateAge: 16 }],
  });
  refs.disguised = await submit({
    incident: {
      description: 'The advert says to text four oh five, 555 - zero one three four for a "new girl". She looks about 15.',
    },
    location: { city: 'Tulsa', state: 'OK' },
    children: [{ approximateAge: 15, name: 'Jaylynn Morales' }],
  });
  refs.urgent = await submit({
    incident: {
      description: 'A girl about 11 is being kept in room 12 at the motel; the man answers 405.555.0134.',
      escalationReason: 'She is in the room right now and he said they leave tonight.',
    },
    location: { city: 'Tulsa', state: 'OK' },
    children: [{ approximateAge: 11, name: 'Jaylyn Moralez' }],
    reporter: { anonymous: false, name: 'Corvina Testwell', phone: '(212) 555-0199', consentToContact: true },
  });
  expect(await analyse()).toBe(3);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the triage queue', () => {
  it('puts the urgent tip first, with the rules that fired and why', async () => {
    const res = await get('/api/v1/triage/queue', who.analyst!);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { reference: string; priority: string; reasons: { code: string; because: string }[] }[] }>()
      .items;
    expect(items.map((i) => i.reference)).toEqual([refs.urgent, refs.disguised, refs.quiet]);
    expect(items[0]!.priority).toBe('immediate');
    expect(items[0]!.reasons.map((r) => r.code)).toEqual([
      'escalation_statement',
      'danger_now',
      'young_child',
      'repeated_reports',
    ]);
    expect(items[2]!.priority).toBe('routine');
    expect(items[2]!.reasons).toEqual([]);
  });

  it('raised the earlier tip when a later one shared its disguised number', async () => {
    const res = await get(`/api/v1/triage/tips/${refs.disguised}`, who.analyst!);
    const bench = res.json<{
      fired: { code: string }[];
      identifiers: { kind: string; value: string; obfuscated: boolean }[];
      linkedTips: { reference: string; shared: { value: string }[] }[];
    }>();
    expect(bench.identifiers).toContainEqual({ kind: 'phone', value: '+14055550134', obfuscated: true });
    expect(bench.fired.map((f) => f.code)).toContain('repeated_reports');
    expect(bench.linkedTips).toEqual([
      expect.objectContaining({ reference: refs.urgent, shared: [{ kind: 'phone', value: '+14055550134' }] }),
    ]);
  });

  it("marks identifiers in the tip's own words and proposes the likely duplicate", async () => {
    const res = await get(`/api/v1/triage/tips/${refs.urgent}`, who.analyst!);
    const bench = res.json<{
      highlights: { field: string; text: string; marks: { span: { start: number; end: number }; kind: string }[] }[];
      duplicates: { reference: string; nameSimilarity: number }[];
    }>();
    const description = bench.highlights.find((h) => h.field === 'incident.description')!;
    const phone = description.marks.find((m) => m.kind === 'phone')!;
    expect(description.text.slice(phone.span.start, phone.span.end)).toBe('405.555.0134');
    expect(bench.duplicates.map((d) => d.reference)).toEqual([refs.disguised]);
    expect(await auditCount('tip.triage_read', refs.urgent!)).toBeGreaterThan(0);
  });

  it('pages by cursor without repeating or skipping', async () => {
    const first = (await get('/api/v1/triage/queue?limit=2', who.analyst!)).json<{
      items: { reference: string }[];
      nextCursor: string;
    }>();
    const second = (await get(`/api/v1/triage/queue?limit=2&cursor=${first.nextCursor}`, who.analyst!)).json<{
      items: { reference: string }[];
      nextCursor: null;
    }>();
    expect([...first.items, ...second.items].map((i) => i.reference)).toEqual([refs.urgent, refs.disguised, refs.quiet]);
    expect(second.nextCursor).toBeNull();
    expect((await get('/api/v1/triage/queue?cursor=nonsense', who.analyst!)).statusCode).toBe(400);
  });

  it('keeps partners out of the queue and of tips not referred to them, and records the attempt', async () => {
    expect((await get('/api/v1/triage/queue', who.partnerOk!)).statusCode).toBe(403);
    expect((await get(`/api/v1/reports/${refs.quiet}`, who.partnerOk!)).statusCode).toBe(404);
    expect(await auditCount('report.read_denied', refs.quiet!)).toBe(1);
  });
});

describe('referral', () => {
  let referral = '';

  it("proposes the agencies covering the tip's place, most specific first", async () => {
    const res = await get(`/api/v1/triage/tips/${refs.urgent}/agencies`, who.analyst!);
    const items = res.json<{ items: { id: string; name: string; reason: string }[] }>().items;
    expect(items.length).toBeGreaterThan(1);
    expect(items[0]!.reason).toMatch(/Tulsa/);
    expect(items.some((i) => i.id === ids.okAgency)).toBe(true);
  });

  it('refuses a referral to an unknown agency and leaves nothing behind', async () => {
    const res = await post(`/api/v1/triage/tips/${refs.urgent}/referrals`, who.analyst!, {
      agencyId: '00000000-0000-4000-8000-000000000000',
      summary: 'Child in immediate danger at the motel.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors[0].path).toBe('agencyId');
    expect(await t.db.selectFrom('referrals').select('id').execute()).toEqual([]);
    const short = await post(`/api/v1/triage/tips/${refs.urgent}/referrals`, who.analyst!, {
      agencyId: ids.okAgency,
      summary: 'x',
    });
    expect(short.json().error.errors[0].path).toBe('summary');
  });

  it('refers with one action; the tip leaves the open queue', async () => {
    const res = await post(`/api/v1/triage/tips/${refs.urgent}/referrals`, who.analyst!, {
      agencyId: ids.okAgency,
      summary: 'Child in immediate danger at the motel; number matches an earlier tip.',
    });
    expect(res.statusCode, res.body).toBe(201);
    referral = res.json<{ reference: string }>().reference;
    expect(referral).toMatch(/^REF-\d{4}-\d{6}$/);
    const open = (await get('/api/v1/triage/queue', who.analyst!))
      .json<{ items: { reference: string }[] }>()
      .items.map((i) => i.reference);
    expect(open).not.toContain(refs.urgent);
    const referred = (await get('/api/v1/triage/queue?view=referred', who.analyst!))
      .json<{ items: { reference: string }[] }>()
      .items.map((i) => i.reference);
    expect(referred).toEqual([refs.urgent]);
  });

  it("shows the partner only its own agency's referral, with a lead package PDF", async () => {
    const inbox = (await get('/api/v1/referrals', who.partnerOk!)).json<{
      items: { reference: string; tipReference: string }[];
    }>().items;
    expect(inbox.map((i) => i.reference)).toEqual([referral]);
    expect((await get('/api/v1/referrals', who.partnerTx!)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await get(`/api/v1/referrals/${referral}`, who.partnerTx!)).statusCode).toBe(404);
    expect(await auditCount('referral.read_denied', referral)).toBe(1);
    const pdf = await get(`/api/v1/referrals/${referral}/package?format=pdf`, who.partnerOk!);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const json = (await get(`/api/v1/referrals/${referral}/package?format=json`, who.partnerOk!)).json<{
      identifiers?: { value: string }[];
      package?: { identifiers: { value: string }[] };
    }>();
    expect(JSON.stringify(json)).toContain('+14055550134');
    // The reporter stays with the clearinghouse, and never links tips.
    expect(JSON.stringify(json)).not.toContain('Corvina');
    expect(JSON.stringify(json)).not.toContain('2125550199');
  });

  it("takes the partner's acknowledgement and outcome, which the analyst then sees", async () => {
    expect((await post(`/api/v1/referrals/${referral}/acknowledge`, who.partnerTx!)).statusCode).toBe(404);
    expect((await post(`/api/v1/referrals/${referral}/acknowledge`, who.partnerOk!)).json()).toEqual({ status: 'acknowledged' });
    const bad = await post(`/api/v1/referrals/${referral}/outcome`, who.partnerOk!, { outcome: 'arrested_everyone' });
    expect(bad.json().error.errors[0].path).toBe('outcome');
    const out = await post(`/api/v1/referrals/${referral}/outcome`, who.partnerOk!, {
      outcome: 'child_located',
      note: 'Child found safe and placed with relatives.',
    });
    expect(out.json()).toEqual({ status: 'outcome_reported' });
    const seen = (await get(`/api/v1/referrals?tip=${refs.urgent}`, who.analyst!)).json<{
      items: { outcome: string; outcomeNote: string }[];
    }>().items;
    expect(seen).toEqual([
      expect.objectContaining({ outcome: 'child_located', outcomeNote: 'Child found safe and placed with relatives.' }),
    ]);
  });
});

describe('workflow', () => {
  it("sends an analyst's closure to a supervisor, who approves it", async () => {
    const start = await post(`/api/v1/triage/tips/${refs.quiet}/actions`, who.analyst!, { action: 'start_review' });
    expect(start.json()).toEqual({ status: 'in_review' });
    const bad = await post(`/api/v1/triage/tips/${refs.quiet}/actions`, who.analyst!, {
      action: 'request_close',
      reason: 'boring',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.errors[0].path).toBe('reason');
    const req = await post(`/api/v1/triage/tips/${refs.quiet}/actions`, who.analyst!, {
      action: 'request_close',
      reason: 'insufficient_information',
      note: 'No way to identify the child.',
    });
    expect(req.json()).toEqual({ status: 'closing_requested' });
    expect(
      (await post(`/api/v1/triage/tips/${refs.quiet}/actions`, who.analyst!, { action: 'decide_close', approve: true }))
        .statusCode,
    ).toBe(409);
    expect(
      (await post(`/api/v1/triage/tips/${refs.quiet}/actions`, who.sup!, { action: 'decide_close', approve: true })).json(),
    ).toEqual({ status: 'closed' });
    expect(await auditCount('tip.decide_close', refs.quiet!)).toBe(1);
  });

  it('merges a duplicate keeping both, and undoes it', async () => {
    const merged = await post(`/api/v1/triage/tips/${refs.urgent}/merge`, who.analyst!, { duplicate: refs.disguised });
    expect(merged.statusCode, merged.body).toBe(200);
    const dup = (await get(`/api/v1/triage/tips/${refs.disguised}`, who.analyst!)).json<{ status: string; mergedInto: string }>();
    expect(dup).toMatchObject({ status: 'merged', mergedInto: refs.urgent });
    expect((await post(`/api/v1/triage/tips/${refs.urgent}/merge`, who.analyst!, { duplicate: refs.disguised })).statusCode).toBe(
      409,
    );
    const undone = await app.inject({
      method: 'DELETE',
      url: `/api/v1/triage/tips/${refs.disguised}/merge`,
      headers: as(who.analyst!),
    });
    expect(undone.statusCode).toBe(200);
    expect(
      (await get(`/api/v1/triage/tips/${refs.disguised}`, who.analyst!)).json<{ status: string; mergedInto: null }>(),
    ).toMatchObject({ status: 'new', mergedInto: null });
  });

  it('keeps notes encrypted at rest', async () => {
    await post(`/api/v1/triage/tips/${refs.disguised}/notes`, who.analyst!, {
      text: 'Called the Tulsa desk about the Quillbright advert.',
    });
    const rows = await t.db.selectFrom('tip_notes').select('body_enc').execute();
    expect(rows[0]!.body_enc).not.toContain('Quillbright');
    const bench = (await get(`/api/v1/triage/tips/${refs.disguised}`, who.analyst!)).json<{ notes: { text: string }[] }>();
    expect(bench.notes.map((n) => n.text)).toEqual(['Called the Tulsa desk about the Quillbright advert.']);
  });

  it('lets a supervisor version the rules, naming a bad field', async () => {
    const current = (await get('/api/v1/triage/rules', who.sup!)).json<{
      current: { version: number; sla: object; rules: { code: string; threshold?: number }[] };
    }>().current;
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/triage/rules',
      headers: as(who.sup!),
      payload: { sla: current.sla, rules: [{ ...current.rules[0], priority: 'highest' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.errors[0].path).toBe('rules.0.priority');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/v1/triage/rules',
          headers: as(who.analyst!),
          payload: { sla: current.sla, rules: current.rules },
        })
      ).statusCode,
    ).toBe(403);
    const rules = current.rules.map((r) => (r.code === 'young_child' ? { ...r, threshold: 17 } : r));
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/v1/triage/rules',
      headers: as(who.sup!),
      payload: { note: 'All children count as young for a week', sla: current.sla, rules },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(current.version + 1);
    const later = await submit({
      incident: { description: 'A sixteen year old is advertised on a classifieds site with the same photos.' },
      location: { state: 'TX' },
      children: [{ approximateAge: 16 }],
    });
    await analyse();
    const bench = (await get(`/api/v1/triage/tips/${later}`, who.analyst!)).json<{
      rulesVersion: number;
      fired: { code: string }[];
    }>();
    expect(bench.rulesVersion).toBe(current.version + 1);
    expect(bench.fired.map((f) => f.code)).toEqual(['young_child']);
  });

  it('links a new tip to an advert holding its number, and raises a lead at once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-adverts-'));
    const file = path.join(dir, 'ads.jsonl');
    await writeFile(
      file,
      `${JSON.stringify({ id: 'ad-77', site: 'classifieds.example', city: 'Wichita', state: 'KS', posted_at: '2026-11-20T10:00:00Z', title: 'new in town', body: 'text 3l6 five five five 0 one 4 2' })}\n`,
    );
    await importAdverts(leadsDepsOf({ db: t.db, keyring }), {
      input: file,
      format: 'jsonl',
      workers: 1,
      stderr: new Writable({ write: (_c, _e, done) => done() }),
    });
    const tip = await submit({
      incident: { description: 'A girl who says she is 14 is advertised; the number is 316-555-0142.' },
      location: { city: 'Wichita', state: 'KS' },
    });
    await analyse();
    const bench = (await get(`/api/v1/triage/tips/${tip}`, who.analyst!)).json<{
      linkedAdverts: { sourceId: string; shared: { kind: string; value: string }[] }[];
    }>();
    expect(bench.linkedAdverts).toEqual([
      expect.objectContaining({ sourceId: 'ad-77', shared: [{ kind: 'phone', value: '+13165550142' }] }),
    ]);
    const leads = await t.db.selectFrom('leads').select(['target_kind', 'target_ref', 'matched_value']).execute();
    expect(leads).toContainEqual({ target_kind: 'tip', target_ref: tip, matched_value: '+13165550142' });
  });

  it('closes spam in bulk with an outcome per tip', async () => {
    const spam = await submit({
      incident: { description: 'buy cheap followers now at the best price online today' },
      location: { state: 'CA' },
    });
    await analyse();
    const res = await post('/api/v1/triage/bulk-close', who.sup!, { references: [spam, refs.quiet], reason: 'spam' });
    expect(res.json().results).toEqual([
      { reference: spam, outcome: 'ok', status: 'closed', message: null },
      { reference: refs.quiet, outcome: 'not_allowed', status: null, message: 'Only an open tip can be closed.' },
    ]);
  });
});
