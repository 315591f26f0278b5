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
  '2026-12-07T0201_training_learners': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('training_learners')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        // Stored lower-cased: one account an address.
        .addColumn('email', 'text', (c) =>
          c
            .notNull()
            .unique()
            .check(sql`email = lower(email) and length(email) <= 254`),
        )
        .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 120`))
        .addColumn('organisation', 'text', (c) => c.notNull().check(sql`length(organisation) between 1 and 200`))
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('education', 'health_care', 'child_welfare', 'law_enforcement', 'other')`),
        )
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state ~ '^[A-Z]{2}$'`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('training_learner_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('learner_id', 'uuid', (c) => c.notNull().references('training_learners.id').onDelete('cascade'))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .alterTable('training_certificates')
        .addColumn('learner_id', 'uuid', (c) => c.references('training_learners.id').onDelete('set null'))
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.alterTable('training_certificates').dropColumn('learner_id').execute();
      await db.schema.dropTable('training_learner_sessions').execute();
      await db.schema.dropTable('training_learners').execute();
    },
  },
  '2026-12-07T0202_training_sessions': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('training_sessions')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('course', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('en', 'es')`))
        .addColumn('place', 'text', (c) => c.notNull().check(sql`length(place) between 1 and 300`))
        .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
        .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 1000`))
        .addColumn('created_by', 'uuid', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('training_sessions_ends_after_start', sql`ends_at > starts_at`)
        .execute();
      await db.schema
        .createTable('training_bookings')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('session_id', 'uuid', (c) => c.notNull().references('training_sessions.id').onDelete('cascade'))
        // Registration order: the waitlist is served in it.
        .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
        .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 120`))
        .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email) and length(email) <= 254`))
        .addColumn('learner_id', 'uuid', (c) => c.references('training_learners.id').onDelete('set null'))
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('booked', 'waitlisted', 'cancelled', 'attended', 'no_show')`),
        )
        .addColumn('manage_token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('certificate_code', 'text')
        .addColumn('reminded_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create unique index training_bookings_one_active on training_bookings (session_id, email) where status in ('booked', 'waitlisted')`.execute(
        db,
      );
      await db.schema.createIndex('training_bookings_session').on('training_bookings').columns(['session_id', 'seq']).execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('training_bookings').execute();
      await db.schema.dropTable('training_sessions').execute();
    },
  },
  '2026-12-07T0203_training_outbox': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('training_outbox')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('kind', 'text', (c) =>
          c.notNull().check(sql`kind in ('confirmation', 'waitlisted', 'promotion', 'cancellation', 'reminder')`),
        )
        .addColumn('booking_id', 'uuid', (c) => c.references('training_bookings.id').onDelete('cascade'))
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('ics', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        // Set before handing the message to the server: a claim left by a crash is never resent.
        .addColumn('claimed_at', 'timestamptz')
        .addColumn('sent_at', 'timestamptz')
        .addColumn('last_error', 'text')
        .execute();
      await sql`create index training_outbox_due on training_outbox (next_attempt_at) where sent_at is null and claimed_at is null`.execute(
        db,
      );
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('training_outbox').execute();
    },
  },
};
