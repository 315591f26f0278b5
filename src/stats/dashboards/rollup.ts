import type { Db } from '../../database.ts';

export type TipMonthCount = { month: string; state: string | null; category: string; channel: string; count: number };
export type MissingYearCount = { year: number; state: string; leftFrom: string; likely: boolean; count: number };

/** What the rollup asks of intake and cases, passed in at composition (src/modules.ts). */
export interface RollupSources {
  tipMonthCounts(db: Db, fromMonth: Date): Promise<TipMonthCount[]>;
  missingEpisodeCounts(db: Db): Promise<MissingYearCount[]>;
}

/**
 * Refreshes the dashboards' rollups. Tips: the months from the start of the previous month on
 * (tips are stamped when received, so older months no longer change), or every month when the
 * rollup was never built. Missing children: recounted whole (episodes change as they are worked).
 */
export async function refreshRollups(
  db: Db,
  sources: RollupSources,
  now = new Date(),
): Promise<{ tipRows: number; missingRows: number }> {
  const built = await db.selectFrom('stats_rollups').select('refreshed_at').where('name', '=', 'tips').executeTakeFirst();
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
    for (const name of ['tips', 'missing'])
      await trx
        .insertInto('stats_rollups')
        .values({ name, refreshed_at: now })
        .onConflict((oc) => oc.column('name').doUpdateSet({ refreshed_at: now }))
        .execute();
  });
  return { tipRows: tips.length, missingRows: missing.length };
}
