import type { Db } from '../../database.ts';

/** One row of a measure in stats_counts; `a` and `b` are its groupings ('' when unused). */
export interface CountRow {
  month: string;
  state: string;
  a: string;
  b: string;
  count: number;
}

/** Every measure the rollup keeps in stats_counts, and what its groupings are. */
export const MEASURES = {
  referral_hours: 'a: hours from tip to referral (hour under a day, day after)',
  referral_outcome: 'a: agency, b: outcome or status',
  referral_overdue: 'a: agency; month: of the acknowledgement deadline',
  children: 'a: gender, b: age band; month: case opened',
  report_24h: 'a: report (law_enforcement, clearinghouse), b: standing; month: child known missing',
  plans: 'a: opened, approved or closed; state: all',
  support: 'a: peer_calls, peer_minutes or families_supported; state: all',
} as const;
export type Measure = keyof typeof MEASURES;

/** Replaces a measure's rows, all of them or only those of the given months (incremental refresh). */
export async function replaceMeasure(
  db: Db,
  measure: Measure,
  rows: readonly CountRow[],
  scope: { months?: readonly string[]; fromMonth?: string } = {},
): Promise<void> {
  let old = db.deleteFrom('stats_counts').where('measure', '=', measure);
  if (scope.months) {
    if (scope.months.length === 0) return;
    old = old.where('month', 'in', [...scope.months]);
  }
  if (scope.fromMonth) old = old.where('month', '>=', scope.fromMonth);
  await old.execute();
  const merged = new Map<string, CountRow>();
  for (const r of rows) {
    const id = [r.month, r.state, r.a, r.b].join('\u001f');
    const seen = merged.get(id);
    if (seen) seen.count += r.count;
    else merged.set(id, { ...r });
  }
  const values = [...merged.values()].map((r) => ({ measure, ...r }));
  for (let i = 0; i < values.length; i += 2000)
    await db
      .insertInto('stats_counts')
      .values(values.slice(i, i + 2000))
      .execute();
}
