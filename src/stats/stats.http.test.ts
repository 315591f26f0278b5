import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { missingEpisodeCounts } from '../cases/index.ts';
import { tipCountsOfYear, tipMonthCounts } from '../intake/index.ts';
import { addStaff, as, signIn } from '../../test/staff.ts';
import { refreshRollups, releaseTipStatistics } from './index.ts';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let keyring: Awaited<ReturnType<typeof testApp>>['keyring'];

beforeAll(async () => {
  t = await createTestDatabase();
  ({ app, keyring } = await testApp(t));
  const tips: [string, string, number][] = [
    ['OK', 'child_sex_trafficking', 30],
    ['OK', 'online_enticement', 3],
    ['TX', 'child_sex_trafficking', 25],
    ['TX', 'online_enticement', 40],
  ];
  for (const [state, type, n] of tips) {
    for (let i = 0; i < n; i++) {
      await sql`
        insert into reports (id, reference, received_at, channel, incident_type, state, anonymous, body_enc)
        values (${randomUUID()}, ${`T-${randomUUID()}`}, ${new Date(Date.UTC(2025, 2, 1 + (i % 28)))}, 'web_form', ${type}, ${state}, true, 'synthetic')
      `.execute(t.db);
    }
  }
  const out = await releaseTipStatistics(
    { db: t.db, tipCounts: (y) => tipCountsOfYear(t.db, y) },
    { kind: 'system', label: 'test' },
    { year: 2025, now: new Date('2026-01-02T00:00:00Z') },
  );
  expect(out.kind).toBe('released');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('public statistics API', () => {
  it('lists released years and serves a year with hidden figures as null, labelled, to anyone', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/stats/tips' });
    expect(list.statusCode).toBe(200);
    expect(list.json().releases).toMatchObject([{ year: 2025, version: 1 }]);
    const res = await app.inject({ method: 'GET', url: '/api/v1/stats/tips/2025' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      threshold: number;
      figures: { state: string; category: string; channel: string; count: number | null; hidden: string | null }[];
    }>();
    expect(body.threshold).toBe(11);
    const small = body.figures.find((f) => f.state === 'OK' && f.category === 'online_enticement');
    expect(small).toMatchObject({ count: null, hidden: 'fewer_than_k' });
    expect(body.figures.find((f) => f.state === 'all' && f.category === 'all' && f.channel === 'all')?.count).toBe(98);
    for (const f of body.figures) if (f.count !== null) expect(f.count === 0 || f.count >= 11).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/"count":3[,}]/);
  });

  it('gives the same figures as CSV, and 404 for a year not released', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/v1/stats/tips/2025?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('state,category,channel,count,hidden');
    expect(lines).toContain('OK,online_enticement,all,,fewer_than_k');
    expect((await app.inject({ method: 'GET', url: '/api/v1/stats/tips/2024' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/stats/tips/nineteen' })).statusCode).toBe(400);
  });
});

describe('the public statistics page', () => {
  it('draws the map and the tables, hidden figures hatched and read as "fewer than 11", without JavaScript', async () => {
    const res = await app.inject({ method: 'GET', url: '/stats' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script');
    expect(res.body).toContain('Tips in figures');
    expect(res.body).toMatch(/<title>Oklahoma: 33<\/title>/);
    expect(res.body).toMatch(/<title>Texas: 65<\/title>/);
    expect(res.body).toMatch(/<title>Kansas: none<\/title>/);
    const hidden =
      res.body.match(/<td class="stats-cell stats-cell--hidden" data-hidden="fewer_than_k"><span>fewer than 11<\/span><\/td>/g) ??
      [];
    expect(hidden.length).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/>3<\/td>/);
    const es = await app.inject({ method: 'GET', url: '/stats?lang=es' });
    expect(es.body).toContain('menos de 11');
    expect((await app.inject({ method: 'GET', url: '/stats?year=2019' })).statusCode).toBe(404);
  });
});

describe('the staff dashboards', () => {
  it('answer supervisors with each chart as SVG, in words and as a table, from the rollups; not analysts', async () => {
    await addStaff(t.db, keyring, 'supervisor', 'dash-sup@example.test');
    await addStaff(t.db, keyring, 'analyst', 'dash-an@example.test');
    const sup = await signIn(app, 'dash-sup@example.test');
    const analyst = await signIn(app, 'dash-an@example.test');
    await refreshRollups(t.db, { tipMonthCounts, missingEpisodeCounts });
    const res = await app.inject({ method: 'GET', url: '/api/v1/stats/dashboard?from=2025-01&to=2025-12', headers: as(sup) });
    expect(res.statusCode).toBe(200);
    const board = res.json<{
      refreshedAt: string;
      sections: { id: string; summary: string; rows: (string | number)[][]; svg: string }[];
    }>();
    expect(board.refreshedAt).toBeTruthy();
    const byMonth = board.sections.find((x) => x.id === 'tips_by_month')!;
    expect(byMonth.rows).toHaveLength(12);
    expect(byMonth.rows.find((r) => r[0] === '2025-03')?.[1]).toBe(98);
    expect(byMonth.summary).toContain('98 tips in all');
    expect(byMonth.svg).toMatch(/^<svg[^>]*aria-label="Tips by month"/);
    const byState = board.sections.find((x) => x.id === 'tips_by_state')!;
    expect(byState.rows).toEqual([
      ['Texas', 65],
      ['Oklahoma', 33],
    ]);
    // Staff see exact counts (3 is never published, but it is a fact staff work with).
    const ok = await app.inject({
      method: 'GET',
      url: '/api/v1/stats/dashboard?from=2025-01&to=2025-12&state=OK',
      headers: as(sup),
    });
    const types = ok
      .json<{ sections: { id: string; rows: (string | number)[][] }[] }>()
      .sections.find((x) => x.id === 'tips_by_type')!;
    expect(types.rows).toContainEqual(['Online enticement', 3]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/stats/dashboard', headers: as(analyst) })).statusCode).toBe(403);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/stats/dashboard?from=2025-13', headers: as(sup) });
    expect(bad.statusCode).toBe(400);

    const before = await t.db
      .selectFrom('audit_entries')
      .select(['action'])
      .where('action', '=', 'stats_dashboard.exported')
      .execute();
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/stats/dashboard/tips_by_state/csv?from=2025-01&to=2025-12',
      headers: as(sup),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\n')).toEqual(['State,Tips', 'Texas,65', 'Oklahoma,33']);
    const after = await t.db
      .selectFrom('audit_entries')
      .select(['action'])
      .where('action', '=', 'stats_dashboard.exported')
      .execute();
    expect(after.length).toBe(before.length + 1);
  });
});

describe('the register of releases', () => {
  it('lists every release with its tables, how many figures it published and every figure it held back', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/stats/releases' });
    expect(res.statusCode).toBe(200);
    const [release] = res.json<{
      releases: {
        year: number;
        threshold: number;
        tables: string[][];
        published: number;
        suppressed: { state: string; category: string; hidden: string }[];
      }[];
    }>().releases;
    expect(release).toMatchObject({
      year: 2025,
      version: 1,
      threshold: 11,
      protection: 5,
      tables: [['state', 'category'], ['channel']],
    });
    expect(release!.suppressed).toContainEqual({
      state: 'OK',
      category: 'online_enticement',
      channel: 'all',
      hidden: 'fewer_than_k',
    });
    expect(release!.suppressed.length).toBeGreaterThanOrEqual(4);
    const tips = (await app.inject({ method: 'GET', url: '/api/v1/stats/tips/2025' })).json<{
      figures: { count: number | null }[];
    }>();
    expect(release!.published + release!.suppressed.length).toBe(tips.figures.length);
    expect(release!.published).toBe(tips.figures.filter((f) => f.count !== null).length);
  });

  it('names fields after the Human Trafficking Case Data Standard on request, in JSON and CSV', async () => {
    const json = await app.inject({ method: 'GET', url: '/api/v1/stats/tips/2025?fields=htcds' });
    const figures = json.json<{ figures: Record<string, unknown>[] }>().figures;
    expect(Object.keys(figures[0]!)).toEqual(['hte_State', 'incident_type', 'channel', 'count', 'hidden']);
    const csv = await app.inject({ method: 'GET', url: '/api/v1/stats/tips/2025?format=csv&fields=htcds' });
    expect(csv.body.split('\n')[0]).toBe('hte_State,incident_type,channel,count,hidden');
    const register = await app.inject({ method: 'GET', url: '/api/v1/stats/releases?format=csv&fields=htcds' });
    const lines = register.body.trim().split('\n');
    expect(lines[0]).toBe('year,version,released_at,hte_State,incident_type,channel,hidden');
    expect(lines.some((l) => /^2025,1,[^,]+,OK,online_enticement,all,fewer_than_k$/.test(l))).toBe(true);
  });
});
