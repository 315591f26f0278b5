import { existsSync, statSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { configWarnings, loadConfig, type Config } from '../core/config.ts';
import { replicaLagSeconds } from '../db/index.ts';

export type Verdict = 'ok' | 'warn' | 'fail';

export interface Finding {
  check: string;
  verdict: Verdict;
  /** What was found and, when something is wrong, what to do, in plain words. */
  says: string;
}

const GIB = 1024 ** 3;
const TIMEOUT_MS = 5_000;
/** The versions Beacon is tested on: the embedded server and Debian's PostgreSQL 15. */
const OLDEST_TESTED_POSTGRES = 150000;
const MAX_CLOCK_SKEW_MS = 5_000;

const ok = (check: string, says: string): Finding => ({ check, verdict: 'ok', says });
const warn = (check: string, says: string): Finding => ({ check, verdict: 'warn', says });
const failed = (check: string, says: string): Finding => ({ check, verdict: 'fail', says });

export interface DoctorDeps {
  env: NodeJS.ProcessEnv;
  /** The database to examine when DATABASE_URL is unset (the embedded cluster, started by the caller). */
  embeddedUrl?: (config: Config) => Promise<string>;
  now?: () => number;
}

/** Runs every check; a check that cannot run says why instead of stopping the others. */
export async function diagnose(deps: DoctorDeps): Promise<Finding[]> {
  let config: Config;
  try {
    config = loadConfig(deps.env);
  } catch (err) {
    return [failed('Configuration', `${(err as Error).message}. Fix the named variable and run beacon doctor again.`)];
  }
  const findings: Finding[] = [configFinding(config), keyFileFinding(config.keyFile), await diskFinding(config.dataDir)];
  findings.push(...(await databaseFindings(config, deps)));
  if (config.databaseReplicaUrl) findings.push(await replicaFinding(config.databaseReplicaUrl));
  findings.push(await fileStoreFinding(config));
  findings.push(await smtpFinding(deps.env));
  return findings;
}

function configFinding(config: Config): Finding {
  const warnings = configWarnings(config);
  if (warnings.length > 0) return warn('Configuration', warnings.join(' '));
  return ok('Configuration', `read from the environment (${config.env}); data folder ${config.dataDir}`);
}

/** The key file opens every sealed field: others reading it defeats the encryption. */
export function keyFileFinding(keyFile: string): Finding {
  if (!existsSync(keyFile)) {
    return warn(
      'Key file',
      `there is no key file at ${keyFile}. A new deployment creates it at first start; an existing one must put back its copy of the key file (BEACON_KEY_FILE), or no sealed field can be read.`,
    );
  }
  const stat = statSync(keyFile);
  if ((stat.mode & 0o077) !== 0) {
    return failed(
      'Key file',
      `${keyFile} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}). Beacon will not start. Run: chmod 600 ${keyFile}`,
    );
  }
  if (process.getuid && stat.uid !== process.getuid()) {
    return warn('Key file', `${keyFile} belongs to another user (uid ${stat.uid}): run Beacon as that user, or chown the file.`);
  }
  return ok('Key file', `${keyFile} is readable by its owner only`);
}

export async function diskFinding(dataDir: string, minimumFree = GIB): Promise<Finding> {
  let probe = dataDir;
  while (!existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  const fs = await statfs(probe);
  const free = fs.bavail * fs.bsize;
  const text = `${(free / GIB).toFixed(1)} GiB free where the data folder is (${probe})`;
  if (free < minimumFree)
    return failed('Free disk', `${text}: free space or move BEACON_DATA_DIR; PostgreSQL stops when the disk fills.`);
  if (free < 5 * minimumFree) return warn('Free disk', `${text}: running low.`);
  return ok('Free disk', text);
}

/** Host and port only: a connection string can carry a password, which never goes in output. */
export function whereIs(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'an unreadable DATABASE_URL';
  }
}

async function databaseFindings(config: Config, deps: DoctorDeps): Promise<Finding[]> {
  let url: string;
  try {
    url = config.databaseUrl ?? (await deps.embeddedUrl!(config));
  } catch (err) {
    return [failed('Database', `the embedded PostgreSQL did not start: ${(err as Error).message}`)];
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return [
      failed(
        'Database',
        `cannot reach the database at ${whereIs(url)} (${code}). Check that PostgreSQL is running there and that DATABASE_URL names the right host, port, user and password.`,
      ),
    ];
  }
  try {
    return [await versionFinding(client, url), await clockFinding(client, deps.now ?? Date.now), await jobQueueFinding(client)];
  } finally {
    await client.end();
  }
}

async function replicaFinding(url: string): Promise<Finding> {
  try {
    const lag = await replicaLagSeconds(url);
    const text = `the read replica at ${whereIs(url)} answers, ${lag.toFixed(1)} s behind the primary`;
    return lag > 60
      ? warn('Read replica', `${text}: dashboards show figures that old; check its replication.`)
      : ok('Read replica', text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return failed(
      'Read replica',
      `cannot reach the read replica at ${whereIs(url)} (${code}): check DATABASE_REPLICA_URL, or unset it.`,
    );
  }
}

async function versionFinding(client: pg.Client, url: string): Promise<Finding> {
  const { rows } = await client.query<{ num: string; version: string; extensions: string | null }>(
    `select current_setting('server_version_num') as num, current_setting('server_version') as version,
            (select string_agg(extname || ' ' || extversion, ', ' order by extname) from pg_extension) as extensions`,
  );
  const row = rows[0]!;
  const text = `PostgreSQL ${row.version} at ${whereIs(url)}; extensions: ${row.extensions ?? 'none'} (Beacon needs none beyond plpgsql)`;
  if (Number(row.num) < OLDEST_TESTED_POSTGRES)
    return warn('Database', `${text}. Beacon is tested on PostgreSQL 15 and later: upgrade.`);
  return ok('Database', text);
}

async function clockFinding(client: pg.Client, now: () => number): Promise<Finding> {
  const { rows } = await client.query<{ at: Date }>('select clock_timestamp() as at');
  const skew = Math.abs(rows[0]!.at.getTime() - now());
  const year = new Date(now()).getUTCFullYear();
  if (year < 2025) return failed('Clock', `this machine's clock says ${year}: set the time (timedatectl set-ntp true).`);
  if (skew > MAX_CLOCK_SKEW_MS) {
    return failed(
      'Clock',
      `this machine and the database disagree by ${Math.round(skew / 1000)} s: deadlines and the audit chain's times depend on one clock; run NTP on both (timedatectl set-ntp true).`,
    );
  }
  return ok('Clock', `agrees with the database's within ${skew} ms`);
}

/** The job queue's table (pg-boss, docs/decisions.md); none means no server has started on this database yet. */
const QUEUES = [
  {
    table: 'pgboss.job',
    sql: `select count(*) filter (where state in ('created','retry','active'))::int as waiting, count(*) filter (where state = 'failed')::int as dead from pgboss.job`,
  },
];

async function jobQueueFinding(client: pg.Client): Promise<Finding> {
  for (const queue of QUEUES) {
    const { rows } = await client.query<{ found: string | null }>('select to_regclass($1)::text as found', [queue.table]);
    if (!rows[0]?.found) continue;
    const counts = (await client.query<{ waiting: number; dead: number }>(queue.sql)).rows[0]!;
    const text = `${counts.waiting} jobs waiting, ${counts.dead} failed for good`;
    if (counts.dead > 0) return warn('Job queue', `${text}: an admin should look at the failed jobs.`);
    if (counts.waiting > 1000) return warn('Job queue', `${text}: the backlog is large; is a Beacon process running?`);
    return ok('Job queue', text);
  }
  return ok('Job queue', 'no job queue tables in this database (background work runs inside the server)');
}

async function fileStoreFinding(config: Config): Promise<Finding> {
  if (config.fileStore.kind === 'disk') return ok('File store', `files are kept in ${path.join(config.dataDir, 'files')}`);
  const s3 = config.fileStore;
  const client = new S3Client({
    region: s3.region,
    forcePathStyle: true,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    ...(s3.credentials ? { credentials: s3.credentials } : {}),
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: s3.bucket }), { abortSignal: AbortSignal.timeout(TIMEOUT_MS) });
    return ok('File store', `S3 bucket ${s3.bucket} is reachable`);
  } catch (err) {
    return failed(
      'File store',
      `S3 bucket ${s3.bucket} is not reachable (${(err as Error).name}): check BEACON_S3_ENDPOINT, the bucket name and the access keys.`,
    );
  } finally {
    client.destroy();
  }
}

