import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../src/core/logger.ts';
import { createPool, kyselyFor } from '../src/db/index.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/index.ts';
import { allMigrations } from '../src/modules.ts';

export const TEMPLATE = 'beacon_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTarget: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL for the run: the embedded cluster, or the server in TEST_DATABASE_URL when
 * BEACON_TEST_TARGET=server. A migrated template database is made once; each test file clones it.
 */
export default async function setup(project: TestProject) {
  const target = process.env.BEACON_TEST_TARGET === 'server' ? 'server' : 'embedded';
  let dataDir: string | undefined;
  let stopEmbedded = async () => {};
  let adminUrl: string;
  if (target === 'server') {
    if (!process.env.TEST_DATABASE_URL) throw new Error('BEACON_TEST_TARGET=server needs TEST_DATABASE_URL');
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-test-'));
    const server = await startEmbedded(dataDir, createLogger('warn'));
    adminUrl = withDatabase(server.connectionString, 'postgres');
    stopEmbedded = server.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await dropTestDatabases(admin);
  await admin.query(`create database ${TEMPLATE}`);
  const owner = kyselyFor<unknown>(createPool(withDatabase(adminUrl, TEMPLATE), 1));
  await migrateToLatest(owner, allMigrations);
  await owner.destroy();
  const { rows } = await admin.query<{ v: string }>('select current_setting($$server_version$$) as v');
  console.log(`integration tests on ${target} PostgreSQL ${rows[0]?.v}`);
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTarget', target);
  return async () => {
    await dropTestDatabases(admin);
    await admin.end();
    await stopEmbedded();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

async function dropTestDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'beacon_test_%'`);
  for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
}
