import { sql, type Kysely, type Migration } from 'kysely';

export const trainingMigrations: Record<string, Migration> = {
  '2026-12-06T2347_training_certificates': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('training_certificates')
        .addColumn('status_index', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        // A professional's own name on their own certificate, shown to anyone holding the code.
        .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 120`))
        .addColumn('course', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('en', 'es')`))
        .addColumn('pass_id', 'text', (c) => c.notNull().unique())
        .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('revoked_at', 'timestamptz')
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('training_certificates').execute();
    },
  },
};
