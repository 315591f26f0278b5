import { sql } from 'kysely';
import type { Db } from '../../database.ts';

/** Hours from a tip's receipt to its referral: whole hours under a day, whole days (in hours) after, capped at 31 days. */
const MAX_HOURS = 24 * 31;

interface ReferralCounts {
  /** Referrals sent, by month sent, the tip's state and the time since the tip came in (see MAX_HOURS). */
  times: { month: string; state: string; hours: number; count: number }[];
  /** Referrals by month sent, state, agency (its name) and where they stand: the outcome, or the status. */
  outcomes: { month: string; state: string; agency: string; outcome: string; count: number }[];
  /** Referrals still unacknowledged past their acknowledgement deadline, by the deadline's month. */
  overdue: { month: string; state: string; agency: string; count: number }[];
}

const month = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM')`;

/**
 * Counts only, for the statistics rollup: nothing of a tip or a child. `timesSince` limits the
 * times to referrals sent from then on (a referral's time never changes once sent).
 */
export async function referralCounts(db: Db, now: Date, timesSince: Date): Promise<ReferralCounts> {
  const base = db
    .selectFrom('referrals as r')
    .innerJoin('tip_triage as t', 't.report_id', 'r.report_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id');
  const h = sql<number>`greatest(0, floor(extract(epoch from r.sent_at - t.received_at) / 3600))`;
  const times = await base
    .select([
      month('r.sent_at').as('month'),
      sql<string>`coalesce(t.state, 'unknown')`.as('state'),
      sql<number>`least(${MAX_HOURS}, (case when ${h} < 24 then ${h} else floor(${h} / 24) * 24 end))::int`.as('hours'),
    ])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('r.sent_at', '>=', timesSince)
    .groupBy([sql`1`, sql`2`, sql`3`])
    .execute();
  const outcomes = await base
    .select([
      month('r.sent_at').as('month'),
      sql<string>`coalesce(t.state, 'unknown')`.as('state'),
      'a.name as agency',
      sql<string>`coalesce(r.outcome, r.status)`.as('outcome'),
    ])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .groupBy([sql`1`, sql`2`, 'a.name', sql`4`])
    .execute();
  const overdue = await base
    .select([month('r.acknowledge_by').as('month'), sql<string>`coalesce(t.state, 'unknown')`.as('state'), 'a.name as agency'])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('r.status', '=', 'sent')
    .where('r.acknowledge_by', '<', now)
    .groupBy([sql`1`, sql`2`, 'a.name'])
    .execute();
  return {
    times: times.map((r) => ({ ...r, count: Number(r.count) })),
    outcomes: outcomes.map((r) => ({ ...r, count: Number(r.count) })),
    overdue: overdue.map((r) => ({ ...r, count: Number(r.count) })),
  };
}
