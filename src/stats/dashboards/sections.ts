import type { Section } from './dashboard.ts';
import { barChart, lineChart, stackedBars, type Point } from './charts.ts';
import type { CountRow, Measure } from './measures.ts';

export type Rows = Readonly<Record<Measure, readonly CountRow[]>>;

const n = (v: number) => v.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`);
const total = (rows: readonly CountRow[]) => rows.reduce((s, r) => s + r.count, 0);

function groupBy<T>(rows: readonly CountRow[], key: (r: CountRow) => string, then: (rows: CountRow[]) => T): Map<string, T> {
  const groups = new Map<string, CountRow[]>();
  for (const r of rows) (groups.get(key(r)) ?? groups.set(key(r), []).get(key(r))!).push(r);
  return new Map([...groups].map(([k, v]) => [k, then(v)]));
}

/** The value below which a share `p` of the counted durations fall, from counts by duration. */
export function percentile(histogram: readonly { hours: number; count: number }[], p: number): number | undefined {
  const sorted = [...histogram].sort((a, b) => a.hours - b.hours);
  const all = sorted.reduce((s, h) => s + h.count, 0);
  if (all === 0) return undefined;
  let seen = 0;
  for (const h of sorted) {
    seen += h.count;
    if (seen >= p * all) return h.hours;
  }
  return sorted.at(-1)!.hours;
}

const hoursText = (h: number | undefined) => (h === undefined ? '—' : h < 24 ? `${h} h` : `${h / 24} day${h === 24 ? '' : 's'}`);

export function referralTimes(rows: Rows, months: readonly string[]): Section {
  const byMonth = groupBy(
    rows.referral_hours,
    (r) => r.month,
    (rs) => rs.map((r) => ({ hours: Number(r.a), count: r.count })),
  );
  const table = months.map((m) => {
    const h = byMonth.get(m) ?? [];
    return { month: m, referrals: h.reduce((s, x) => s + x.count, 0), median: percentile(h, 0.5), p90: percentile(h, 0.9) };
  });
  const everything = [...byMonth.values()].flat();
  const referrals = total(rows.referral_hours);
  const points: Point[] = table.flatMap((t) =>
    t.median === undefined
      ? []
      : [
          { label: t.month, series: 'Median', value: t.median },
          { label: t.month, series: '90th percentile', value: t.p90! },
        ],
  );
  return {
    id: 'referral_times',
    title: 'Time from tip to referral',
    summary:
      referrals === 0
        ? 'No referrals in this period.'
        : `${n(referrals)} referrals; half were sent within ${hoursText(percentile(everything, 0.5))} of the tip, nine in ten within ${hoursText(percentile(everything, 0.9))}. Times are rounded down to the hour, or to the day beyond a day.`,
    columns: ['Month', 'Referrals', 'Median (hours)', '90th percentile (hours)'],
    rows: table.map((t) => [t.month, t.referrals, t.median ?? '', t.p90 ?? '']),
    svg: lineChart(points, { title: 'Hours from tip to referral, median and 90th percentile, by month', yLabel: 'Hours' }),
  };
}

const OUTCOMES: Record<string, string> = {
  sent: 'Not yet acknowledged',
  passed_on: 'Passed on',
  acknowledged: 'Acknowledged',
  investigation_opened: 'Investigation opened',
  child_located: 'Child located',
  no_action: 'No action',
  other: 'Other outcome',
};

export function referralOutcomes(rows: Rows): Section {
  const byAgency = groupBy(
    rows.referral_outcome,
    (r) => r.a,
    (rs) => groupBy(rs, (r) => r.b, total),
  );
  const agencies = [...byAgency].sort((a, b) => sum(b[1]) - sum(a[1]));
  const outcomes = Object.keys(OUTCOMES);
  const all = total(rows.referral_outcome);
  const located = rows.referral_outcome.filter((r) => r.b === 'child_located').reduce((s, r) => s + r.count, 0);
  const opened = rows.referral_outcome.filter((r) => r.b === 'investigation_opened').reduce((s, r) => s + r.count, 0);
  return {
    id: 'referral_outcomes',
    title: 'Referral outcomes by agency',
    summary:
      all === 0
        ? 'No referrals in this period.'
        : `${n(all)} referrals to ${agencies.length} agencies; ${n(opened)} (${pct(opened, all)}) led to an investigation and ${n(located)} (${pct(located, all)}) to a child located, as the agencies reported.`,
    columns: ['Agency', ...outcomes.map((o) => OUTCOMES[o]!), 'All referrals'],
    rows: agencies.map(([agency, counts]) => [agency, ...outcomes.map((o) => counts.get(o) ?? 0), sum(counts)]),
    svg: stackedBars(
      agencies.flatMap(([agency, counts]) =>
        [...counts].map(([o, value]) => ({ label: agency, series: OUTCOMES[o] ?? o, value })),
      ),
      { title: 'Referrals by agency, split by outcome', yLabel: 'Referrals', horizontal: true },
    ),
  };
}

const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);

export function overdueAcknowledgements(rows: Rows): Section {
  const byAgency = [...groupBy(rows.referral_overdue, (r) => r.a, total)].sort((a, b) => b[1] - a[1]);
  const all = total(rows.referral_overdue);
  return {
    id: 'overdue_acknowledgements',
    title: 'Overdue acknowledgements',
    summary:
      all === 0
        ? 'No referral is waiting past its acknowledgement deadline.'
        : `${n(all)} referrals are past their acknowledgement deadline without one, at ${byAgency.length} agencies; the most at ${byAgency[0]![0]} (${n(byAgency[0]![1])}). Counted when the rollup was refreshed, whatever the period chosen.`,
    columns: ['Agency', 'Referrals overdue'],
    rows: byAgency.map(([agency, count]) => [agency, count]),
    svg: barChart(
      byAgency.map(([label, value]) => ({ label, value })),
      { title: 'Referrals overdue for acknowledgement, by agency', xLabel: '', yLabel: 'Referrals', horizontal: true },
    ),
  };
}

const GENDERS: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  transgender_female: 'Transgender female',
  transgender_male: 'Transgender male',
  non_binary: 'Non-binary',
  other: 'Other',
  unknown: 'Not recorded',
};
const AGE_BANDS: Record<string, string> = {
  under_12: 'Under 12',
  '12_14': '12–14',
  '15_17': '15–17',
  '18_plus': '18 and over',
  unknown: 'Age not known',
};

export function childrenByGenderAndAge(rows: Rows): Section {
  const byGender = groupBy(
    rows.children,
    (r) => r.a,
    (rs) => groupBy(rs, (r) => r.b, total),
  );
  const all = total(rows.children);
  const of = (genders: string[]) => rows.children.filter((r) => genders.includes(r.a)).reduce((s, r) => s + r.count, 0);
  const boys = of(['male', 'transgender_male']);
  const transgender = of(['transgender_female', 'transgender_male']);
  const genders = Object.keys(GENDERS).filter((g) => byGender.has(g));
  const bands = Object.keys(AGE_BANDS);
  return {
    id: 'children',
    title: 'Children by gender and age',
    summary:
      all === 0
        ? 'No cases opened in this period.'
        : `${n(all)} children in cases opened in this period; ${n(boys)} (${pct(boys, all)}) boys, ${n(transgender)} (${pct(transgender, all)}) transgender. Age is taken when the case was opened.`,
    columns: ['Gender', ...bands.map((b) => AGE_BANDS[b]!), 'All ages'],
    rows: genders.map((g) => {
      const counts = byGender.get(g)!;
      return [GENDERS[g]!, ...bands.map((b) => counts.get(b) ?? 0), sum(counts)];
    }),
    svg: stackedBars(
      genders.flatMap((g) =>
        [...byGender.get(g)!].map(([b, value]) => ({ label: GENDERS[g]!, series: AGE_BANDS[b] ?? b, value })),
      ),
      { title: 'Children by gender, split by age band', yLabel: 'Children', horizontal: true },
    ),
  };
}

const REPORTS: Record<string, string> = { law_enforcement: 'Law enforcement', clearinghouse: 'Clearinghouse' };

export function lateReports(rows: Rows, months: readonly string[]): Section {
  const count = (report: string, standing: string, month?: string) =>
    rows.report_24h
      .filter((r) => r.a === report && r.b === standing && (month === undefined || r.month === month))
      .reduce((s, r) => s + r.count, 0);
  const line = (report: string) => {
    const made = count(report, 'on_time') + count(report, 'late');
    return `${n(count(report, 'late'))} of ${n(made)} reports to ${REPORTS[report]!.toLowerCase()} made late (${pct(count(report, 'late'), made)}), ${n(count(report, 'overdue'))} not made and overdue`;
  };
  const episodes = rows.report_24h.filter((r) => r.a === 'law_enforcement').reduce((s, r) => s + r.count, 0);
  return {
    id: 'reports_24h',
    title: '24-hour reports made late',
    summary:
      episodes === 0
        ? 'No child went missing in this period.'
        : `${n(episodes)} episodes of a missing child, each owing two reports within 24 hours of being known missing: ${line('law_enforcement')}; ${line('clearinghouse')}.`,
    // One row a month and report, so each column's heading stays short enough to read on a laptop.
    columns: ['Month', 'Report to', 'In time', 'Late', 'Overdue'],
    rows: months.flatMap((m) =>
      Object.keys(REPORTS).map((r) => [m, REPORTS[r]!, ...['on_time', 'late', 'overdue'].map((s) => count(r, s, m))]),
    ),
    svg: stackedBars(
      months.flatMap((m) =>
        Object.keys(REPORTS).map((r) => ({
          label: m,
          series: `${REPORTS[r]!}, late or overdue`,
          value: count(r, 'late', m) + count(r, 'overdue', m),
        })),
      ),
      { title: '24-hour reports made late or overdue, by month', yLabel: 'Reports' },
    ),
  };
}

const SUPPORT: Record<string, string> = {
  opened: 'Plans opened',
  approved: 'Plans approved',
  families_supported: 'Families supported',
  peer_calls: 'Peer-support calls',
};

export function supportSection(rows: Rows, months: readonly string[], byState: boolean, familySupport: boolean): Section {
  const all = [...rows.plans, ...rows.support.filter((r) => r.a !== 'peer_minutes')];
  const count = (kind: string, month?: string) =>
    all.filter((r) => r.a === kind && (month === undefined || r.month === month)).reduce((s, r) => s + r.count, 0);
  const minutes = rows.support.filter((r) => r.a === 'peer_minutes').reduce((s, r) => s + r.count, 0);
  const kinds = Object.keys(SUPPORT).filter((k) => familySupport || k !== 'families_supported');
  const notes = [
    byState ? 'These are not recorded by state, so the figures are for every state.' : '',
    familySupport ? '' : 'Families supported are not counted yet.',
  ].filter(Boolean);
  return {
    id: 'support',
    title: 'Plans, family support and peer support',
    summary: [
      `${n(count('opened'))} assistance plans opened and ${n(count('approved'))} approved; ${familySupport ? `${n(count('families_supported'))} family-months of family support; ` : ''}${n(count('peer_calls'))} peer-support calls (${n(minutes)} minutes).`,
      ...notes,
    ].join(' '),
    columns: ['Month', ...kinds.map((k) => SUPPORT[k]!)],
    rows: months.map((m) => [m, ...kinds.map((k) => count(k, m))]),
    svg: lineChart(
      months.flatMap((m) => kinds.map((k) => ({ label: m, series: SUPPORT[k]!, value: count(k, m) }))),
      { title: 'Plans, family support and peer-support calls, by month', yLabel: 'Count' },
    ),
  };
}
