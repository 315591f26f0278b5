import { sql, type Kysely, type Migration } from 'kysely';

/** Cases own these tables; other modules reach them only through `cases/index.ts`. */
export const casesMigrations: Record<string, Migration> = {
  '2026-11-25T2330_cases': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('case_teams')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('case_team_members')
        .addColumn('team_id', 'uuid', (c) => c.notNull().references('case_teams.id').onDelete('cascade'))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addColumn('supervises', 'boolean', (c) => c.notNull().defaultTo(false))
        .addPrimaryKeyConstraint('case_team_members_pkey', ['team_id', 'user_id'])
        .execute();
      await db.schema.createIndex('case_team_members_user').on('case_team_members').columns(['user_id', 'team_id']).execute();

      await sql`create sequence case_reference_seq`.execute(db);
      await db.schema
        .createTable('cases')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .defaultTo('open')
            .check(sql`status in ('open', 'closing_requested', 'closed')`),
        )
        .addColumn('assignee_id', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('team_id', 'uuid', (c) => c.references('case_teams.id'))
        .addColumn('state', 'text')
        .addColumn('restricted', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        // Identity, description, identifiers, placement and contacts: only in the ciphertext.
        .addColumn('body_enc', 'text', (c) => c.notNull())
        .addColumn('episode_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('close_reason', 'text', (c) =>
          c.check(sql`close_reason in ('recovered', 'returned_home', 'aged_out', 'deceased', 'other')`),
        )
        .addColumn('close_note_enc', 'text')
        .addColumn('close_requested_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('close_requested_at', 'timestamptz')
        .addColumn('closed_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('closed_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('cases_assignee').on('cases').columns(['assignee_id', 'status', 'updated_at']).execute();
      await db.schema.createIndex('cases_team').on('cases').columns(['team_id', 'status', 'updated_at']).execute();
      await db.schema.createIndex('cases_list').on('cases').columns(['status', 'updated_at', 'id']).execute();

      await db.schema
        .createTable('case_access')
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addPrimaryKeyConstraint('case_access_pkey', ['case_id', 'user_id'])
        .execute();

      // Which fields each version changed, so a stale editor is told what moved under them.
      await db.schema
        .createTable('case_revisions')
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('changed_fields', sql`text[]`, (c) => c.notNull())
        .addColumn('actor_id', 'uuid')
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('case_revisions_pkey', ['case_id', 'version'])
        .execute();

      await db.schema
        .createTable('case_episodes')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('left_from', 'text', (c) => c.notNull().check(sql`left_from in ('home', 'placement', 'facility')`))
        .addColumn('known_missing_at', 'timestamptz', (c) => c.notNull())
        .addColumn('reported_le_at', 'timestamptz')
        .addColumn('reported_ch_at', 'timestamptz')
        .addColumn('recovered_at', 'timestamptz')
        .addColumn('return_interview_at', 'timestamptz')
        .addColumn('screening_at', 'timestamptz')
        .addColumn('screening_outcome', 'text', (c) =>
          c.check(sql`screening_outcome in ('screened_no_indication', 'indicators_present', 'identified_victim', 'declined')`),
        )
        .addColumn('victim_reported_at', 'timestamptz')
        .addColumn('reviewed_at', 'timestamptz')
        .addColumn('reviewed_by', 'uuid', (c) => c.references('staff_users.id'))
        // Last seen place, circumstances, recovery, interview and screening details.
        .addColumn('body_enc', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('case_episodes_case').on('case_episodes').columns(['case_id', 'known_missing_at']).execute();

      await db.schema
        .createTable('case_tasks')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('owner_id', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('due_at', 'timestamptz')
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .defaultTo('open')
            .check(sql`status in ('open', 'done', 'cancelled')`),
        )
        .addColumn('title_enc', 'text', (c) => c.notNull())
        .addColumn('observation_id', 'uuid')
        .addColumn('created_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('done_at', 'timestamptz')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('case_tasks_case').on('case_tasks').columns(['case_id', 'created_at']).execute();
      await db.schema
        .createIndex('case_tasks_owner_open')
        .on('case_tasks')
        .columns(['owner_id', 'due_at'])
        .where(sql.ref('status'), '=', 'open')
        .execute();

      await db.schema
        .createTable('case_observations')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('observed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        // Observer and note.
        .addColumn('body_enc', 'text', (c) => c.notNull())
        .addColumn('task_id', 'uuid', (c) => c.references('case_tasks.id'))
        .addColumn('created_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('case_observations_case').on('case_observations').columns(['case_id', 'observed_at']).execute();

      await db.schema
        .createTable('case_links')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('tip', 'case', 'lead')`))
        .addColumn('target_ref', 'text', (c) => c.notNull())
        .addColumn('reason_enc', 'text', (c) => c.notNull())
        .addColumn('created_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('case_links_unique', ['case_id', 'kind', 'target_ref'])
        .execute();
      await db.schema.createIndex('case_links_target').on('case_links').columns(['kind', 'target_ref']).execute();

      await db.schema
        .createTable('case_notes')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('body_enc', 'text', (c) => c.notNull())
        .addColumn('created_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('case_notes_case').on('case_notes').columns(['case_id', 'created_at']).execute();
    },
  },
  '2026-11-25T2340_case_poster_approvals': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Who approved the poster of which version of the case; a later change to the case needs a new approval.
      await db.schema
        .createTable('case_poster_approvals')
        .addColumn('case_id', 'uuid', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
        .addColumn('case_version', 'integer', (c) => c.notNull())
        .addColumn('approved_by', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addColumn('approved_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '2026-11-26T0020_cases_list_and_clock_indexes': {
    // Measured by bench/cases.ts at 200,000 cases / 1,000,000 episodes: the team list read every
    // case to sort (~200 ms → <1 ms with the index); the dashboard scanned every episode.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create index cases_recent on cases (updated_at, id)`.execute(db);
      await sql`create index case_episodes_open_clock on case_episodes (known_missing_at)
        where (reported_le_at is null or reported_ch_at is null
          or (recovered_at is not null and (return_interview_at is null or screening_at is null or reviewed_at is null))
          or (screening_outcome = 'identified_victim' and victim_reported_at is null))`.execute(db);
    },
  },
  '2026-11-26T0110_cases_search': {
    // Names and identifiers live only in cases.body_enc: these hold keyed tokens of them (blind
    // indexes, see docs/decisions.md), never the values. One trigram row per token of each name or
    // alias (name_no 0 is the name), so a search counts shared trigrams the way pg_trgm's index does.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create table case_name_trigrams (
        token int4 not null,
        case_id uuid not null references cases (id) on delete cascade,
        name_no int2 not null,
        name_size int2 not null,
        -- name_size rides along in the index, so a search reads the index alone.
        primary key (token, case_id, name_no) include (name_size)
      )`.execute(db);
      await sql`create index case_name_trigrams_case on case_name_trigrams (case_id)`.execute(db);
      await sql`create table case_identifiers (
        case_id uuid not null references cases (id) on delete cascade,
        kind text not null check (kind in ('phone', 'email', 'handle')),
        token text not null,
        primary key (case_id, kind, token)
      )`.execute(db);
      await sql`create index case_identifiers_token on case_identifiers (kind, token)`.execute(db);
      await sql`create table case_saved_filters (
        id uuid primary key,
        user_id uuid not null references staff_users (id) on delete cascade,
        name text not null,
        query_enc text not null,
        created_at timestamptz not null default now(),
        unique (user_id, name)
      )`.execute(db);
    },
  },
  '2026-11-26T0115_cases_dashboard_indexes': {
    // The team dashboard walked every running clock of every team (~12,800 episodes) and dropped
    // those outside the team; these let it start from the team's unclosed cases instead.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create index cases_team_unclosed on cases (team_id) where status <> 'closed'`.execute(db);
      // Without its own, "assigned to me" ANDs the assignee index with the whole unclosed-team index.
      await sql`create index cases_assignee_unclosed on cases (assignee_id) where status <> 'closed'`.execute(db);
      await sql`create index case_episodes_open_clock_case on case_episodes (case_id)
        where (reported_le_at is null or reported_ch_at is null
          or (recovered_at is not null and (return_interview_at is null or screening_at is null or reviewed_at is null))
          or (screening_outcome = 'identified_victim' and victim_reported_at is null))`.execute(db);
      await sql`create index case_tasks_case_open on case_tasks (case_id, due_at) where status = 'open'`.execute(db);
    },
  },
  '2026-11-26T0120_case_photos': {
    // The bytes are sealed on disk (per-file key, as ESP files); the row says where and how to open them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create table case_photos (
        id uuid primary key,
        case_id uuid not null references cases (id) on delete cascade,
        storage_key text not null,
        data_key_enc text not null,
        mime_type text not null,
        size_bytes int4 not null,
        width int4 not null,
        height int4 not null,
        pdq_hex text,
        created_by uuid references staff_users (id),
        created_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index case_photos_case on case_photos (case_id, created_at)`.execute(db);
      // A case manager's request for a poster: the supervisor's queue of what to review.
      await sql`create table case_poster_requests (
        case_id uuid primary key references cases (id) on delete cascade,
        case_version int4 not null,
        requested_by uuid not null references staff_users (id),
        requested_at timestamptz not null
      )`.execute(db);
    },
  },
  '2026-11-26T0300_cases_search_rare_tokens': {
    // A name search finds candidates through its rarest trigrams only, then counts each candidate
    // name's own tokens (this index, read alone); it replaces the (case_id) index it starts with.
    // Rarity comes from the column's statistics, kept for more tokens than the default.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create index case_name_trigrams_name on case_name_trigrams (case_id, name_no, token) include (name_size)`.execute(
        db,
      );
      await sql`drop index case_name_trigrams_case`.execute(db);
      await sql`alter table case_name_trigrams alter column token set statistics 1000`.execute(db);
    },
  },
  // A photo's PDQ hash is a fingerprint of a child's photo: sealed like the rest of the case. Rows
  // hashed before this are sealed, and their plain hex cleared, when the photo index is first built.
  '2026-12-07T0715_leads_sealed_photo_hashes': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`alter table case_photos add column pdq_enc text`.execute(db);
    },
  },
  '2026-12-08T0100_cases_open_clock_covering': {
    // The dashboard reads a running clock's dates for each of a team's thousands of unclosed cases:
    // carried in the index, that is one index read per case and no visit to the table.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create index case_episodes_open_clock_dates on case_episodes (case_id, known_missing_at, id)
        include (reported_le_at, reported_ch_at, recovered_at, return_interview_at, screening_at, screening_outcome, victim_reported_at, reviewed_at)
        where (reported_le_at is null or reported_ch_at is null
          or (recovered_at is not null and (return_interview_at is null or screening_at is null or reviewed_at is null))
          or (screening_outcome = 'identified_victim' and victim_reported_at is null))`.execute(db);
      await sql`drop index case_episodes_open_clock_case`.execute(db);
    },
  },
};
