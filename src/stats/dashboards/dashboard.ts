import { z } from 'zod';
import type { Db } from '../../database.ts';
import { answer, auditedRead, type RequestContext } from '../../security/index.ts';
import { US_STATE_CODES, US_STATES } from '../../shared/places.ts';
import { choropleth, type MapValue } from '../map/choropleth.ts';
import { barChart, type Bar } from './charts.ts';
import { MEASURES, type CountRow, type Measure } from './measures.ts';
import {
  childrenByGenderAndAge,
  lateReports,
  overdueAcknowledgements,
  referralOutcomes,
  referralTimes,
  supportSection,
  type Rows,
} from './sections.ts';
import { STATS_SECTION_IDS } from '../../shared/stats.ts';

export const SECTION_IDS = STATS_SECTION_IDS;
export type SectionId = (typeof SECTION_IDS)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'date_format' });
export const dashboardQuery = z.object({
  from: month.optional().describe('first month, YYYY-MM (default: twelve months ago)'),
  to: month.optional().describe('last month, YYYY-MM (default: this month)'),
  state: z.enum(US_STATE_CODES).optional(),
  section: z
    .enum(SECTION_IDS)
    .optional()
    .describe('only this section (each section is drawn on the server: asking for one is quicker)'),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export interface Section {
  id: string;
  title: string;
  /** The chart in words, for everyone and for screen readers. */
  summary: string;
  columns: string[];
  rows: (string | number)[][];
  svg: string;
}

/** Measures counted for every state together: a state filter does not apply to them. */
const NOT_BY_STATE: readonly Measure[] = ['plans', 'support'];
/** Measures that are a count as of the refresh, not of the period. */
const NOW: readonly Measure[] = ['referral_overdue'];

const MEASURES_OF: Partial<Record<SectionId, Measure[]>> = {
  referral_times: ['referral_hours'],
  referral_outcomes: ['referral_outcome'],
  overdue_acknowledgements: ['referral_overdue'],
  children: ['children'],
  reports_24h: ['report_24h'],
  support: ['plans', 'support'],
};

/** The period's counts of every measure, summed over states (or of the one state chosen). */
async function countRows(trx: Db, from: string, to: string, state: string | undefined, section?: SectionId): Promise<Rows> {
  const measures = section ? (MEASURES_OF[section] ?? []) : (Object.keys(MEASURES) as Measure[]);
  const rows = await trx
    .selectFrom('stats_counts')
    .select(['measure', 'month', 'a', 'b'])
    .select((eb) => eb.fn.sum<string>('count').as('count'))
    .where((eb) => eb.or([eb('measure', 'in', [...NOW]), eb.and([eb('month', '>=', from), eb('month', '<=', to)])]))
    .$if(state !== undefined, (qb) => qb.where((eb) => eb.or([eb('state', '=', state!), eb('measure', 'in', [...NOT_BY_STATE])])))
    .where('measure', 'in', measures.length > 0 ? measures : ['none'])
    .groupBy(['measure', 'month', 'a', 'b'])
    .execute();
  const out = Object.fromEntries(Object.keys(MEASURES).map((m) => [m, [] as CountRow[]])) as Record<Measure, CountRow[]>;
  for (const r of rows)
    out[r.measure as Measure]?.push({ month: r.month, state: state ?? 'all', a: r.a, b: r.b, count: Number(r.count) });
  return out;
}

const TYPES: Record<string, string> = {
  child_sex_trafficking: 'Child sex trafficking',
  child_sex_tourism: 'Child sex tourism',
  online_enticement: 'Online enticement',
  other: 'Other',
};
const CHANNELS: Record<string, string> = { web_form: 'Web form', api: 'ESP API', hotline: 'Hotline', esp: 'ESP upload' };
const stateName = (code: string) => (US_STATES as Record<string, string>)[code] ?? 'State not known';
const n = (v: number) => v.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`);

function period(q: DashboardQuery, now: Date) {
  const to = q.to ?? now.toISOString().slice(0, 7);
  const back = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 12, 1));
  const from = q.from ?? back.toISOString().slice(0, 7);
  return { from: from <= to ? from : to, to: from <= to ? to : from };
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while (`${y}-${String(m).padStart(2, '0')}` <= to && out.length < 240) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}

function sumBy<T>(rows: readonly T[], key: (r: T) => string, value: (r: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + value(r));
  return out;
}

function busiest(bars: readonly Bar[]): Bar | undefined {
  return bars.reduce<Bar | undefined>((best, b) => (best === undefined || b.value > best.value ? b : best), undefined);
}

function barSection(id: string, title: string, bars: Bar[], what: string, horizontal = false): Section {
  const total = bars.reduce((s, b) => s + b.value, 0);
  const top = busiest(bars);
  const summary =
    total === 0
      ? `No ${what} in this period.`
      : `${n(total)} ${what} in all; the most, ${n(top!.value)} (${pct(top!.value, total)}), ${horizontal ? 'came by' : 'in'} ${top!.label}.`;
  return {
    id,
    title,
    summary,
    columns: [title.split(' by ')[1] ?? 'Group', 'Tips'],
    rows: bars.map((b) => [b.label, b.value]),
    svg: barChart(bars, { title, xLabel: '', yLabel: 'Tips', horizontal }),
  };
}

/** The staff dashboards from the rollups (exact counts: staff only), with each chart in words and as a table. */
export async function staffDashboard(
  db: Db,
  ctx: RequestContext,
  q: DashboardQuery,
  opts: { now?: Date; action?: 'stats_dashboard.read' | 'stats_dashboard.exported'; reads?: Db | undefined } = {},
) {
  const { from, to } = period(q, opts.now ?? new Date());
  return auditedRead(db, ctx, { action: opts.action ?? 'stats_dashboard.read' }, async (audited) => {
    // The figures may come from a read replica; the audit entry of this read is written on the primary.
    const trx = opts.reads ?? audited;
    let tipsQuery = trx.selectFrom('stats_tip_months').selectAll().where('month', '>=', from).where('month', '<=', to);
    if (q.state) tipsQuery = tipsQuery.where('state', '=', q.state);
    const wanted = (ids: readonly SectionId[]) => !q.section || ids.includes(q.section);
    const tips = wanted(['tips_by_month', 'tips_by_channel', 'tips_by_type', 'tips_by_state']) ? await tipsQuery.execute() : [];
    let missingQuery = trx
      .selectFrom('stats_missing_years')
      .selectAll()
      .where('year', '>=', Number(from.slice(0, 4)))
      .where('year', '<=', Number(to.slice(0, 4)));
    if (q.state) missingQuery = missingQuery.where('state', '=', q.state);
    const missing = wanted(['missing_children']) ? await missingQuery.execute() : [];
    const refreshed = await trx.selectFrom('stats_rollups').select(['name', 'refreshed_at']).execute();
    const counts = await countRows(trx, from, to, q.state, q.section);
    const familySupport = counts.support.some((r) => r.a === 'families_supported');

    const byMonth = sumBy(
      tips,
      (t) => t.month,
      (t) => t.count,
    );
    const months = monthsBetween(from, to).map((m) => ({ label: m, value: byMonth.get(m) ?? 0 }));
    const channels = [
      ...sumBy(
        tips,
        (t) => t.channel,
        (t) => t.count,
      ),
    ].map(([k, v]) => ({ label: CHANNELS[k] ?? k, value: v }));
    const types = [
      ...sumBy(
        tips,
        (t) => t.category,
        (t) => t.count,
      ),
    ].map(([k, v]) => ({ label: TYPES[k] ?? k, value: v }));
    const byState = sumBy(
      tips,
      (t) => t.state,
      (t) => t.count,
    );
    const states = [...byState].sort((a, b) => b[1] - a[1]);
    const stateTotal = states.reduce((s, [, v]) => s + v, 0);
    const map = () =>
      choropleth(new Map<string, MapValue>(states.map(([k, v]) => [k, { count: v }])), {
        title: `Tips by state, ${from} to ${to}; the table gives the same figures`,
        hiddenLabel: 'hidden',
        withheldLabel: 'withheld',
        noneLabel: 'none',
        legend: 'Tips',
        nameOf: stateName,
      });

    const years = [...new Set(missing.map((m) => m.year))].sort();
    const missingRows = years.map((y) => {
      const of = missing.filter((m) => m.year === y);
      const count = (f: (m: (typeof of)[number]) => boolean) => of.filter(f).reduce((s, m) => s + m.count, 0);
      const runaways = count((m) => m.left_from === 'home');
      const fromCare = count((m) => m.left_from !== 'home');
      const likely = count((m) => m.likely);
      return [String(y), runaways, fromCare, likely, pct(likely, runaways + fromCare)] as (string | number)[];
    });
    const allMissing = missingRows.reduce((s, r) => s + Number(r[1]) + Number(r[2]), 0);
    const allLikely = missingRows.reduce((s, r) => s + Number(r[3]), 0);
    const allCare = missingRows.reduce((s, r) => s + Number(r[2]), 0);
    const builders: Record<SectionId, () => Section> = {
      tips_by_month: () => barSection('tips_by_month', 'Tips by month', months, 'tips'),
      tips_by_channel: () => barSection('tips_by_channel', 'Tips by channel', channels, 'tips', true),
      tips_by_type: () => barSection('tips_by_type', 'Tips by type', types, 'tips', true),
      tips_by_state: () => ({
        id: 'tips_by_state',
        title: 'Tips by state',
        summary:
          stateTotal === 0
            ? 'No tips in this period.'
            : `${n(stateTotal)} tips from ${states.length} places; the most from ${stateName(states[0]![0])} (${n(states[0]![1])}).`,
        columns: ['State', 'Tips'],
        rows: states.map(([k, v]) => [stateName(k), v]),
        svg: map().value,
      }),
      missing_children: () => ({
        id: 'missing_children',
        title: 'Missing children by year',
        summary:
          allMissing === 0
            ? 'No episodes of a missing child in this period.'
            : `${n(allMissing)} episodes of a child missing; ${n(allCare)} (${pct(allCare, allMissing)}) from care; ${n(allLikely)} (${pct(allLikely, allMissing)}) likely involved trafficking by the rule: the screening after recovery found indicators or identified the child as a victim.`,
        columns: ['Year', 'Runaways (from home)', 'Missing from care', 'Likely involved trafficking', 'Share likely involved'],
        rows: missingRows,
        svg: barChart(
          missingRows.map((r) => ({ label: String(r[0]), value: Number(r[3]) })),
          { title: 'Episodes likely involving trafficking, by year', xLabel: 'Year', yLabel: 'Episodes' },
        ),
      }),
      referral_times: () => referralTimes(counts, monthsBetween(from, to)),
      referral_outcomes: () => referralOutcomes(counts),
      overdue_acknowledgements: () => overdueAcknowledgements(counts),
      children: () => childrenByGenderAndAge(counts),
      reports_24h: () => lateReports(counts, monthsBetween(from, to)),
      support: () => supportSection(counts, monthsBetween(from, to), q.state !== undefined, familySupport),
    };
    const sections = (q.section ? [q.section] : SECTION_IDS).map((id) => builders[id]());
    return answer(
      {
        from,
        to,
        state: q.state ?? null,
        refreshedAt:
          refreshed.length === 0 ? null : new Date(Math.min(...refreshed.map((r) => r.refreshed_at.getTime()))).toISOString(),
        sections,
      },
      { details: { from, to, state: q.state ?? null } },
    );
  });
}

/** One section as CSV rows (header first), for the audited download. */
export function sectionCsv(section: Section): (string | number)[][] {
  return [section.columns, ...section.rows];
}
