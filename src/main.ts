import { configWarnings, loadConfig } from './core/config.ts';
import { createLogger } from './core/logger.ts';
import type { Database } from './database.ts';
import { openReadReplica, startDatabase } from './db/index.ts';
import { buildApp } from './http/app.ts';
import { Keyring } from './security/index.ts';
import { startJobQueue, startJobs } from './core/jobs.ts';
import { allMigrations, modules } from './modules.ts';

/** `npm start`: the embedded database (or DATABASE_URL), migrations, then the web server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const keyring = await Keyring.open(config.keyFile);
  const database = await startDatabase<Database>(config, log, { migrations: allMigrations });
  const replica = config.databaseReplicaUrl ? await openReadReplica<Database>(config.databaseReplicaUrl) : undefined;
  const deps = { config, db: database.db, keyring, log, ...(replica && { readDb: replica.db }) };
  const app = await buildApp(deps);
  // Each module's background work: audit sealing here, the rest (tip analysis, the ESP sweep,
  // statistics) in the job queue shared by every server.
  const all = modules.flatMap((m) => m.jobs?.(deps) ?? []);
  const jobs = startJobs(
    all.filter((j) => j.local),
    log,
  );
  const queue = await startJobQueue(
    all.filter((j) => !j.local),
    database.db,
    log,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await jobs.stop();
    await queue.stop();
    await app.close();
    await jobs.drain();
    await replica?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  for (const warning of configWarnings(config)) log.warn(warning);
  log.info({ url: `http://${config.host}:${config.port}` }, 'Beacon is ready: /report, /learn, /app');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
