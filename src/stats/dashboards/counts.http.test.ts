import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../../test/staff.ts';
import { analysePending, analysisDepsOf, demoAgencies, importAgencies, toAgencyCsv } from '../../analysis/index.ts';
import { ageBandOf, missingEpisodeCounts } from '../../cases/index.ts';
import { tipMonthCounts } from '../../intake/index.ts';
import { statsCountSources } from '../../modules.ts';
import type { Keyring } from '../../security/index.ts';
import { refreshRollups } from '../index.ts';
import { percentile } from './sections.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
const who: Record<string, Who> = {};
const HOUR = 3_600_000;
const now = new Date();
const month = now.toISOString().slice(0, 7);
const post = (url: string, w: Who, payload: object) => app.inject({ method: 'POST', url, headers: as(w), payload });
type Board = {
  refreshedAt: string;
  sections: { id: string; summary: string; columns: string[]; rows: (string | number)[][]; svg: string }[];
};
const board = async (query = '') => {
  const res = await app.inject({ method: 'GET', url: `/api/v1/stats/dashboard?to=${month}${query}`, headers: as(who.sup!) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Board>();
};
const section = (b: Board, id: string) => b.sections.find((s) => s.id === id)!;
const sources = () => ({ tipMonthCounts, missingEpisodeCounts, counts: statsCountSources(keyring) });
const yearsAgo = (years: number, days = 0) =>
  new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate() - days)).toISOString().slice(0, 10);

async function openCase(identity: object, state = 'OK'): Promise<string> {
  const res = await post('/api/v1/cases', who.cm!, { details: { identity: { name: 'Synthetic Child', ...identity } }, state });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}

