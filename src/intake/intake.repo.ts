import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database, ReportsTable } from '../db/schema.ts';
import type { RecordScope } from '../security/policy.ts';
import type { Insertable, SelectQueryBuilder } from 'kysely';

type Trx = Transaction<Database>;

export async function nextReferenceNumber(trx: Trx): Promise<number> {
  const { rows } = await sql<{ n: number }>`select nextval('report_reference_seq')::int as n`.execute(trx);
  return rows[0]!.n;
}

export async function insertReport(trx: Trx, row: Insertable<ReportsTable>): Promise<void> {
  await trx.insertInto('reports').values(row).execute();
}

/** Returns false when another submission already claimed the key. */
export async function claimIdempotencyKey(trx: Trx, keyHash: string, requestHash: string, reportId: string): Promise<boolean> {
  const claimed = await trx
    .insertInto('report_idempotency_keys')
    .values({ key_hash: keyHash, request_hash: requestHash, report_id: reportId })
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .returning('key_hash')
    .executeTakeFirst();
  return claimed !== undefined;
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

export async function listQueue(db: Db | Trx, scope: RecordScope, opts: { status: string; limit: number; before?: QueueCursor | undefined }) {
  let q = inScope(
    db
      .selectFrom('reports')
      .select(['id', 'reference', 'received_at', 'channel', 'status', 'incident_type', 'state', 'city', 'child_ages', 'escalated'])
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
  const row = await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function reportBodies(db: Db, afterId: string | null, limit: number) {
  let q = db.selectFrom('reports').select(['id', 'body_enc']).orderBy('id').limit(limit);
  if (afterId) q = q.where('id', '>', afterId);
  return q.execute();
}

export async function updateReportBody(db: Db, id: string, expected: string, next: string): Promise<boolean> {
  const res = await db.updateTable('reports').set({ body_enc: next }).where('id', '=', id).where('body_enc', '=', expected).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Tips for an export, oldest first, within the scope; `since` compares with when they arrived. */
export async function listReportsForExport(db: Db | Trx, scope: RecordScope, opts: { since?: Date | undefined }) {
  let q = inScope(
    db.selectFrom('reports').select(['id', 'reference', 'received_at', 'channel', 'status', 'body_enc']),
    scope,
  );
  if (opts.since) q = q.where('received_at', '>=', opts.since);
  return q.orderBy('received_at').orderBy('id').execute();
}
