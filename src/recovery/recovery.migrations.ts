import { sql, type Kysely, type Migration } from 'kysely';

const id = 'uuid';
const staffRef = 'staff_users.id';

export const recoveryMigrations: Record<string, Migration> = {
  '2026-12-06T2300_recovery_plans': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('plan_templates')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('family_id', id, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', id, (c) => c.references(staffRef))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('published_at', 'timestamptz')
        .addUniqueConstraint('plan_templates_family_version', ['family_id', 'version'])
        .execute();

      await db.schema
        .createTable('assistance_plans')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('case_id', id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('template_id', id, (c) => c.references('plan_templates.id'))
        .addColumn('current_version', 'integer', (c) => c.notNull())
        .addColumn('review_every_months', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(6)
            .check(sql`review_every_months between 1 and 24`),
        )
        .addColumn('created_by', id, (c) => c.references(staffRef))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('submitted_at', 'timestamptz')
        .addColumn('approved_at', 'timestamptz')
        .addColumn('approved_by', id, (c) => c.references(staffRef))
        .addColumn('approved_version', 'integer')
        .addColumn('last_reviewed_at', 'timestamptz')
        .addColumn('closed_at', 'timestamptz')
        .execute();
      // One plan in force a case; a closed plan stays for the record.
      await db.schema
        .createIndex('assistance_plans_one_open')
        .on('assistance_plans')
        .column('case_id')
        .unique()
        .where(sql.ref('closed_at'), 'is', null)
        .execute();

      await db.schema
        .createTable('plan_versions')
        // Its own id: key rotation walks a sealed column by a single key.
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('plan_id', id, (c) => c.notNull().references('assistance_plans.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content_enc', 'text', (c) => c.notNull())
        .addColumn('saved_by', id, (c) => c.references(staffRef))
        .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('plan_versions_plan_version', ['plan_id', 'version'])
        .execute();

      await db.schema
        .createTable('plan_progress')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('plan_id', id, (c) => c.notNull().references('assistance_plans.id').onDelete('cascade'))
        .addColumn('action_id', 'text', (c) => c.notNull())
        .addColumn('done_on', 'date')
        .addColumn('note_enc', 'text')
        .addColumn('recorded_by', id, (c) => c.notNull().references(staffRef))
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('plan_progress_something', sql`done_on is not null or note_enc is not null`)
        .execute();
      await db.schema.createIndex('plan_progress_plan').on('plan_progress').columns(['plan_id', 'recorded_at']).execute();

      await db.schema
        .createTable('plan_participants')
        .addColumn('plan_id', id, (c) => c.notNull().references('assistance_plans.id').onDelete('cascade'))
        .addColumn('user_id', id, (c) => c.notNull().references(staffRef).onDelete('cascade'))
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .addColumn('invited_by', id, (c) => c.references(staffRef))
        .addColumn('invited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('plan_participants_pkey', ['plan_id', 'user_id'])
        .execute();
      await db.schema.createIndex('plan_participants_user').on('plan_participants').column('user_id').execute();

      await db.schema
        .createTable('plan_consents')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('plan_id', id, (c) => c.notNull().references('assistance_plans.id').onDelete('cascade'))
        .addColumn('given_by', 'text', (c) => c.notNull().check(sql`given_by in ('young_person', 'guardian')`))
        .addColumn('recipient_kind', 'text', (c) => c.notNull())
        .addColumn('organisation', 'text')
        .addColumn('shares', sql`text[]`, (c) => c.notNull())
        .addColumn('given_on', 'date', (c) => c.notNull())
        .addColumn('expires_on', 'date', (c) => c.notNull())
        .addColumn('revoked_on', 'date')
        .addColumn('recorded_by', id, (c) => c.references(staffRef))
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('plan_consents_dates', sql`expires_on > given_on`)
        .execute();

      await db.schema
        .createTable('plan_services')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('plan_id', id, (c) => c.notNull().references('assistance_plans.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('provider_id', id)
        .addColumn('provider_name', 'text', (c) => c.notNull())
        .addColumn('appointment_at', 'timestamptz')
        .addColumn('provided', 'text', (c) => c.notNull().check(sql`provided in ('yes', 'no', 'pending')`))
        .addColumn('reason_not_provided_enc', 'text')
        .addColumn('recorded_by', id, (c) => c.references(staffRef))
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await sql`create sequence plan_referral_reference_seq`.execute(db);
      await db.schema
        .createTable('plan_referrals')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('plan_id', id, (c) => c.notNull().references('assistance_plans.id').onDelete('cascade'))
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('service_kind', 'text', (c) => c.notNull())
        .addColumn('recipient_kind', 'text', (c) => c.notNull())
        .addColumn('provider_id', id)
        .addColumn('provider_name', 'text', (c) => c.notNull())
        .addColumn('provider_contact', 'text')
        .addColumn('need_domains', sql`text[]`, (c) => c.notNull())
        .addColumn('consent_id', id, (c) => c.references('plan_consents.id'))
        .addColumn('legal_reason_enc', 'text')
        .addColumn('legal_reason_by', id, (c) => c.references(staffRef))
        .addColumn('state', 'text', (c) =>
          c
            .notNull()
            .defaultTo('in_progress')
            .check(sql`state in ('in_progress', 'accepted', 'declined', 'done', 'revoked')`),
        )
        .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('successful', 'not_successful')`))
        .addColumn('unsuccessful_reason', 'text')
        .addColumn('note_enc', 'text')
        .addColumn('sent_by', id, (c) => c.references(staffRef))
        .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        // Sent only with a consent or a supervisor's recorded legal reason: kept by the database too.
        .addCheckConstraint('plan_referrals_grounds', sql`consent_id is not null or legal_reason_enc is not null`)
        .addCheckConstraint('plan_referrals_done', sql`state <> 'done' or outcome is not null`)
        .execute();
      await db.schema.createIndex('plan_referrals_plan').on('plan_referrals').columns(['plan_id', 'sent_at']).execute();
    },
  },
  '2026-12-06T2342_recovery_template_review': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('plan_templates')
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'timestamptz')
        .execute();
    },
  },
};
