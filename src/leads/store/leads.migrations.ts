import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Adverts are public, so their identifiers are kept in plain form for search; the blind token of
 * each phone, email and handle sits beside it so matching cases and tips is an equality join.
 */
export const leadsMigrations: Record<string, Migration> = {
  '2026-11-26T0200_leads': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create table adverts (
        id bigint generated always as identity primary key,
        source_id text not null unique,
        url text, site text, posted_at timestamptz, city text, state text, title text, body text,
        marks jsonb not null default '[]', flags jsonb not null default '[]', pdq text[] not null default '{}',
        network_id text, matched_at timestamptz,
        imported_at timestamptz not null default now())`.execute(db);
      await sql`create index adverts_unlinked on adverts (id) where network_id is null`.execute(db);
      await sql`create index adverts_unmatched on adverts (id) where matched_at is null`.execute(db);
      await sql`create index adverts_network on adverts (network_id)`.execute(db);
      await sql`create index adverts_place on adverts (state, city)`.execute(db);

      await sql`create table advert_identifiers (
        advert_id bigint not null references adverts (id) on delete cascade,
        kind text not null, value text not null, key text not null, token text,
        primary key (advert_id, key))`.execute(db);
      await sql`create index advert_identifiers_key on advert_identifiers (key)`.execute(db);
      await sql`create index advert_identifiers_token on advert_identifiers (token) where token is not null`.execute(db);

      await sql`create table advert_networks (id text primary key, first_posted_at timestamptz, created_at timestamptz not null default now())`.execute(
        db,
      );
      await sql`create table advert_network_merges (merged_id text primary key, into_id text not null, merged_at timestamptz not null default now())`.execute(
        db,
      );
      await sql`create table advert_hubs (
        key text primary key, reason text not null check (reason in ('listed', 'spread', 'allowed')), adverts integer,
        added_by uuid references staff_users (id), added_at timestamptz not null default now())`.execute(db);

      await sql`create table leads (
        id bigint generated always as identity primary key,
        advert_id bigint not null references adverts (id) on delete cascade,
        target_kind text not null check (target_kind in ('case', 'tip')), target_ref text not null,
        matched_kind text not null, matched_value text not null, matched_token text not null,
        status text not null default 'new' check (status in ('new', 'confirmed', 'dismissed')),
        decided_by uuid references staff_users (id), decided_at timestamptz, note text,
        created_at timestamptz not null default now(),
        unique (advert_id, target_kind, target_ref, matched_token))`.execute(db);
      await sql`create index leads_queue on leads (status, created_at)`.execute(db);
      await sql`create index leads_dismissed on leads (matched_token, target_kind, target_ref) where status = 'dismissed'`.execute(
        db,
      );

      await sql`create table lexicon_entries (
        id text primary key, entry jsonb not null, added_by uuid not null references staff_users (id),
        added_at timestamptz not null default now())`.execute(db);
    },
  },
  // The first form kept network membership and a "matched" mark on the wide advert rows; both are
  // gone: membership is a narrow table (linking inserts small rows), matching happens as a batch is stored.
  '2026-11-26T0210_leads_links': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create table advert_links (
        advert_id bigint primary key references adverts (id) on delete cascade, network_id text not null)`.execute(db);
      await sql`create index advert_links_network on advert_links (network_id)`.execute(db);
      await sql`insert into advert_links (advert_id, network_id) select id, network_id from adverts where network_id is not null`.execute(
        db,
      );
      await sql`alter table adverts drop column network_id, drop column matched_at`.execute(db);
    },
  },
  '2026-12-07T0503_leads_key_with_advert': {
    // Citus (docs/scale.md): a distributed table's unique keys include its distribution column (advert_id).
    // The id stays indexed for lookups by id alone; random UUIDs keep it unique in practice.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`alter table leads drop constraint leads_pkey, add primary key (advert_id, id)`.execute(db);
      await sql`create index leads_id on leads (id)`.execute(db);
    },
  },
  // A lead on a name alone is weak (names repeat); the reason is shown beside it.
  '2026-12-07T0705_leads_strength': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`alter table leads add column strength text not null default 'strong' check (strength in ('strong', 'weak')),
        add column reason text`.execute(db);
    },
  },
  // Text search by substring, as ILIKE always was, but through a trigram index over title and body
  // (pg_trgm ships with PostgreSQL and is a trusted extension); newest first from its own index.
  '2026-12-07T0710_leads_text_search': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index adverts_text_trgm on adverts using gin ((coalesce(title, '') || ' ' || coalesce(body, '')) gin_trgm_ops)`.execute(
        db,
      );
      await sql`create index adverts_posted on adverts (posted_at desc, id desc)`.execute(db);
    },
  },
};
