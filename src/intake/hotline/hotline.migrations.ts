import { sql, type Kysely, type Migration } from 'kysely';

export const hotlineMigrations: Record<string, Migration> = {
  '2026-11-25T2310_report_drafts': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('report_drafts')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('operator_id', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .defaultTo('draft')
            .check(sql`status in ('draft', 'submitted', 'discarded')`),
        )
        // The partial report as typed during the call; like a tip, it exists only as ciphertext.
        .addColumn('body_enc', 'text', (c) => c.notNull())
        .addColumn('call_started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('call_ended_at', 'timestamptz')
        .addColumn('call_language', 'text')
        .addColumn('caller_type', 'text')
        .addColumn('callback_consent', 'boolean')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        // When a save was last written to the audit log: saves are audited at most once a minute.
        .addColumn('save_audited_at', 'timestamptz')
        .addColumn('report_reference', 'text')
        .addCheckConstraint('report_drafts_submitted_reference', sql`(status = 'submitted') = (report_reference is not null)`)
        .execute();
      await db.schema
        .createIndex('report_drafts_operator_open')
        .on('report_drafts')
        .columns(['operator_id', 'status', 'updated_at'])
        .execute();
    },
  },
};
