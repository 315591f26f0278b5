import { sql, type Kysely, type Migration } from 'kysely';

export const passkeysMigrations: Record<string, Migration> = {
  '2026-12-06T0900_staff_passkeys': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('staff_passkeys')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        // One credential belongs to one account: a second account cannot claim a key already enrolled.
        .addColumn('credential_id', 'text', (c) => c.notNull().unique())
        .addColumn('public_key', 'bytea', (c) => c.notNull())
        .addColumn('sign_count', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('transports', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_used_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('staff_passkeys_user').on('staff_passkeys').column('user_id').execute();

      // One live challenge per session and purpose; taken (deleted) by the answer that uses it.
      await db.schema
        .createTable('passkey_challenges')
        .addColumn('session_hash', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('register', 'authenticate')`))
        .addColumn('challenge', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('passkey_challenges_pk', ['session_hash', 'purpose'])
        .execute();

      await sql`alter table staff_sessions drop constraint staff_sessions_stage_check`.execute(db);
      await sql`alter table staff_sessions add constraint staff_sessions_stage_check
        check (stage in ('totp_enrol', 'totp', 'passkey', 'passkey_enrol', 'active'))`.execute(db);
    },
  },
};
