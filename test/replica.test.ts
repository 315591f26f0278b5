import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pgClient from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { createPool, kyselyFor, migrateToLatest, openReadReplica, replicaLagSeconds, type ReadReplica } from '../src/db/index.ts';
import { allMigrations } from '../src/modules.ts';
import { staffDashboard } from '../src/stats/dashboards/dashboard.ts';

/**
 * A real streaming replica: Debian's PostgreSQL 15 server as primary, a standby made with
 * pg_basebackup, and Beacon's dashboards reading the standby while their audit entry goes to the primary.
 */
const BIN = '/usr/lib/postgresql/15/bin';
const available = existsSync(path.join(BIN, 'pg_basebackup'));
if (!available) {
  console.warn(
    `replica test skipped: ${BIN}/initdb and pg_basebackup are missing (apt-get install -y postgresql-15, or run bash .ci/run)`,
  );
}

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;
let root: string;
const ports = { primary: 0, standby: 0 };

/** initdb and postgres refuse to run as root: as root, they run as the postgres user (as .ci/run does). */
async function pg(program: string, args: string[]): Promise<void> {
  const command = [path.join(BIN, program), ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  if (asRoot) await run('su', ['postgres', '-s', '/bin/sh', '-c', command]);
  else await run(path.join(BIN, program), args);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const urlOf = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
const start = (dir: string, port: number) =>
  pg('pg_ctl', [
    '-D',
    path.join(root, dir),
    '-l',
    path.join(root, `${dir}.log`),
    '-w',
    '-o',
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`,
    'start',
  ]);
const stop = (dir: string) => pg('pg_ctl', ['-D', path.join(root, dir), '-m', 'immediate', '-w', 'stop']).catch(() => undefined);

/** Until the standby has replayed everything the primary has written so far. */
async function caughtUp(): Promise<void> {
  const primary = new pgClient.Client({ connectionString: urlOf(ports.primary) });
  await primary.connect();
  const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn').finally(() => primary.end());
  const standby = new pgClient.Client({ connectionString: urlOf(ports.standby) });
  await standby.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const done = await standby.query<{ done: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [
        rows[0]!.lsn,
      ]);
      if (done.rows[0]?.done) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the standby did not catch up');
  } finally {
    await standby.end();
  }
}

/** As the superuser: the replica pool runs as the application role, which may not pause replay. */
async function onStandby(text: string): Promise<void> {
  const c = new pgClient.Client({ connectionString: urlOf(ports.standby) });
  await c.connect();
  await c.query(text).finally(() => c.end());
}

const ctx = { actor: { kind: 'system', label: 'replica test' }, requestId: 'replica-test' } as const;
const query = { from: '2026-01', to: '2026-03' } as const;

describe.runIf(available)('a read replica for the dashboards (DATABASE_REPLICA_URL)', () => {
  const primary = kyselyFor<Database>(createPool('postgres://unused@127.0.0.1:1/none', 1));
  let owner = primary;
  let replica: ReadReplica<Database>;

  beforeAll(async () => {
    await primary.destroy();
    root = await mkdtemp(path.join(os.tmpdir(), 'beacon-replica-'));
    await chmod(root, 0o755);
    if (asRoot) {
      const uid = Number((await run('id', ['-u', 'postgres'])).stdout);
      const gid = Number((await run('id', ['-g', 'postgres'])).stdout);
      await chown(root, uid, gid);
    }
    ports.primary = await freePort();
    ports.standby = await freePort();
    await pg('initdb', ['-D', path.join(root, 'primary'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
    await start('primary', ports.primary);
    await pg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(ports.primary),
      '-U',
      'postgres',
      '-D',
      path.join(root, 'standby'),
      '-R',
      '-X',
      'stream',
    ]);
    await start('standby', ports.standby);
    owner = kyselyFor<Database>(createPool(urlOf(ports.primary), 2));
    await migrateToLatest(owner, allMigrations);
    await owner
      .insertInto('stats_tip_months')
      .values({ month: '2026-02', state: 'OK', category: 'other', channel: 'web', count: 5 })
      .execute();
    await caughtUp();
    replica = await openReadReplica<Database>(urlOf(ports.standby));
  }, 180_000);

  afterAll(async () => {
    await replica?.close();
    await owner.destroy();
    await stop('standby');
    await stop('primary');
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('reads what the primary wrote, and refuses writes', async () => {
    const rows = await replica.db.selectFrom('stats_tip_months').select('count').execute();
    expect(rows).toEqual([{ count: 5 }]);
    expect(await replicaLagSeconds(urlOf(ports.standby))).toBe(0);
    await expect(sql`insert into stats_rollups (name, refreshed_at) values ('x', now())`.execute(replica.db)).rejects.toThrow(
      /read-only/,
    );
  });

  it('refuses a replica URL that names the primary', async () => {
    await expect(openReadReplica(urlOf(ports.primary))).rejects.toThrow(/not a standby/);
  });

  it('serves the dashboard figures from the replica and writes the audit entry on the primary', async () => {
    const before = await staffDashboard(owner, ctx, query);
    await onStandby('select pg_wal_replay_pause()');
    await owner
      .insertInto('stats_tip_months')
      .values({ month: '2026-03', state: 'OK', category: 'other', channel: 'web', count: 7 })
      .execute();
    const audits = async () => (await owner.selectFrom('audit_entries').select('id').execute()).length;
    const auditsBefore = await audits();
    const fromReplica = await staffDashboard(owner, ctx, query, { reads: replica.db });
    const fromPrimary = await staffDashboard(owner, ctx, query);
    expect(fromReplica.sections).toEqual(before.sections);
    expect(fromPrimary.sections).not.toEqual(before.sections);
    expect(await audits()).toBe(auditsBefore + 2);
    await onStandby('select pg_wal_replay_resume()');
    await caughtUp();
    expect((await staffDashboard(owner, ctx, query, { reads: replica.db })).sections).toEqual(fromPrimary.sections);
  }, 60_000);
});
