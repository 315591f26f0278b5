import type { Kysely } from 'kysely';
import pg from 'pg';
import { APP_ROLE, canUseAppRole, createPool, kyselyFor } from './connection.ts';

export interface ReadReplica<D> {
  /** Reads only: dashboards and search. Writes (and the audit entries of those reads) go to the primary. */
  db: Kysely<D>;
  close(): Promise<void>;
}

/** A streaming standby (DATABASE_REPLICA_URL): checked to be one, then used as the application role. */
export async function openReadReplica<D>(url: string, poolSize = 5): Promise<ReadReplica<D>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
    if (!rows[0]?.standby) {
      throw new Error(
        'DATABASE_REPLICA_URL names a server that is not a standby: point it at a streaming replica of DATABASE_URL',
      );
    }
  } finally {
    await client.end();
  }
  const role = (await canUseAppRole(url)) ? APP_ROLE : undefined;
  const db = kyselyFor<D>(createPool(url, poolSize, role));
  return { db, close: () => db.destroy() };
}

/** How far the standby's data is behind, in seconds (0 when it has replayed everything it received). */
export async function replicaLagSeconds(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ lag: number | null }>(
      `select case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                   else extract(epoch from now() - pg_last_xact_replay_timestamp()) end::float8 as lag`,
    );
    return rows[0]?.lag ?? 0;
  } finally {
    await client.end();
  }
}
