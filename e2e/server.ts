import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
  output: string[];
  /** Kills the server and its embedded PostgreSQL at once, as a power cut would. */
  crash(): Promise<void>;
  /** Kills only the Node process: its PostgreSQL is left running, orphaned. */
  killServerOnly(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the real server (`src/main.ts`) in its own process group, with its own data folder. */
export async function startServer(
  opts: { dataDir?: string; port?: number; env?: Record<string, string>; databaseUrl?: string } = {},
): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'beacon-e2e-')));
  const port = opts.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    BEACON_DATA_DIR: dataDir,
    BEACON_REPORT_RATE_LIMIT: '1000',
    BEACON_LOGIN_RATE_LIMIT: '1000',
    LOG_LEVEL: 'info',
    ...opts.env,
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, output);
  return {
    url,
    dataDir,
    env,
    child,
    output,
    async crash() {
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
      await waitForPostgresGone(dataDir);
    },
    async killServerOnly() {
      process.kill(child.pid!, 'SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: string[]): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output.join('')}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy: ${output.join('')}`);
}

/** The postmaster was in the killed process group; wait until it has really gone. */
async function waitForPostgresGone(dataDir: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const pid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `beacon <args>` the way an operator would, against the same data folder. */
export function beacon(server: Pick<RunningServer, 'env'>, args: string[], input?: string, timeoutMs = 60_000) {
  const res = spawnSync(process.execPath, ['bin/beacon.js', ...args], {
    cwd: ROOT,
    env: server.env,
    input,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** A superuser connection to the embedded cluster: for tests that play the attacker. */
export async function superuser(dataDir: string): Promise<pg.Client> {
  const creds = JSON.parse(readFileSync(path.join(dataDir, 'pg-credentials.json'), 'utf8')) as { user: string; password: string };
  const port = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const client = new pg.Client({ host: '127.0.0.1', port, user: creds.user, password: creds.password, database: 'beacon' });
  await client.connect();
  return client;
}
