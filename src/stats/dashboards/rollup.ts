import type { Db } from '../../database.ts';
import { replaceMeasure } from './measures.ts';

export type TipMonthCount = { month: string; state: string | null; category: string; channel: string; count: number };
export type MissingYearCount = { year: number; state: string; leftFrom: string; likely: boolean; count: number };

type Monthly<T> = T & { month: string; count: number };

/** What the rollup asks of intake and cases, passed in at composition (src/modules.ts). */
export interface RollupSources {
  tipMonthCounts(db: Db, fromMonth: Date): Promise<TipMonthCount[]>;
  missingEpisodeCounts(db: Db): Promise<MissingYearCount[]>;
  /** The other dashboards' sources; without them only tips and missing children are rolled up. */
  counts?: CountSources;
}

/** What the rollup asks of analysis, cases, recovery and family (src/modules.ts: statsCountSources). */
export interface CountSources {
  referralCounts(
    db: Db,
    now: Date,
    timesSince: Date,
  ): Promise<{
    times: Monthly<{ state: string; hours: number }>[];
    outcomes: Monthly<{ state: string; agency: string; outcome: string }>[];
    overdue: Monthly<{ state: string; agency: string }>[];
  }>;
  /** Months recounted (those with a case changed since `touchedSince`, every month when null) and their counts. */
  childCounts(
    db: Db,
    touchedSince: Date | null,
  ): Promise<{ months: string[]; rows: Monthly<{ state: string; gender: string; ageBand: string }>[] }>;
  reportClockCounts(db: Db, now: Date): Promise<Monthly<{ state: string; report: string; standing: string }>[]>;
  planCounts(db: Db): Promise<Monthly<{ event: string }>[]>;
  peerCallCounts(db: Db, from: string, to: string): Promise<{ month: string; calls: number; minutes: number }[]>;
  /** Families supported each month (a contact or a peer match in force), once wired (family: familySupportCounts). */
  familySupportCounts?(db: Db): Promise<{ month: string; familiesSupported: number }[]>;
}

/**
 * Refreshes the measures of stats_counts. Referral times are stamped once sent, so only the months
 * from the start of the previous month are recounted; children's counts only the months in which a
 * case changed; the rest (outcomes, overdue, report clocks, plans, calls) are small and recounted.
 */
async function refreshCounts(db: Db, sources: CountSources, now: Date, built: Date | undefined): Promise<number> {
  const recent = built ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)) : new Date(0);
  const referrals = await sources.referralCounts(db, now, recent);
  const children = await sources.childCounts(db, built ?? null);
  const reports = await sources.reportClockCounts(db, now);
  const plans = await sources.planCounts(db);
  const calls = await sources.peerCallCounts(db, '1900-01-01', '9999-12-31');
  const families = (await sources.familySupportCounts?.(db)) ?? [];
  const all = 'all';
  await db.transaction().execute(async (trx) => {
    const times = referrals.times.map((r) => ({ month: r.month, state: r.state, a: String(r.hours), b: '', count: r.count }));
    await replaceMeasure(trx, 'referral_hours', times, { fromMonth: recent.toISOString().slice(0, 7) });
    const outcomes = referrals.outcomes.map((r) => ({
      month: r.month,
      state: r.state,
      a: r.agency,
      b: r.outcome,
      count: r.count,
    }));
    await replaceMeasure(trx, 'referral_outcome', outcomes);
    const overdue = referrals.overdue.map((r) => ({ month: r.month, state: r.state, a: r.agency, b: '', count: r.count }));
    await replaceMeasure(trx, 'referral_overdue', overdue);
    const kids = children.rows.map((r) => ({ month: r.month, state: r.state, a: r.gender, b: r.ageBand, count: r.count }));
    await replaceMeasure(trx, 'children', kids, built ? { months: children.months } : {});
    const clocks = reports.map((r) => ({ month: r.month, state: r.state, a: r.report, b: r.standing, count: r.count }));
    await replaceMeasure(trx, 'report_24h', clocks);
    await replaceMeasure(
      trx,
      'plans',
      plans.map((r) => ({ month: r.month, state: all, a: r.event, b: '', count: r.count })),
    );
    const support = [
      ...calls.flatMap((c) => [
        { month: c.month, state: all, a: 'peer_calls', b: '', count: c.calls },
        { month: c.month, state: all, a: 'peer_minutes', b: '', count: c.minutes },
      ]),
      ...families.map((f) => ({ month: f.month, state: all, a: 'families_supported', b: '', count: f.familiesSupported })),
    ];
    await replaceMeasure(trx, 'support', support);
  });
  return rowsOf(referrals) + children.rows.length + reports.length;
}

const rowsOf = (r: { times: unknown[]; outcomes: unknown[]; overdue: unknown[] }) =>
  r.times.length + r.outcomes.length + r.overdue.length;

/**
 * Refreshes the dashboards' rollups. Tips: the months from the start of the previous month on
 * (tips are stamped when received, so older months no longer change), or every month when the
 * rollup was never built. Missing children: recounted whole (episodes change as they are worked).
 */
export async function refreshRollups(
  db: Db,
  sources: RollupSources,
  now = new Date(),
): Promise<{ tipRows: number; missingRows: number; countRows: number }> {
  const built = await db.selectFrom('stats_rollups').select('refreshed_at').where('name', '=', 'tips').executeTakeFirst();
  const counted = await db.selectFrom('stats_rollups').select('refreshed_at').where('name', '=', 'counts').executeTakeFirst();
  // Read before the counts are taken: a case changed while they are taken is recounted next time.
  const countRows = sources.counts ? await refreshCounts(db, sources.counts, now, counted?.refreshed_at) : 0;
  const from = built ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)) : new Date(0);
  const tips = await sources.tipMonthCounts(db, from);
  const missing = await sources.missingEpisodeCounts(db);
  const fromMonth = from.toISOString().slice(0, 7);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('stats_tip_months').where('month', '>=', fromMonth).execute();
    for (let i = 0; i < tips.length; i += 1000) {
      await trx
        .insertInto('stats_tip_months')
        .values(
          tips.slice(i, i + 1000).map((t) => ({
            month: t.month,
            state: t.state ?? 'unknown',
            category: t.category,
            channel: t.channel,
            count: t.count,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['month', 'state', 'category', 'channel']).doUpdateSet((eb) => ({ count: eb.ref('excluded.count') })),
        )
        .execute();
    }
    await trx.deleteFrom('stats_missing_years').execute();
    for (let i = 0; i < missing.length; i += 1000) {
      await trx
        .insertInto('stats_missing_years')
        .values(
          missing
            .slice(i, i + 1000)
            .map((m) => ({ year: m.year, state: m.state, left_from: m.leftFrom, likely: m.likely, count: m.count })),
        )
        .execute();
    }
    for (const name of sources.counts ? ['tips', 'missing', 'counts'] : ['tips', 'missing'])
      await trx
        .insertInto('stats_rollups')
        .values({ name, refreshed_at: now })
        .onConflict((oc) => oc.column('name').doUpdateSet({ refreshed_at: now }))
        .execute();
  });
  return { tipRows: tips.length, missingRows: missing.length, countRows };
}
