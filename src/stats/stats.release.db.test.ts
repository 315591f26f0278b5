import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { tipCountsOfYear } from '../intake/index.ts';
import { latestTipRelease, releaseTipStatistics, releasedTipYears, type StatsDeps } from './index.ts';

let t: TestDatabase;
let deps: StatsDeps;
const operator = { kind: 'system', label: 'test' } as const;
const now = new Date('2026-03-01T00:00:00Z');
const STATES = ['OK', 'TX', 'KS', 'NE', 'AR', 'MO'];
const TYPES = ['child_sex_trafficking', 'online_enticement', 'child_sexual_abuse_material'];

async function addTips(n: number, year: number, state: string | null, type: string, channel = 'web_form'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await sql`
      insert into reports (id, reference, received_at, channel, incident_type, state, anonymous, body_enc)
      values (${randomUUID()}, ${`T-${randomUUID()}`}, ${new Date(Date.UTC(year, 5, 1 + (i % 28)))}, ${channel}, ${type}, ${state}, true, 'synthetic')
    `.execute(t.db);
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, tipCounts: (year) => tipCountsOfYear(t.db, year) };
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (const state of STATES)
    for (const type of TYPES) await addTips(next() % 3 === 0 ? next() % 6 : 12 + (next() % 20), 2025, state, type);
  await addTips(4, 2025, null, 'child_sex_trafficking', 'hotline');
  await addTips(2, 2025, 'OK', 'unusual_type');
});
afterAll(async () => t.close());

describe('tip statistics releases', () => {
  it('publishes a finished year with no count from 1 to 10 shown, each hidden figure labelled, and an audit entry', async () => {
    const out = await releaseTipStatistics(deps, operator, { year: 2025, now });
    expect(out).toMatchObject({ kind: 'released', year: 2025, version: 1 });
    const release = await latestTipRelease(t.db, 2025);
    expect(release?.figures.length).toBeGreaterThan(0);
    for (const f of release!.figures) {
      if (f.count === null) expect(['fewer_than_k', 'withheld']).toContain(f.hidden);
      else expect(f.count === 0 || f.count >= 11).toBe(true);
    }
    expect(release!.figures.some((f) => f.hidden === 'fewer_than_k')).toBe(true);
    expect(release!.figures.flatMap((f) => f.key)).not.toContain('unusual_type');
    const total = release!.figures.find((f) => f.key.every((v) => v === '*'));
    const tips = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(total?.count).toBe(Number(tips.n));
    const entries = await t.db
      .selectFrom('audit_entries')
      .select(['action', 'target_id'])
      .where('action', '=', 'stats_release.published')
      .execute();
    expect(entries).toEqual([{ action: 'stats_release.published', target_id: 'tips-2025-v1' }]);
    expect(await releasedTipYears(t.db)).toMatchObject([{ year: 2025, version: 1 }]);
  });

  it('a second release of the same counts changes nothing; changed counts are refused and nothing is written', async () => {
    expect(await releaseTipStatistics(deps, operator, { year: 2025, now })).toMatchObject({ kind: 'unchanged', version: 1 });
    await addTips(1, 2025, 'TX', 'online_enticement');
    expect(await releaseTipStatistics(deps, operator, { year: 2025, now })).toMatchObject({ kind: 'counts_changed', version: 1 });
    expect(await releasedTipYears(t.db)).toMatchObject([{ year: 2025, version: 1 }]);
  });

  it('refuses the current year, a year without tips and a threshold below 3', async () => {
    expect(await releaseTipStatistics(deps, operator, { year: 2026, now })).toEqual({ kind: 'unfinished_year', year: 2026 });
    expect(await releaseTipStatistics(deps, operator, { year: 2019, now })).toEqual({ kind: 'no_tips', year: 2019 });
    expect((await releaseTipStatistics(deps, operator, { year: 2024, now, rules: { k: 2, protection: 5 } })).kind).toBe(
      'invalid_rules',
    );
  });
});
