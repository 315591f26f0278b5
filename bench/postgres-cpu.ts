/**
 * CPU seconds used so far by an embedded PostgreSQL cluster: its postmaster and every backend and
 * helper process it started, read from /proc (Linux). Backends that ended are lost, so read it while
 * the connections of interest are still open. Null where /proc or the cluster's pid file is missing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const TICKS_PER_SECOND = 100;

function processCpuTicks(pid: number): { ticks: number; parent: number } | null {
  try {
    const after = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { ticks: Number(after[11]) + Number(after[12]), parent: Number(after[1]) };
  } catch {
    return null;
  }
}

export function postgresCpuSeconds(beaconDataDir: string): number | null {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(path.join(beaconDataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  let ticks = processCpuTicks(postmaster)?.ticks ?? 0;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === postmaster) continue;
    const p = processCpuTicks(pid);
    if (p?.parent === postmaster) ticks += p.ticks;
  }
  return ticks / TICKS_PER_SECOND;
}
