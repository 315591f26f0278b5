import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from '../core/config.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import type { Database } from '../database.ts';
import { startDatabase, type RunningDatabase } from '../db/index.ts';
import { allMigrations } from '../modules.ts';
import { Keyring } from '../security/index.ts';

export interface CliContext {
  config: Config;
  log: Logger;
  database: RunningDatabase<Database>;
  keyring: Keyring;
}

/** Opens what a command needs, runs it, and always closes the database (and the embedded server). */
export async function withContext<T>(fn: (ctx: CliContext) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  // Commands talk to people on stdout; the log only carries warnings.
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as unknown as DestinationStream);
  const keyring = await Keyring.open(config.keyFile);
  const database = await startDatabase<Database>(config, log, { migrations: allMigrations, poolSize: 4, ...opts });
  try {
    return await fn({ config, log, database, keyring });
  } finally {
    await database.close();
  }
}

/** A problem the operator can fix: printed without a stack, exit code 1, after cleanup. */
export class CliError extends Error {}

export function fail(message: string): never {
  throw new CliError(message);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
