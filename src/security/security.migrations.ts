import { sql, type Kysely, type Migration } from 'kysely';

export const securityMigrations: Record<string, Migration> = {
  '2026-11-25T2210_staff_users_sessions': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('staff_users')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('totp_secret_enc', 'text')
        .addColumn('totp_enrolled_at', 'timestamptz')
        .addColumn('totp_last_step', 'bigint')
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('setup_token_hash', 'text')
        .addColumn('setup_token_expires_at', 'timestamptz')
        .addColumn('disabled_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create unique index staff_users_email on staff_users (lower(email))`.execute(db);
      await sql`create unique index staff_users_setup_token on staff_users (setup_token_hash) where setup_token_hash is not null`.execute(
        db,
      );

      await db.schema
        .createTable('staff_scopes')
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('jurisdiction', 'assignment')`))
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_scopes_pk', ['user_id', 'kind', 'value'])
        .execute();

      await db.schema
        .createTable('staff_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('totp_enrol', 'totp', 'active')`))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('pending_totp_secret_enc', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('staff_sessions_user').on('staff_sessions').column('user_id').execute();
    },
  },
  '2026-11-28T1000_sign_in_throttle': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Keyed by an HMAC of the email typed, known or not, so an unknown email is throttled exactly
      // like a staff account and the answers cannot tell the two apart.
      await db.schema
        .createTable('sign_in_throttle')
        .addColumn('subject', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.alterTable('staff_users').dropColumn('failed_logins').dropColumn('locked_until').execute();
      await db.schema
        .alterTable('staff_sessions')
        .addColumn('failed_codes', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '2026-12-06T1930_staff_reset_requests': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Ids, a kind and times only. The database itself refuses an approval by the requester.
      await db.schema
        .createTable('staff_reset_requests')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('password', 'second_factor')`))
        .addColumn('requested_by', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('approved_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('approved_at', 'timestamptz')
        .addColumn('cancelled_by', 'uuid', (c) => c.references('staff_users.id'))
        .addColumn('cancelled_at', 'timestamptz')
        .addCheckConstraint(
          'staff_reset_requests_second_admin',
          sql`approved_by is null or (approved_by <> requested_by and approved_by <> user_id)`,
        )
        .addCheckConstraint('staff_reset_requests_one_end', sql`approved_at is null or cancelled_at is null`)
        .execute();
      // One open request per account and kind.
      await sql`create unique index staff_reset_requests_open on staff_reset_requests (user_id, kind)
        where approved_at is null and cancelled_at is null`.execute(db);
    },
  },
};
