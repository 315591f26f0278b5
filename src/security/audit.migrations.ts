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
};
