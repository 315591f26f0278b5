import { sql, type Kysely, type Migration } from 'kysely';

/** The partner-agency directory; other modules reach it only through `analysis/agencies/index.ts`. */
export const agenciesMigrations: Record<string, Migration> = {
  '2026-11-26T0100_agencies': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('agencies')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        // The administrator's stable key: the CSV import updates agencies by it.
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) =>
          c
            .notNull()
            .check(
              sql`kind in ('law_enforcement', 'icac_task_force', 'child_welfare', 'prosecutor', 'service_provider', 'other')`,
            ),
        )
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable('agency_areas')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
        .addColumn('area_kind', 'text', (c) => c.notNull().check(sql`area_kind in ('state', 'county', 'city', 'tribal')`))
        .addColumn('state', 'text')
        .addColumn('county', 'text')
        .addColumn('city', 'text')
        .addColumn('tribal_land', 'text')
        // Lower-case key of the area's own name (the state code for a state): what a place is matched on.
        .addColumn('match_key', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'agency_areas_complete',
          sql`
          (area_kind = 'state' and state is not null)
          or (area_kind = 'county' and state is not null and county is not null)
          or (area_kind = 'city' and state is not null and city is not null)
          or (area_kind = 'tribal' and tribal_land is not null)`,
        )
        .execute();
      await sql`create unique index agency_areas_unique on agency_areas (agency_id, area_kind, coalesce(state, ''), match_key)`.execute(
        db,
      );
      await db.schema
        .createIndex('agency_areas_lookup')
        .on('agency_areas')
        .columns(['area_kind', 'match_key', 'state'])
        .execute();

      await db.schema
        .createTable('agency_members')
        .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff_users.id'))
        .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('agency_members_pkey', ['staff_id', 'agency_id'])
        .execute();
      await db.schema.createIndex('agency_members_agency').on('agency_members').columns(['agency_id', 'staff_id']).execute();
    },
  },
};
