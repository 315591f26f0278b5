import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/core/config.ts';
import { createLogger, type Logger } from '../src/core/logger.ts';
import { APP_ROLE, createPool, kyselyFor } from '../src/db/index.ts';
import type { Database, Db } from '../src/database.ts';
import { buildApp } from '../src/http/app.ts';
import { Keyring } from '../src/security/index.ts';

const TEMPLATE = 'beacon_test_template';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  name: string;
  /** As the server runs: the restricted application role. */
  db: Db;
  /** As the owner (migrations, tampering in tests). */
  ownerUrl: string;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `beacon_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE}`);
  await admin.end();
  const ownerUrl = withDatabase(adminUrl, name);
  const db = kyselyFor<Database>(createPool(ownerUrl, 5, APP_ROLE));
  return {
    name,
    db,
    ownerUrl,
    async close() {
      await db.destroy();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

/** A logger whose every line is kept, so tests can assert what was (not) logged. */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger('debug', stream), lines };
}

export async function testKeyring(): Promise<{ keyring: Keyring; keyFile: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-key-'));
  const keyFile = path.join(dir, 'beacon.key');
  return { keyring: await Keyring.open(keyFile), keyFile };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    BEACON_DATA_DIR: os.tmpdir(),
    BEACON_REPORT_RATE_LIMIT: '1000',
    BEACON_LOGIN_RATE_LIMIT: '1000',
    ...overrides,
  });
}

export async function testApp(database: TestDatabase, overrides: Record<string, string> = {}) {
  // A second app on the same database reads the first one's secrets only with the same key file.
  const { keyring, keyFile } = overrides.BEACON_KEY_FILE
    ? { keyring: await Keyring.open(overrides.BEACON_KEY_FILE), keyFile: overrides.BEACON_KEY_FILE }
    : await testKeyring();
  const { log, lines } = capturingLogger();
  const config = testConfig({ BEACON_KEY_FILE: keyFile, ...overrides });
  const app = await buildApp({ config, db: database.db, keyring, log });
  return { app, keyring, keyFile, logLines: lines, config };
}
