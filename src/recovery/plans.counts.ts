import { sql } from 'kysely';
import type { Db } from '../database.ts';

/** Victim assistance plans opened, approved and closed, by month (UTC): counts only, for the statistics rollup. */
export async function planCounts(db: Db): Promise<{ month: string; event: 'opened' | 'approved' | 'closed'; count: number }[]> {
  const rows = await sql<{ month: string; event: 'opened' | 'approved' | 'closed'; count: string }>`
    select to_char(at at time zone 'UTC', 'YYYY-MM') as month, event, count(*) as count
    from (
      select created_at as at, 'opened' as event from assistance_plans
      union all select approved_at, 'approved' from assistance_plans where approved_at is not null
      union all select closed_at, 'closed' from assistance_plans where closed_at is not null
    ) as events
    group by 1, 2`.execute(db);
  return rows.rows.map((r) => ({ month: r.month, event: r.event, count: Number(r.count) }));
}
