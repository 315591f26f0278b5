import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

/** The role the application runs as: it may not change or remove audit entries. */
export const APP_ROLE = 'beacon_app';

// Dates and bigint come back as JS types we control explicitly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createPool(connectionString: string, max = 10, role?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server (restart, shutdown) is replaced on next use; without
  // a listener pg would crash the process instead.
  pool.on('error', () => undefined);
  if (role) {
    // Queued before any other query on the connection, so nothing runs as the owner.
    pool.on('connect', (client) => {
      client.query(`set role ${role}`).catch((err: unknown) => client.emit('error', err));
    });
  }
  return pool;
}

/** Whether the connecting user may act as the restricted application role. */
export async function canUseAppRole(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ member: boolean }>(
      `select exists(select 1 from pg_roles where rolname = $1)
          and pg_has_role(current_user, $1, 'MEMBER') as member`,
      [APP_ROLE],
    );
    return rows[0]?.member === true;
  } finally {
    await client.end();
  }
}

/** A query builder over the pool; `D` is the table types (src/database.ts), which this layer does not know. */
export function kyselyFor<D>(pool: pg.Pool): Kysely<D> {
  return new Kysely<D>({ dialect: new PostgresDialect({ pool }) });
}
