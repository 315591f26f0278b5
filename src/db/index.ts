import type { Logger } from '../core/logger.ts';
import type { Config } from '../core/config.ts';
import type { Kysely, Migration } from 'kysely';
import { createPool, canUseAppRole, kyselyFor, APP_ROLE } from './connection.ts';
import { startEmbedded } from './embedded.ts';
import { migrateToLatest } from './migrator.ts';

export { APP_ROLE, createPool, kyselyFor } from './connection.ts';
export { migrateToLatest } from './migrator.ts';
export { startEmbedded, type EmbeddedServer } from './embedded.ts';
export { JOB_SCHEMA } from './job-queue.ts';

export interface RunningDatabase<D> {
  /** Runs as the restricted application role where the server allows it. */
  db: Kysely<D>;
  /** Connection string of the owning user: for migrations and maintenance commands only. */
  ownerConnectionString: string;
  close(): Promise<void>;
}

/** Embedded cluster or DATABASE_URL; migrates, then hands out a pool acting as `beacon_app`. */
export async function startDatabase<D>(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: Logger,
  opts: { migrations: Readonly<Record<string, Migration>>; migrate?: boolean; poolSize?: number },
): Promise<RunningDatabase<D>> {
  const embedded = config.databaseUrl ? undefined : await startEmbedded(config.dataDir, log);
  const ownerConnectionString = config.databaseUrl ?? embedded!.connectionString;
  try {
    if (opts.migrate !== false) {
      const owner = kyselyFor<unknown>(createPool(ownerConnectionString, 1));
      try {
        const { applied } = await migrateToLatest(owner, opts.migrations);
        if (applied.length > 0) log.info({ applied }, 'database migrated');
      } finally {
        await owner.destroy();
      }
    }
    const role = (await canUseAppRole(ownerConnectionString)) ? APP_ROLE : undefined;
    if (!role) log.warn('database role beacon_app is not available: audit protection relies on triggers only');
    const db = kyselyFor<D>(createPool(ownerConnectionString, opts.poolSize ?? 10, role));
    return {
      db,
      ownerConnectionString,
      async close() {
        await db.destroy();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
export { openReadReplica, replicaLagSeconds, type ReadReplica } from './replica.ts';
