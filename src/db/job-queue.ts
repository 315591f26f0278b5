import PgBoss from 'pg-boss';
import { sql, type Kysely } from 'kysely';

/** The schema pg-boss keeps its queue in; jobs hold ids only, never a person's data (decision 108). */
export const JOB_SCHEMA = 'pgboss';

/**
 * Creates the job queue's tables once, as the owner, after the migrations (pg-boss's script has
 * its own BEGIN/COMMIT, so it cannot run inside a Kysely migration). The server, running as the
 * restricted role, then creates a queue per job through a SECURITY DEFINER function: a queue is
 * a table partition, which only the owner may create.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- runs before any schema is typed
export async function installJobQueue(db: Kysely<any>, appRole: string | undefined): Promise<void> {
  const found = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.tables where table_schema = ${JOB_SCHEMA} and table_name = 'version'`.execute(
    db,
  );
  if (found.rows[0]?.n === 0) await sql.raw(PgBoss.getConstructionPlans(JOB_SCHEMA)).execute(db);
  const schema = sql.id(JOB_SCHEMA);
  await sql`alter function ${schema}.create_queue(text, json) security definer set search_path = pg_catalog, ${schema}`.execute(
    db,
  );
  if (!appRole) return;
  const role = sql.id(appRole);
  await sql`grant usage on schema ${schema} to ${role}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`.execute(db);
  await sql`alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${role}`.execute(db);
  await sql`revoke all on function ${schema}.delete_queue(text) from public`.execute(db);
}