async function referTip(state: string, agencyId: string, hoursAfterTip: number, overdue = false): Promise<void> {
  const tip = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: {
      incident: { description: `A synthetic tip about a teenager sold near a truck stop in ${state}.` },
      location: { state },
    },
  });
  expect(tip.statusCode, tip.body).toBe(201);
  const reference = tip.json<{ reference: string }>().reference;
  await analysePending(analysisDepsOf({ db: t.db, keyring }));
  const sent = await post(`/api/v1/triage/tips/${reference}/referrals`, who.analyst!, {
    agencyId,
    summary: 'Synthetic summary.',
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const id = (await t.db.selectFrom('reports').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
  const sentAt = new Date(now.getTime() - 2 * HOUR);
  await t.db
    .updateTable('tip_triage')
    .set({ received_at: new Date(sentAt.getTime() - hoursAfterTip * HOUR) })
    .where('report_id', '=', id)
    .execute();
  await t.db
    .updateTable('referrals')
    .set({ sent_at: sentAt, acknowledge_by: new Date(now.getTime() + (overdue ? -HOUR : 48 * HOUR)) })
    .where('report_id', '=', id)
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
  ({ app, keyring } = await testApp(t));
  for (const [name, role] of [
    ['sup', 'supervisor'],
    ['cm', 'case_manager'],
    ['analyst', 'analyst'],
  ] as const) {
    await addStaff(t.db, keyring, role, `counts-${name}@example.test`);
    who[name] = await signIn(app, `counts-${name}@example.test`);
  }
  const imported = await importAgencies({ db: t.db }, { kind: 'system', label: 'test' }, toAgencyCsv(demoAgencies()), {
    dryRun: false,
  });
  expect(imported.kind).toBe('ok');
  const agency = async (code: string) =>
    (await t.db.selectFrom('agencies').select('id').where('code', 'like', code).executeTakeFirstOrThrow()).id;
  const ok = await agency('OK-ICAC%');
  const tx = await agency('TX-ICAC%');
  await referTip('OK', ok, 1);
  await referTip('OK', ok, 3);
  await referTip('TX', tx, 30, true);

  await openCase({ gender: 'female', dateOfBirth: yearsAgo(15, 3) });
  await openCase({ gender: 'transgender_male', approximateAge: 16 });
  const boy = await openCase({ gender: 'male', dateOfBirth: yearsAgo(13, 40) }, 'TX');
  const missing = new Date(now.getTime() - 3 * 24 * HOUR);
  const episode = await post(`/api/v1/cases/${boy}/episodes`, who.cm!, {
    leftFrom: 'placement',
    knownMissingAt: missing.toISOString(),
    reportedToLawEnforcementAt: new Date(missing.getTime() + 30 * HOUR).toISOString(),
    reportedToClearinghouseAt: new Date(missing.getTime() + 2 * HOUR).toISOString(),
  });
  expect(episode.statusCode, episode.body).toBe(201);
  await refreshRollups(t.db, sources(), now);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the dashboards of referrals, children, reports and support', () => {
  it('give the time from tip to referral, outcomes by agency and overdue acknowledgements', async () => {
    const b = await board();
    const times = section(b, 'referral_times');
    expect(times.rows.find((r) => r[0] === month)).toEqual([month, 3, 3, 24]);
    expect(times.summary).toContain('3 referrals; half were sent within 3 h of the tip, nine in ten within 1 day');
    expect(times.svg).toContain('aria-label="Hours from tip to referral');
    expect(times.svg.match(/aria-label=/g)).toHaveLength(1);
    const outcomes = section(b, 'referral_outcomes');
    expect(outcomes.columns[0]).toBe('Agency');
    expect(outcomes.rows.map((r) => r.at(-1))).toEqual([2, 1]);
    const overdue = section(b, 'overdue_acknowledgements');
    expect(overdue.rows).toHaveLength(1);
    expect(overdue.rows[0]![1]).toBe(1);
    const ok = await board('&state=OK');
    expect(section(ok, 'overdue_acknowledgements').rows).toEqual([]);
    expect(section(ok, 'referral_times').rows.find((r) => r[0] === month)).toEqual([month, 2, 1, 3]);
  });

  it('count children by gender, transgender included, and age band; and 24-hour reports made late', async () => {
    const b = await board();
    const children = section(b, 'children');
    expect(children.columns).toEqual(['Gender', 'Under 12', '12–14', '15–17', '18 and over', 'Age not known', 'All ages']);
    expect(children.rows).toEqual([
      ['Female', 0, 0, 1, 0, 0, 1],
      ['Male', 0, 1, 0, 0, 0, 1],
      ['Transgender male', 0, 0, 1, 0, 0, 1],
    ]);
    expect(children.summary).toContain('3 children in cases opened in this period; 2 (66.7%) boys, 1 (33.3%) transgender');
    const reports = section(b, 'reports_24h');
    expect(reports.rows.filter((r) => r[0] === month)).toEqual([
      [month, 'Law enforcement', 0, 1, 0],
      [month, 'Clearinghouse', 1, 0, 0],
    ]);
    expect(reports.summary).toContain('1 of 1 reports to law enforcement made late (100.0%)');
    const support = section(b, 'support');
    expect(support.summary).toContain('0 assistance plans opened');
    expect(support.summary).toContain('0 family-months of family support');
    expect(section(await board('&state=OK'), 'support').summary).toContain('not recorded by state');
  });

  it('recounts only the months in which a case changed, and each section downloads as CSV (audited)', async () => {
    await openCase({ gender: 'non_binary', approximateAge: 9 });
    const later = new Date(now.getTime() + 1000);
    await refreshRollups(t.db, sources(), later);
    const children = section(await board(), 'children');
    expect(children.rows).toContainEqual(['Non-binary', 1, 0, 0, 0, 0, 1]);
    expect(children.rows.reduce((s, r) => s + Number(r.at(-1)), 0)).toBe(4);
    const alone = await board('&section=children');
    expect(alone.sections.map((s) => s.id)).toEqual(['children']);
    expect(alone.sections[0]!.rows).toEqual(children.rows);
    for (const id of ['referral_times', 'referral_outcomes', 'overdue_acknowledgements', 'children', 'reports_24h', 'support']) {
      const csv = await app.inject({
        method: 'GET',
        url: `/api/v1/stats/dashboard/${id}/csv?to=${month}`,
        headers: as(who.sup!),
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\n')[0]).toBe(section(await board(), id).columns.join(','));
    }
    const exported = await t.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', '=', 'stats_dashboard.exported')
      .execute();
    expect(exported.length).toBe(6);
  });
});

describe('the rules behind the counts', () => {
  it('take age at the opening of the case, from the date of birth first', () => {
    const opened = new Date('2026-06-15T00:00:00Z');
    expect(ageBandOf(opened, '2011-06-16')).toBe('12_14');
    expect(ageBandOf(opened, '2011-06-15')).toBe('15_17');
    expect(ageBandOf(opened, undefined, 11)).toBe('under_12');
    expect(ageBandOf(opened)).toBe('unknown');
  });

  it('read percentiles off counts by duration', () => {
    expect(percentile([], 0.5)).toBeUndefined();
    const h = [
      { hours: 1, count: 5 },
      { hours: 3, count: 4 },
      { hours: 48, count: 1 },
    ];
    expect(percentile(h, 0.5)).toBe(1);
    expect(percentile(h, 0.9)).toBe(3);
    expect(percentile(h, 0.95)).toBe(48);
  });
});
