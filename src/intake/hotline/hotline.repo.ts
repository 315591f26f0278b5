import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Database, Db } from '../../database.ts';
import type { ReportDraftsTable } from '../intake.tables.ts';

type Trx = Transaction<Database>;

/** Every read is limited to the operator's own drafts: someone else's draft is simply not found. */
export async function insertDraft(trx: Trx, row: Insertable<ReportDraftsTable>) {
  return trx.insertInto('report_drafts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listOpenDrafts(db: Db | Trx, operatorId: string) {
  return db
    .selectFrom('report_drafts')
    .select([
      'id',
      'version',
      'call_started_at',
      'call_ended_at',
      'call_language',
      'caller_type',
      'callback_consent',
      'updated_at',
    ])
    .where('operator_id', '=', operatorId)
    .where('status', '=', 'draft')
    .orderBy('updated_at', 'desc')
    .limit(50)
    .execute();
}

export async function findOwnDraft(db: Db | Trx, operatorId: string, id: string) {
  return db.selectFrom('report_drafts').selectAll().where('id', '=', id).where('operator_id', '=', operatorId).executeTakeFirst();
}

/** The row locked until the transaction ends: saves and submits of one draft take turns. */
export async function lockOwnDraft(trx: Trx, operatorId: string, id: string) {
  return trx
    .selectFrom('report_drafts')
    .selectAll()
    .where('id', '=', id)
    .where('operator_id', '=', operatorId)
    .forUpdate()
    .executeTakeFirst();
}

/** Every change bumps the version; `endCall` stamps the end of the call once, with the database's clock. */
export async function updateDraft(
  trx: Trx,
  id: string,
  changes: Updateable<ReportDraftsTable>,
  opts: { endCall?: boolean } = {},
) {
  return trx
    .updateTable('report_drafts')
    .set({
      ...changes,
      ...(opts.endCall ? { call_ended_at: sql<Date>`coalesce(call_ended_at, now())` } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returning(['version', 'updated_at'])
    .executeTakeFirstOrThrow();
}
