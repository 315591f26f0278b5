import type { Insertable, Transaction, Updateable } from 'kysely';
import type { Database, Db } from '../../database.ts';
import type { EspFilesTable, EspReportsTable } from '../intake.tables.ts';

type Trx = Transaction<Database>;

/** Returns false when the idempotency key was already claimed (by this ESP, earlier or concurrently). */
export async function insertEspReport(trx: Trx, row: Insertable<EspReportsTable>): Promise<boolean> {
  const inserted = await trx
    .insertInto('esp_reports')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key_hash').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findByKey(db: Db | Trx, keyHash: string) {
  return db
    .selectFrom('esp_reports')
    .select(['id', 'request_hash'])
    .where('idempotency_key_hash', '=', keyHash)
    .executeTakeFirst();
}

/** Every read is limited to the organisation that opened the report: another ESP's report is "not found". */
export async function lockEspReport(trx: Trx, organisation: string, id: string) {
  return trx
    .selectFrom('esp_reports')
    .select(['id', 'status', 'body_enc', 'reference', 'finished_at'])
    .where('id', '=', id)
    .where('organisation', '=', organisation)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockEspReportById(trx: Trx, id: string) {
  return trx
    .selectFrom('esp_reports')
    .select(['id', 'status', 'organisation', 'body_enc'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setStatus(
  trx: Trx,
  id: string,
  values: Pick<
    Updateable<EspReportsTable>,
    'status' | 'finished_at' | 'retracted_at' | 'retract_reason' | 'report_id' | 'reference'
  >,
) {
  await trx.updateTable('esp_reports').set(values).where('id', '=', id).execute();
}

export async function countFiles(trx: Trx, espReportId: string): Promise<number> {
  const row = await trx
    .selectFrom('esp_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('esp_report_id', '=', espReportId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertFile(trx: Trx, row: Insertable<EspFilesTable>): Promise<void> {
  await trx.insertInto('esp_files').values(row).execute();
}

export async function findFile(trx: Trx, espReportId: string, fileId: string) {
  return trx
    .selectFrom('esp_files')
    .select(['id', 'meta_enc'])
    .where('esp_report_id', '=', espReportId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function updateFileMeta(trx: Trx, fileId: string, metaEnc: string): Promise<void> {
  await trx.updateTable('esp_files').set({ meta_enc: metaEnc }).where('id', '=', fileId).execute();
}

/** Forgets where a report's bytes are (they are deleted after commit); returns the keys to delete. */
export async function detachStoredFiles(trx: Trx, espReportId: string): Promise<string[]> {
  const rows = await trx
    .updateTable('esp_files')
    .set({ storage_key: null, data_key_enc: null })
    .where('esp_report_id', '=', espReportId)
    .where('storage_key', 'is not', null)
    .returning('id')
    .execute();
  return rows.map((r) => `${r.id}.enc`);
}

export async function staleReports(
  db: Db,
  status: 'open' | 'finishing',
  before: Date,
  column: 'opened_at' | 'finished_at',
  limit: number,
) {
  return db
    .selectFrom('esp_reports')
    .select('id')
    .where('status', '=', status)
    .where(column, '<', before)
    .orderBy(column)
    .limit(limit)
    .execute();
}

export async function reportIdByReference(trx: Trx, reference: string): Promise<string | undefined> {
  return (await trx.selectFrom('reports').select('id').where('reference', '=', reference).executeTakeFirst())?.id;
}

// Read side for staff: the files of the ESP report that became a tip. Callers check the tip's scope first.
const tipFileColumns = [
  'f.id',
  'f.mime_type',
  'f.size_bytes',
  'f.sha256',
  'f.md5',
  'f.storage_key',
  'f.data_key_enc',
  'f.meta_enc',
  'f.created_at',
  'r.report_id',
] as const;

export async function filesOfTips(db: Db | Trx, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return (
    db
      .selectFrom('esp_files as f')
      .innerJoin('esp_reports as r', 'r.id', 'f.esp_report_id')
      .select(tipFileColumns)
      // One array parameter, not one per id: a bulk export may cover more tips than PostgreSQL's parameter limit.
      .where((eb) => eb('r.report_id', '=', eb.fn.any(eb.val([...reportIds]))))
      .orderBy('f.created_at')
      .orderBy('f.id')
      .execute()
  );
}

export async function fileOfTip(db: Db | Trx, reportId: string, fileId: string) {
  return db
    .selectFrom('esp_files as f')
    .innerJoin('esp_reports as r', 'r.id', 'f.esp_report_id')
    .select(tipFileColumns)
    .where('r.report_id', '=', reportId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}
