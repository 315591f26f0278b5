import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../database.ts';
import type { ReportsTable } from './intake.tables.ts';
import type { auditValues, RecordScope } from '../security/index.ts';
import type { Insertable, SelectQueryBuilder } from 'kysely';
import { enqueueStatement } from '../core/jobs.ts';
import { TIP_ANALYSIS_JOB } from '../shared/jobs.ts';

type Trx = Transaction<Database>;

export interface NewReport {
  row: Omit<Insertable<ReportsTable>, 'reference'>;
  claim?: { keyHash: string; requestHash: string } | undefined;
  audit: ReturnType<typeof auditValues>;
}

/**
 * Report, idempotency key, audit entry and the tip's analysis job in ONE statement (data-modifying
 * CTEs): one round trip and atomic without BEGIN/COMMIT. A key already taken raises a unique
 * violation that aborts it all.
 */
export async function insertReportAtomically(db: Db, r: NewReport): Promise<string> {
  const row = r.row;
  const year = new Date(row.received_at as Date).getUTCFullYear();
  const claim = r.claim
    ? sql`, claim as (insert into report_idempotency_keys (key_hash, request_hash, report_id)
                      select ${r.claim.keyHash}, ${r.claim.requestHash}, id from rep)`
    : sql``;
  const a = r.audit;
  const { rows } = await sql<{ reference: string }>`
    with rep as (
      insert into reports (id, reference, received_at, channel, incident_type, state, city, child_ages, escalated, anonymous, body_enc)
      values (${row.id}, ${`BCN-${year}-`} || lpad(nextval('report_reference_seq')::text, 6, '0'), ${row.received_at}, ${row.channel},
              ${row.incident_type}, ${row.state ?? null}, ${row.city ?? null}, ${row.child_ages ?? []}::integer[], ${row.escalated ?? false},
              ${row.anonymous}, ${row.body_enc})
      returning id, reference
    )${claim}, aud as (
      insert into audit_entries (at, actor_id, actor_label, action, target_type, target_id, request_id, details)
      select ${a.at}, ${a.actor_id}, ${a.actor_label}, ${a.action}, 'report', reference, ${a.request_id}, ${a.details}::jsonb from rep
    ), job as (${enqueueStatement(TIP_ANALYSIS_JOB, sql`select jsonb_build_object('reportId', id) from rep`)})
    select reference from rep`.execute(db);
  return rows[0]!.reference;
}

export function isIdempotencyConflict(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'report_idempotency_keys_pkey';
}

export async function findByIdempotencyKey(db: Db | Trx, keyHash: string) {
  return db
    .selectFrom('report_idempotency_keys as k')
    .innerJoin('reports as r', 'r.id', 'k.report_id')
    .select(['r.reference', 'k.request_hash'])
    .where('k.key_hash', '=', keyHash)
    .executeTakeFirst();
}

function inScope<O>(q: SelectQueryBuilder<Database, 'reports', O>, scope: RecordScope) {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'jurisdictions':
      return q.where('reports.state', 'in', [...scope.states]);
    case 'assigned':
    case 'none':
      // Assignment of tips arrives with referrals and cases; until then nothing is assigned.
      return q.where(sql<boolean>`false`);
  }
}

export interface QueueCursor {
  receivedAt: string;
  id: string;
}

export async function listQueue(
  db: Db | Trx,
  scope: RecordScope,
  opts: { status: string; limit: number; before?: QueueCursor | undefined },
) {
  let q = inScope(
    db
      .selectFrom('reports')
      .select([
        'id',
        'reference',
        'received_at',
        'channel',
        'status',
        'incident_type',
        'state',
        'city',
        'child_ages',
        'escalated',
      ])
      .where('status', '=', opts.status),
    scope,
  );
  if (opts.before) {
    const { receivedAt, id } = opts.before;
    q = q.where(sql<boolean>`(received_at, id) < (${receivedAt}::timestamptz, ${id}::uuid)`);
  }
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function findReportByReference(db: Db | Trx, scope: RecordScope, reference: string) {
  return inScope(db.selectFrom('reports').selectAll().where('reference', '=', reference), scope).executeTakeFirst();
}

export async function countReports(db: Db): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Tips for an export, oldest first, within the scope; `since` compares with when they arrived. */
export async function listReportsForExport(db: Db | Trx, scope: RecordScope, opts: { since?: Date | undefined }) {
  let q = inScope(db.selectFrom('reports').select(['id', 'reference', 'received_at', 'channel', 'status', 'body_enc']), scope);
  if (opts.since) q = q.where('received_at', '>=', opts.since);
  return q.orderBy('received_at').orderBy('id').execute();
}

/** Tips received in a calendar year (UTC), counted by state, type and channel: for published statistics. */
export async function tipCountsOfYear(db: Db, year: number) {
  const rows = await db
    .selectFrom('reports')
    .select(['state', 'incident_type as category', 'channel'])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('received_at', '>=', new Date(Date.UTC(year, 0, 1)))
    .where('received_at', '<', new Date(Date.UTC(year + 1, 0, 1)))
    .groupBy(['state', 'incident_type', 'channel'])
    .execute();
  return rows.map((r) => ({ state: r.state, category: r.category, channel: r.channel, count: Number(r.count) }));
}

/** Tip counts by month (UTC), state, type and channel, for the months from `fromMonth` on: the statistics rollup. */
export async function tipMonthCounts(db: Db, fromMonth: Date) {
  const rows = await db
    .selectFrom('reports')
    .select([
      sql<string>`to_char(date_trunc('month', received_at at time zone 'UTC'), 'YYYY-MM')`.as('month'),
      'state',
      'incident_type as category',
      'channel',
    ])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('received_at', '>=', fromMonth)
    .groupBy([sql`1`, 'state', 'incident_type', 'channel'])
    .execute();
  return rows.map((r) => ({ month: r.month, state: r.state, category: r.category, channel: r.channel, count: Number(r.count) }));
}
