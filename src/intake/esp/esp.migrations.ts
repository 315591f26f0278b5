import { sql, type Kysely, type Migration } from 'kysely';

export const espMigrations: Record<string, Migration> = {
  '2026-11-25T2301_esp_reports_files': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // A report an ESP is still putting together: invisible to analysts until it is finished.
      await db.schema
        .createTable('esp_reports')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('token_id', 'uuid', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'finishing', 'finished', 'retracted')`))
        .addColumn('idempotency_key_hash', 'text', (c) => c.unique())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('body_enc', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz')
        .addColumn('retracted_at', 'timestamptz')
        .addColumn('retract_reason', 'text', (c) => c.check(sql`retract_reason in ('esp', 'expired')`))
        .addColumn('report_id', 'uuid', (c) => c.references('reports.id'))
        .addColumn('reference', 'text')
        .execute();
      await sql`create index esp_reports_open on esp_reports (opened_at) where status = 'open'`.execute(db);

      await db.schema
        .createTable('esp_files')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('esp_report_id', 'uuid', (c) => c.notNull().references('esp_reports.id'))
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('md5', 'text', (c) => c.notNull())
        // Null in hash-only mode or once the bytes are discarded (retraction).
        .addColumn('storage_key', 'text')
        // The file's own AES key, sealed by the keyring, so key rotation re-wraps it without touching the file.
        .addColumn('data_key_enc', 'text')
        // Upload name, declared type, EXIF GPS and the ESP's file details.
        .addColumn('meta_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('esp_files_report').on('esp_files').column('esp_report_id').execute();
      await db.schema.createIndex('esp_files_sha256').on('esp_files').column('sha256').execute();
    },
  },
  '2026-12-07T0504_esp_files_key_with_report': {
    // Citus (docs/scale.md): a distributed table's unique keys include its distribution column (esp_report_id).
    // The id stays indexed for lookups by id alone; random UUIDs keep it unique in practice.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`alter table esp_files drop constraint esp_files_pkey, add primary key (esp_report_id, id)`.execute(db);
      await sql`create index esp_files_id on esp_files (id)`.execute(db);
    },
  },
};
