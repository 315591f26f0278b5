import { sql, type Kysely, type Migration } from 'kysely';

export const tokenMigrations: Record<string, Migration> = {
  '2026-11-25T2300_api_tokens': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        // Only the SHA-256 of the token is kept: a database dump does not let anyone call the API.
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('scopes', sql`text[]`, (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('revoked_at', 'timestamptz')
        .execute();
    },
  },
};
