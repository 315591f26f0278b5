import { sql, type Kysely, type Migration } from 'kysely';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** The resource directory; other modules reach it only through ports built from `directory/index.ts`. */
export const directoryMigrations: Record<string, Migration> = {
  '2026-12-06T2200_directory_providers': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('providers')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('website', 'text')
        .addColumn('address_line', 'text')
        .addColumn('zip', 'text', (c) => c.notNull().check(sql`zip ~ '^[0-9]{5}$'`))
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('hours', 'text')
        .addColumn('accessibility', 'text')
        .addColumn('verified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      // The lists are written out here, as they were when this migration was written; a later change is a new migration.
      const kinds = ['shelter', 'medical', 'mental_health', 'legal', 'education', 'drop_in', 'anti_trafficking', 'other'];
      const needs = [
        'safety_placement',
        'medical_dental',
        'mental_health',
        'substance_use',
        'education',
        'legal_rights',
        'identity_documents',
        'family_relationships',
        'independent_living',
      ];
      await db.schema
        .createTable('provider_services')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('provider_id', 'uuid', (c) => c.notNull().references('providers.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${list(kinds)})`))
        .addColumn('needs', sql`text[]`, (c) => c.notNull().check(sql`needs <@ array[${list(needs)}]::text[]`))
        .addColumn('min_age', 'integer', (c) => c.check(sql`min_age between 0 and 30`))
        .addColumn('max_age', 'integer', (c) => c.check(sql`max_age between 0 and 30`))
        .addColumn('genders', sql`text[]`, (c) =>
          c.notNull().check(sql`genders <@ array['girls', 'boys', 'transgender_nonbinary']::text[] and cardinality(genders) > 0`),
        )
        .addColumn('notes', 'text')
        .addCheckConstraint('provider_services_ages', sql`min_age is null or max_age is null or min_age <= max_age`)
        .execute();
      await db.schema.createIndex('provider_services_provider').on('provider_services').column('provider_id').execute();

      await db.schema
        .createTable('provider_areas')
        .addColumn('provider_id', 'uuid', (c) => c.notNull().references('providers.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('state', 'county', 'zip')`))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('provider_areas_pkey', ['provider_id', 'kind', 'code'])
        .execute();
      await db.schema.createIndex('provider_areas_lookup').on('provider_areas').columns(['kind', 'code']).execute();
      await db.schema.createIndex('provider_areas_state').on('provider_areas').column('state').execute();
    },
  },
};
