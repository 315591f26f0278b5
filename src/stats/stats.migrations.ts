import { sql, type Kysely, type Migration } from 'kysely';

export const statsMigrations: Record<string, Migration> = {
  '2026-12-06T2000_stats_releases': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('stats_releases')
        .addColumn('subject', 'text', (c) => c.notNull().check(sql`subject in ('tips')`))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('released_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('rules', 'jsonb', (c) => c.notNull())
        .addColumn('dims', 'jsonb', (c) => c.notNull())
        .addColumn('figures', 'jsonb', (c) => c.notNull())
        .addPrimaryKeyConstraint('stats_releases_pkey', ['subject', 'year', 'version'])
        .execute();
    },
  },
  '2026-12-06T2335_stats_rollups': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('stats_tip_months')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('stats_tip_months_pkey', ['month', 'state', 'category', 'channel'])
        .execute();
      await db.schema
        .createTable('stats_missing_years')
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('left_from', 'text', (c) => c.notNull())
        .addColumn('likely', 'boolean', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('stats_missing_years_pkey', ['year', 'state', 'left_from', 'likely'])
        .execute();
      await db.schema
        .createTable('stats_rollups')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-07T0305_stats_counts': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('stats_counts')
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('a', 'text', (c) => c.notNull())
        .addColumn('b', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('stats_counts_pkey', ['measure', 'month', 'state', 'a', 'b'])
        .execute();
    },
  },
};
