import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Triage and referral own these tables. A tip's triage row is written by the analyser after
 * the tip is committed, so taking a tip never waits for analysis.
 */
export const analysisMigrations: Record<string, Migration> = {
  '2026-11-26T0130_triage': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('triage_rule_sets')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('rules', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable('tip_triage')
        .addColumn('report_id', 'uuid', (c) => c.primaryKey().references('reports.id'))
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .defaultTo('new')
            .check(sql`status in ('new', 'in_review', 'referred', 'linked_to_case', 'closing_requested', 'closed', 'merged')`),
        )
        .addColumn('priority', 'smallint', (c) => c.notNull())
        .addColumn('fired', 'jsonb', (c) => c.notNull())
        .addColumn('rules_version', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('state', 'text')
        .addColumn('city', 'text')
        .addColumn('assignee_id', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('name_trigrams', sql`int4[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('close_reason', 'text', (c) =>
          c.check(
            sql`close_reason in ('no_action_needed', 'duplicate', 'spam', 'insufficient_information', 'outside_mandate', 'other')`,
          ),
        )
        .addColumn('close_note_enc', 'text')
        .addColumn('close_requested_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('closed_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('closed_at', 'timestamptz')
        .addColumn('linked_case', 'text')
        .addColumn('analysed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // The queue: open tips by urgency, then the oldest first (the one waiting longest).
      await sql`create index tip_triage_queue on tip_triage (priority desc, received_at, report_id) where status in ('new', 'in_review')`.execute(
        db,
      );
      await db.schema.createIndex('tip_triage_status').on('tip_triage').columns(['status', 'received_at']).execute();
      await db.schema.createIndex('tip_triage_assignee').on('tip_triage').columns(['assignee_id', 'status']).execute();
      await sql`create index tip_triage_names on tip_triage using gin (name_trigrams) where cardinality(name_trigrams) > 0`.execute(
        db,
      );

      await db.schema
        .createTable('tip_identifiers')
        .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('token', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('tip_identifiers_pkey', ['report_id', 'kind', 'token'])
        .execute();
      await db.schema.createIndex('tip_identifiers_token').on('tip_identifiers').columns(['token', 'kind']).execute();

      await db.schema
        .createTable('tip_notes')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id'))
        .addColumn('author_id', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addColumn('body_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('tip_notes_report').on('tip_notes').columns(['report_id', 'created_at']).execute();

      await db.schema
        .createTable('tip_merges')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('kept_id', 'uuid', (c) => c.notNull().references('reports.id'))
        .addColumn('duplicate_id', 'uuid', (c) => c.notNull().references('reports.id'))
        .addColumn('duplicate_status', 'text', (c) => c.notNull())
        .addColumn('merged_by', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addColumn('merged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('undone_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('undone_at', 'timestamptz')
        .execute();
      await sql`create unique index tip_merges_active on tip_merges (duplicate_id) where undone_at is null`.execute(db);

      await sql`create sequence referral_reference_seq`.execute(db);
      await db.schema
        .createTable('referrals')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id'))
        .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agencies.id'))
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .defaultTo('sent')
            .check(sql`status in ('sent', 'acknowledged', 'outcome_reported')`),
        )
        .addColumn('package_enc', 'text', (c) => c.notNull())
        .addColumn('sent_by', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('acknowledge_by', 'timestamptz', (c) => c.notNull())
        .addColumn('acknowledged_at', 'timestamptz')
        .addColumn('acknowledged_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('outcome', 'text', (c) =>
          c.check(sql`outcome in ('investigation_opened', 'child_located', 'no_action', 'other')`),
        )
        .addColumn('outcome_note_enc', 'text')
        .addColumn('outcome_at', 'timestamptz')
        .addColumn('outcome_by', 'uuid', (c) => c.references('staff_users.id'))
        .execute();
      await db.schema.createIndex('referrals_agency').on('referrals').columns(['agency_id', 'sent_at']).execute();
      await db.schema.createIndex('referrals_report').on('referrals').columns(['report_id']).execute();
      await sql`create index referrals_unacknowledged on referrals (acknowledge_by) where status = 'sent'`.execute(db);
    },
  },
  '2026-11-26T0210_triage_duplicate_search': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Trigrams inside words only: a narrow first filter for likely duplicates (see blind-index.ts).
      await sql`alter table tip_triage add column name_core_trigrams int4[] not null default '{}'`.execute(db);
      await sql`create index tip_triage_core_names on tip_triage using gin (name_core_trigrams) where cardinality(name_core_trigrams) > 0`.execute(
        db,
      );
      await sql`create index tip_triage_place_time on tip_triage (state, received_at)`.execute(db);
    },
  },
  '2026-11-27T0100_triage_reasons_without_case_references': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Earlier analysers named the matching cases in the stored reason, which every tip worker sees;
      // the reason is now neutral and the cases are resolved at read time for those who may open them.
      // The text is written here rather than imported, so the migration stays as it ran.
      await sql`update tip_triage set fired = (
          select jsonb_agg(case when e->>'code' = 'linked_open_case'
            then jsonb_set(e, '{because}', to_jsonb('Shares an identifier with an open case.'::text)) else e end order by n)
          from jsonb_array_elements(fired) with ordinality as x(e, n))
        where fired @> '[{"code": "linked_open_case"}]'::jsonb`.execute(db);
    },
  },
  '2026-12-06T0920_referrals_outside_jurisdiction': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Why the analyst confirmed an agency that does not cover the tip's place; null when it covers it.
      await sql`alter table referrals add column outside_jurisdiction text
        check (outside_jurisdiction in ('child_moved', 'person_there', 'agency_involved', 'no_covering_agency', 'other'))`.execute(
        db,
      );
    },
  },
  '2026-12-06T0930_referrals_passed_on': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // An agency with nobody on Beacon cannot acknowledge: the analyst records how the referral was passed on instead.
      await sql`alter table referrals drop constraint referrals_status_check,
        add constraint referrals_status_check check (status in ('sent', 'passed_on', 'acknowledged', 'outcome_reported'))`.execute(
        db,
      );
      await sql`alter table referrals
        add column passed_on_method text check (passed_on_method in ('phone', 'email', 'fax', 'in_person')),
        add column passed_on_at timestamptz,
        add column passed_on_to_role text,
        add column passed_on_note_enc text,
        add column passed_on_by uuid references staff_users (id),
        add column passed_on_recorded_at timestamptz`.execute(db);
    },
  },
  '2026-12-07T0501_tip_notes_key_with_report': {
    // Citus (docs/scale.md): a distributed table's unique keys include its distribution column (report_id).
    // The id stays indexed for lookups by id alone; random UUIDs keep it unique in practice.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`alter table tip_notes drop constraint tip_notes_pkey, add primary key (report_id, id)`.execute(db);
      await sql`create index tip_notes_id on tip_notes (id)`.execute(db);
    },
  },
  '2026-12-07T0502_referrals_key_with_report': {
    // Citus (docs/scale.md): a distributed table's unique keys include its distribution column (report_id).
    // The id stays indexed for lookups by id alone; random UUIDs keep it unique in practice.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`alter table referrals drop constraint referrals_pkey, add primary key (report_id, id)`.execute(db);
      await sql`create index referrals_id on referrals (id)`.execute(db);
    },
  },
};
