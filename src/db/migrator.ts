import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { APP_ROLE } from './connection.ts';
import { installJobQueue } from './job-queue.ts';

/** Tables the application role may read and append to, never change. */
const APPEND_ONLY_TABLES = ['audit_entries'];

export interface MigrationOutcome {
  applied: string[];
}

/**
 * Applies the given migrations (every module's, from src/modules.ts) not yet applied, in name order:
 * names start with a UTC timestamp, so they sort in the order written.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
  db: Kysely<any>,
  migrations: Readonly<Record<string, Migration>>,
): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const role = await grantAppRole(db);
  await installJobQueue(db, role);
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * The server runs as `beacon_app`: full use of the tables, except that audit entries can only
 * be inserted and read. Re-applied after every migration so new tables are covered.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function grantAppRole(db: Kysely<any>): Promise<string | undefined> {
  await sql`
    do $$
    begin
      if not exists (select from pg_roles where rolname = ${sql.lit(APP_ROLE)}) then
        begin
          execute format('create role %I nologin', ${sql.lit(APP_ROLE)});
        exception
          when duplicate_object or unique_violation then null;
          when insufficient_privilege then
            raise notice 'cannot create role %; running as the connecting user', ${sql.lit(APP_ROLE)};
            return;
        end;
      end if;
      if not pg_has_role(current_user, ${sql.lit(APP_ROLE)}, 'MEMBER') then
        execute format('grant %I to %I', ${sql.lit(APP_ROLE)}, current_user);
      end if;
    end $$`.execute(db);
  const role = sql.id(APP_ROLE);
  const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${APP_ROLE}`.execute(db);
  if (exists.rows[0]?.n !== 1) return undefined;
  await sql`grant usage on schema public to ${role}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${role}`.execute(db);
  await sql`grant usage, select on all sequences in schema public to ${role}`.execute(db);
  await sql`revoke all on kysely_migration, kysely_migration_lock from ${role}`.execute(db);
  for (const table of APPEND_ONLY_TABLES) {
    await sql`revoke update, delete, truncate on ${sql.table(table)} from ${role}`.execute(db);
  }
  // The sealer (running as the app) may fill an entry's chain columns once; the trigger checks the rest.
  await sql`grant update (seq, prev_hash, hash) on audit_entries to ${role}`.execute(db);
  return APP_ROLE;
}
