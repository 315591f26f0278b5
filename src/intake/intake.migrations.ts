import { sql, type Kysely, type Migration } from 'kysely';

export const intakeMigrations: Record<string, Migration> = {
  '2026-11-25T2220_reports': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create sequence report_reference_seq`.execute(db);
      await db.schema
        .createTable('reports')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web_form', 'api', 'hotline', 'esp')`))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
        .addColumn('incident_type', 'text', (c) => c.notNull())
        .addColumn('state', 'text')
        .addColumn('city', 'text')
        .addColumn('child_ages', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('escalated', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('anonymous', 'boolean', (c) => c.notNull())
        // The whole tip as submitted, encrypted: narrative, names and contact details live only here.
        .addColumn('body_enc', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_queue').on('reports').columns(['status', 'received_at', 'id']).execute();
      await db.schema.createIndex('reports_state').on('reports').columns(['state', 'received_at']).execute();

      await db.schema
        .createTable('report_idempotency_keys')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  '2026-12-06T2330_reports_received': {
    // The statistics rollup reads the months touched since its last run: by received_at alone.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createIndex('reports_received').on('reports').column('received_at').execute();
    },
  },
};
