/**
 * A `leads import` that keeps running until it is stopped: generated adverts (a fresh seed each
 * round, so every round stores new rows) loaded by the same code as the CLI (`loadAdverts`: worker
 * threads extract, batches of 1,000 stored and matched). bench/cases.ts starts it in a child
 * process against its own database to measure cases beside it, and ends it with SIGTERM.
 *
 *   DATABASE_URL=… BEACON_DATA_DIR=… [BENCH_IMPORT_NICE=19] npx tsx bench/processes/leads-import-beside.ts
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/core/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { Database } from '../../src/database.ts';
import { startDatabase } from '../../src/db/index.ts';
import { loadAdverts } from '../../src/leads/store/import.ts';
import { allMigrations, leadsDepsOf } from '../../src/modules.ts';
import { Keyring } from '../../src/security/index.ts';
import { advertStream } from '../../test/adverts/generator.ts';

const PER_ROUND = Number(process.env.ADVERTS ?? 50_000);
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

async function writeRound(file: string, seed: number): Promise<void> {
  const out = createWriteStream(file);
  for (const { truth: _truth, ...advert } of advertStream(PER_ROUND, seed)) {
    if (!out.write(`${JSON.stringify(advert)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

async function main() {
  // BENCH_IMPORT_NICE: the import at a lower CPU priority (its worker threads inherit it), as an
  // import that yields to people would run.
  if (process.env.BENCH_IMPORT_NICE) os.setPriority(Number(process.env.BENCH_IMPORT_NICE));
  const config = loadConfig(process.env);
  if (!config.databaseUrl) throw new Error('DATABASE_URL: the database to import into is required');
  const keyring = await Keyring.open(config.keyFile);
  const database = await startDatabase<Database>(config, createLogger('warn'), {
    migrations: allMigrations,
    migrate: false,
    poolSize: 4,
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-beside-'));
  // Stopped by a signal (the default action ends it mid-batch; that batch's transaction rolls back).
  try {
    // A second import beside the same database starts from other seeds, so it stores new rows too.
    for (let seed = Number(process.env.BENCH_IMPORT_SEED ?? 1000); ; seed++) {
      const file = path.join(dir, `adverts-${seed}.jsonl`);
      await writeRound(file, seed);
      const t0 = performance.now();
      const counts = await loadAdverts(leadsDepsOf({ db: database.db, keyring }), {
        input: file,
        format: 'jsonl',
        stderr: quiet,
      });
      const s = (performance.now() - t0) / 1000;
      console.log(`round ${seed}: ${counts.inserted} adverts stored in ${s.toFixed(1)} s (${Math.round(counts.inserted / s)}/s)`);
      await rm(file, { force: true });
    }
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