/** The mail server answers with a 220 greeting when it is there and willing. */
export async function smtpFinding(env: NodeJS.ProcessEnv): Promise<Finding> {
  const configured = env.BEACON_SMTP_URL;
  if (!configured) return ok('Mail (SMTP)', 'not configured (BEACON_SMTP_URL is unset): Beacon sends no email');
  let host: string;
  let port: number;
  try {
    const u = new URL(configured);
    host = u.hostname;
    port = Number(u.port || (u.protocol === 'smtps:' ? 465 : 587));
  } catch {
    return failed('Mail (SMTP)', 'BEACON_SMTP_URL is not a URL such as smtp://mail.example.org:587');
  }
  const greeting = await new Promise<string>((resolve) => {
    const socket = net.connect({ host, port, timeout: TIMEOUT_MS });
    socket.once('data', (d) => {
      resolve(d.toString('latin1').slice(0, 3));
      socket.destroy();
    });
    socket.once('timeout', () => (resolve('timeout'), socket.destroy()));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
  if (greeting === '220') return ok('Mail (SMTP)', `${host}:${port} answers`);
  return failed(
    'Mail (SMTP)',
    `${host}:${port} does not answer as a mail server (${greeting}): check BEACON_SMTP_URL and the firewall.`,
  );
}

export function report(findings: readonly Finding[]): { text: string; healthy: boolean } {
  const label: Record<Verdict, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };
  const lines = findings.map((f) => `${label[f.verdict]}  ${f.check}: ${f.says}`);
  const failures = findings.filter((f) => f.verdict === 'fail').length;
  lines.push(failures === 0 ? 'Nothing stops Beacon from running.' : `${failures} problem(s) to fix before Beacon can run well.`);
  return { text: `${lines.join('\n')}\n`, healthy: failures === 0 };
}
