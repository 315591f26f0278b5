import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { open, type Keyring } from '../security/index.ts';
import { caseBody } from './cases.sealed.ts';

type Q = Kysely<Database>;

type AgeBand = 'under_12' | '12_14' | '15_17' | '18_plus' | 'unknown';

/** The child's age when the case was opened: from the date of birth, else the approximate age recorded. */
export function ageBandOf(openedAt: Date, dateOfBirth?: string, approximateAge?: number): AgeBand {
  let age = approximateAge;
  if (dateOfBirth) {
    const born = new Date(`${dateOfBirth}T00:00:00Z`);
    age = openedAt.getUTCFullYear() - born.getUTCFullYear();
    const beforeBirthday =
      openedAt.getUTCMonth() < born.getUTCMonth() ||
      (openedAt.getUTCMonth() === born.getUTCMonth() && openedAt.getUTCDate() < born.getUTCDate());
    if (beforeBirthday) age -= 1;
  }
  if (age === undefined || age < 0) return 'unknown';
  return age < 12 ? 'under_12' : age < 15 ? '12_14' : age < 18 ? '15_17' : '18_plus';
}

interface ChildCount {
  month: string;
  state: string;
  gender: string;
  ageBand: AgeBand;
  count: number;
}

const BATCH = 5000;

/**
 * Cases opened, by month, state, the child's gender and age band, for the statistics rollup: counts
 * only. Gender and age live in the sealed case body, so only the months in which some case changed
 * since `touchedSince` are recounted (every month when null); `months` says which were.
 */
export async function childCounts(
  q: Q,
  keyring: Keyring,
  touchedSince: Date | null,
): Promise<{ months: string[]; rows: ChildCount[] }> {
  const opened = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM')`;
  let touched = q.selectFrom('cases').select(opened.as('month')).distinct();
  if (touchedSince) touched = touched.where('updated_at', '>=', touchedSince);
  const months = (await touched.execute()).map((r) => r.month).sort();
  if (months.length === 0) return { months, rows: [] };
  const counts = new Map<string, ChildCount>();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    let page = q
      .selectFrom('cases')
      .select(['id', 'state', 'created_at', 'body_enc', opened.as('month')])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH);
    if (touchedSince) page = page.where(opened, 'in', months);
    const rows = await page.execute();
    for (const row of rows) {
      const { identity } = open(keyring, caseBody, row.body_enc);
      const count: ChildCount = {
        month: row.month,
        state: row.state ?? 'unknown',
        gender: identity.gender ?? 'unknown',
        ageBand: ageBandOf(row.created_at, identity.dateOfBirth, identity.approximateAge),
        count: 0,
      };
      const id = [count.month, count.state, count.gender, count.ageBand].join('|');
      (counts.get(id) ?? counts.set(id, count).get(id)!).count += 1;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  return { months, rows: [...counts.values()] };
}

type ReportStanding = 'on_time' | 'late' | 'overdue' | 'due';

/**
 * The two 24-hour reports of every episode of a missing child (to law enforcement and to the
 * clearinghouse; 42 U.S.C. 671(a)(34), see rules/deadlines.ts), by the month the child was known
 * missing and the case's state: made in time, made late, not made and overdue, or not yet due.
 */
export async function reportClockCounts(q: Q, now: Date) {
  const standing = (column: 'e.reported_le_at' | 'e.reported_ch_at') => sql<ReportStanding>`case
    when ${sql.ref(column)} is null then case when e.known_missing_at + interval '24 hours' < ${now} then 'overdue' else 'due' end
    when ${sql.ref(column)} <= e.known_missing_at + interval '24 hours' then 'on_time' else 'late' end`;
  const rows = await q
    .selectFrom('case_episodes as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select([
      sql<string>`to_char(e.known_missing_at at time zone 'UTC', 'YYYY-MM')`.as('month'),
      sql<string>`coalesce(c.state, 'unknown')`.as('state'),
      standing('e.reported_le_at').as('lawEnforcement'),
      standing('e.reported_ch_at').as('clearinghouse'),
    ])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`])
    .execute();
  return rows.flatMap((r) => [
    { month: r.month, state: r.state, report: 'law_enforcement', standing: r.lawEnforcement, count: Number(r.count) },
    { month: r.month, state: r.state, report: 'clearinghouse', standing: r.clearinghouse, count: Number(r.count) },
  ]);
}
