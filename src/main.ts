import { configWarnings, loadConfig } from './core/config.ts';
import { createLogger } from './core/logger.ts';
import type { Database } from './database.ts';
import { startDatabase } from './db/index.ts';
import { buildApp } from './http/app.ts';
import { Keyring } from './security/crypto.ts';
import { espDepsOf, sweepStaleEspReports } from './intake/index.ts';
import { sealAll, sealAudit } from './security/audit.ts';
import { analysePending, analysisDepsOf } from './analysis/index.ts';

/** `npm start`: the embedded database (or DATABASE_URL), migrations, then the web server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const keyring = await Keyring.open(config.keyFile);
  const database = await startDatabase<Database>(config, log);
  const app = await buildApp({ config, db: database.db, keyring, log });
  // Chains new audit entries a few times a second (see security/audit.ts).
  const sealer = setInterval(() => {
    sealAudit(database.db).catch((err: unknown) => log.error({ err: { type: (err as Error).name } }, 'audit sealing failed'));
  }, 250);
  sealer.unref();
  // ESP reports left unfinished for 24 hours are retracted; checked every five minutes.
  const espDeps = espDepsOf({ config, db: database.db, keyring });
  const espSweep = setInterval(() => {
    sweepStaleEspReports(espDeps, new Date()).catch((err: unknown) => log.error({ err: { type: (err as Error).name } }, 'ESP sweep failed'));
  }, 5 * 60 * 1000);
  espSweep.unref();
  // New tips are analysed (identifiers, links, urgency) within a second of being taken; one pass at a time.
  const analysis = analysisDepsOf({ db: database.db, keyring });
  let analysing = false;
  const analyser = setInterval(() => {
    if (analysing) return;
    analysing = true;
    analysePending(analysis)
      .catch((err: unknown) => log.error({ err: { type: (err as Error).name } }, 'tip analysis failed'))
      .finally(() => { analysing = false; });
  }, 500);
  analyser.unref();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    clearInterval(sealer);
    clearInterval(espSweep);
    clearInterval(analyser);
    await app.close();
    await sealAll(database.db).catch(() => undefined);
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
