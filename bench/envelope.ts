/**
 * The one shape of every file in bench/results: which benchmark ran, on which commit and machine,
 * under what load (other work on a shared machine moves every figure), when, and its figures.
 * BENCH_RESULTS_DIR sends the files elsewhere (a quick scaled-down run must not overwrite the
 * committed full-size results).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Envelope<R> {
  benchmark: string;
  commit: { sha: string | null; dirty: boolean | null };
  machine: { cpuModel: string; cpus: number; memoryMb: number; node: string; os: string };
  loadavg: { start: number[]; end: number[] };
  startedAt: string;
  finishedAt: string;
  results: R;
}

export interface BenchRun {
  /** The envelope of `results` under `name` (the file stem; defaults to the benchmark's name). */
  envelope<R>(results: R, name?: string): Envelope<R>;
  /** Writes `<results dir>/<name>.json` and returns its path. */
  write<R>(results: R, name?: string): Promise<string>;
}

export function resultsDir(): string {
  return process.env.BENCH_RESULTS_DIR ?? path.join(ROOT, 'bench', 'results');
}

const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Results written by earlier benchmarks of the same run do not make the tree dirty. */
function commit(): Envelope<unknown>['commit'] {
  const status = git(['status', '--porcelain', '--', '.', ':(exclude)bench/results']);
  return { sha: git(['rev-parse', 'HEAD']), dirty: status === null ? null : status.length > 0 };
}

function machine(): Envelope<unknown>['machine'] {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Call when the benchmark starts: the commit, the start time and the load are taken now. */
export function startRun(benchmark: string): BenchRun {
  const started = { at: new Date().toISOString(), load: load(), commit: commit() };
  const envelope = <R>(results: R, name = benchmark): Envelope<R> => ({
    benchmark: name,
    commit: started.commit,
    machine: machine(),
    loadavg: { start: started.load, end: load() },
    startedAt: started.at,
    finishedAt: new Date().toISOString(),
    results,
  });
  return {
    envelope,
    async write(results, name = benchmark) {
      const dir = resultsDir();
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${name}.json`);
      await writeFile(file, `${JSON.stringify(envelope(results, name), null, 2)}\n`);
      return file;
    },
  };
}
