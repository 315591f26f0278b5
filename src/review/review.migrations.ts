import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import { languageListSeed } from '../cases/index.ts';
import { LANGUAGE_LIST_KEY } from './review.kinds.ts';

const id = 'uuid';
const staffRef = 'staff_users.id';
const KINDS = sql`kind in ('plan_template', 'public_page_text', 'language_list', 'training_module', 'lead_package_wording')`;

export const reviewMigrations: Record<string, Migration> = {
  '2026-12-06T2341_review_materials': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('review_materials')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(KINDS))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('request_id', id)
        .addColumn('published_by', id, (c) => c.references(staffRef))
        .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'timestamptz')
        .addUniqueConstraint('review_materials_kind_key_version', ['kind', 'key', 'version'])
        .execute();
      await db.schema
        .createTable('review_requests')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(KINDS))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('base_version', 'integer')
        .addColumn('base_body', 'text', (c) => c.notNull())
        .addColumn('proposed_body', 'text', (c) => c.notNull())
        .addColumn('ref', 'text')
        .addColumn('state', 'text', (c) =>
          c
            .notNull()
            .defaultTo('open')
            .check(sql`state in ('open', 'published', 'withdrawn')`),
        )
        .addColumn('requested_by', id, (c) => c.notNull().references(staffRef))
        .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('published_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('review_comments')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('request_id', id, (c) => c.notNull().references('review_requests.id').onDelete('cascade'))
        .addColumn('author_id', id, (c) => c.notNull().references(staffRef))
        .addColumn('from_line', 'integer', (c) => c.notNull())
        .addColumn('to_line', 'integer', (c) => c.notNull())
        .addColumn('quote', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('answer', 'text')
        .addColumn('answered_by', id, (c) => c.references(staffRef))
        .addColumn('answered_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('review_recommendations')
        .addColumn('request_id', id, (c) => c.notNull().references('review_requests.id').onDelete('cascade'))
        .addColumn('expert_id', id, (c) => c.notNull().references(staffRef))
        .addColumn('recommendation', 'text', (c) => c.notNull().check(sql`recommendation in ('approve', 'change_needed')`))
        .addColumn('note', 'text')
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('review_recommendations_pk', ['request_id', 'expert_id'])
        .execute();
      await db.schema
        .createTable('review_settings')
        .addColumn('kind', 'text', (c) => c.primaryKey().check(KINDS))
        .addColumn('required', 'boolean', (c) => c.notNull())
        .addColumn('changed_by', id, (c) => c.references(staffRef))
        .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('review_consultations')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('expert_id', id, (c) => c.notNull().references(staffRef))
        .addColumn('worked_on', 'date', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes between 1 and 1440`))
        .addColumn('what', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  // The case-note language list becomes reviewable data: version 1 is the list as it was in code.
  '2026-12-06T2343_review_language_list': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db
        .insertInto('review_materials')
        .values({
          id: randomUUID(),
          kind: 'language_list',
          key: LANGUAGE_LIST_KEY,
          version: 1,
          title: 'Language suggestions for case notes',
          body: JSON.stringify(languageListSeed, null, 2),
        })
        .execute();
    },
  },
};
