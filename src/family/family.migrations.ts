import { sql, type Kysely, type Migration } from 'kysely';

const id = 'uuid';
const staffRef = 'staff_users.id';
const list = sql`text[]`;

export const familyMigrations: Record<string, Migration> = {
  '2026-12-06T2347_family_volunteers': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('families')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('details_enc', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('languages', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('experience', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('preferences', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('created_by', id, (c) => c.references(staffRef))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable('volunteers')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('user_id', id, (c) => c.unique().references(staffRef))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('languages', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('regions', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('lived_experience', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('preferences', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('family_limit', 'integer', (c) => c.notNull().check(sql`family_limit between 0 and 10`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable('volunteer_stages')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('volunteer_id', id, (c) => c.notNull().references('volunteers.id').onDelete('cascade'))
        .addColumn('stage', 'text', (c) =>
          c.notNull().check(sql`stage in ('application', 'background_check', 'training', 'interview', 'confidentiality')`),
        )
        .addColumn('completed_on', 'date', (c) => c.notNull())
        .addColumn('valid_until', 'date')
        .addColumn('recorded_by', id, (c) => c.references(staffRef))
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('volunteer_stages_valid_after_done', sql`valid_until is null or valid_until >= completed_on`)
        .execute();
      await db.schema.createIndex('volunteer_stages_volunteer').on('volunteer_stages').column('volunteer_id').execute();

      await db.schema
        .createTable('peer_matches')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('family_id', id, (c) => c.notNull().references('families.id').onDelete('cascade'))
        .addColumn('volunteer_id', id, (c) => c.notNull().references('volunteers.id').onDelete('cascade'))
        .addColumn('reasons', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('confirmed_by', id, (c) => c.notNull().references(staffRef))
        .addColumn('started_on', 'date', (c) => c.notNull())
        .addColumn('consent_on', 'date')
        .addColumn('consent_recorded_by', id, (c) => c.references(staffRef))
        .addColumn('ended_on', 'date')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createIndex('peer_matches_one_open')
        .on('peer_matches')
        .columns(['family_id', 'volunteer_id'])
        .unique()
        .where(sql.ref('ended_on'), 'is', null)
        .execute();

      await db.schema
        .createTable('peer_calls')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('match_id', id, (c) => c.notNull().references('peer_matches.id').onDelete('cascade'))
        .addColumn('called_on', 'date', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes between 1 and 600`))
        .addColumn('topics', list, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('follow_up_needed', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('note_enc', 'text')
        .addColumn('logged_by', id, (c) => c.notNull().references(staffRef))
        .addColumn('logged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('peer_calls_match').on('peer_calls').columns(['match_id', 'called_on']).execute();
    },
  },
  '2026-12-06T2348_family_advocacy': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('family_advocates')
        .addColumn('family_id', id, (c) => c.notNull().references('families.id').onDelete('cascade'))
        .addColumn('user_id', id, (c) => c.notNull().references(staffRef))
        .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('family_advocates_pkey', ['family_id', 'user_id'])
        .execute();
      await db.schema.createIndex('family_advocates_user').on('family_advocates').column('user_id').execute();

      // The family module holds case ids only; what it shows of a case comes through the cases port.
      await db.schema
        .createTable('family_cases')
        .addColumn('family_id', id, (c) => c.notNull().references('families.id').onDelete('cascade'))
        .addColumn('case_id', id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('linked_by', id, (c) => c.references(staffRef))
        .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('family_cases_pkey', ['family_id', 'case_id'])
        .execute();

      await db.schema
        .createTable('family_plans')
        .addColumn('family_id', id, (c) => c.primaryKey().references('families.id').onDelete('cascade'))
        .addColumn('content_enc', 'text', (c) => c.notNull())
        .addColumn('saved_by', id, (c) => c.references(staffRef))
        .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable('family_contacts')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('family_id', id, (c) => c.notNull().references('families.id').onDelete('cascade'))
        .addColumn('contacted_on', 'date', (c) => c.notNull())
        .addColumn('summary_enc', 'text', (c) => c.notNull())
        .addColumn('follow_up_on', 'date')
        .addColumn('follow_up_done_on', 'date')
        .addColumn('recorded_by', id, (c) => c.notNull().references(staffRef))
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createIndex('family_contacts_family')
        .on('family_contacts')
        .columns(['family_id', 'contacted_on'])
        .execute();

      await db.schema
        .createTable('media_requests')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('family_id', id, (c) => c.notNull().references('families.id').onDelete('cascade'))
        .addColumn('case_id', id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('requested_on', 'date', (c) => c.notNull())
        .addColumn('outlet', 'text', (c) => c.notNull())
        .addColumn('request_enc', 'text', (c) => c.notNull())
        .addColumn('recorded_by', id, (c) => c.notNull().references(staffRef))
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('media_requests_family').on('media_requests').column('family_id').execute();
    },
  },
  '2026-12-07T0112_family_match_checkins': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('peer_matches')
        .addColumn('end_reason', 'text', (c) =>
          c.check(sql`end_reason in ('family_request', 'volunteer_request', 'goals_met', 'no_contact', 'other')`),
        )
        .addColumn('ended_by', id, (c) => c.references(staffRef))
        .execute();
      // The coordinator's monthly check-in on how a match goes; only the day and whether a concern came up.
      await db.schema
        .createTable('peer_checkins')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('match_id', id, (c) => c.notNull().references('peer_matches.id').onDelete('cascade'))
        .addColumn('checked_on', 'date', (c) => c.notNull())
        .addColumn('concern_raised', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('recorded_by', id, (c) => c.notNull().references(staffRef))
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('peer_checkins_match').on('peer_checkins').columns(['match_id', 'checked_on']).execute();
    },
  },
};
