import { sql, type Kysely, type Migration } from 'kysely';

export const auditMigrations: Record<string, Migration> = {
  '2026-11-25T2200_audit_entries': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audit_entries')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('actor_id', 'uuid')
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('request_id', 'text')
        .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_entries_target').on('audit_entries').columns(['target_type', 'target_id']).execute();
      await db.schema.createIndex('audit_entries_actor').on('audit_entries').columns(['actor_id', 'at']).execute();
      // Enforced in the database so that no code path, ours or an attacker's, can rewrite history.
      await sql`
        create function audit_entries_refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception 'audit entries are append-only' using errcode = 'insufficient_privilege';
        end $$`.execute(db);
      await sql`create trigger audit_entries_no_update_delete before update or delete on audit_entries
                for each row execute function audit_entries_refuse_change()`.execute(db);
      await sql`create trigger audit_entries_no_truncate before truncate on audit_entries
                for each statement execute function audit_entries_refuse_change()`.execute(db);
    },
  },
  '2026-11-25T2320_audit_sealing': {
    // Entries are inserted unsealed (no lock, no ordering between transactions) and chained shortly
    // after by the sealer, in the order their transactions finished. See docs/decisions.md.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`alter table audit_entries drop constraint audit_entries_pkey`.execute(db);
      await sql`alter table audit_entries add column id bigint generated always as identity primary key`.execute(db);
      await sql`alter table audit_entries add column xid xid8 not null default pg_current_xact_id()`.execute(db);
      await sql`alter table audit_entries alter column seq drop not null, alter column prev_hash drop not null, alter column hash drop not null`.execute(
        db,
      );
      await sql`create unique index audit_entries_seq on audit_entries (seq) where seq is not null`.execute(db);
      await sql`create index audit_entries_unsealed on audit_entries (id) where seq is null`.execute(db);
      await sql`
        create or replace function audit_entries_refuse_change() returns trigger language plpgsql as $$
        begin
          -- Sealing fills the chain columns of an entry once; nothing else may ever change.
          if tg_op = 'UPDATE' and old.hash is null and new.hash is not null
             and (new.id, new.xid, new.at, new.actor_id, new.actor_label, new.action, new.target_type,
                  new.target_id, new.request_id, new.details)
                 is not distinct from
                 (old.id, old.xid, old.at, old.actor_id, old.actor_label, old.action, old.target_type,
                  old.target_id, old.request_id, old.details) then
            return new;
          end if;
          raise exception 'audit entries are append-only' using errcode = 'insufficient_privilege';
        end $$`.execute(db);
    },
  },
};
