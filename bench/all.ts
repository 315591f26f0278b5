/**
 * `npm run bench`: every benchmark, one after another, each in its own process (a benchmark's heap,
 * workers and embedded PostgreSQL must not weigh on the next one's figures).
 *
 *   npx tsx bench/all.ts --list          # the benchmarks' names
 *   npx tsx bench/all.ts extract pdq     # only these
 *   BENCH_RESULTS_DIR=/tmp/r npx tsx bench/all.ts extract
 *
 * Each writes its envelope (bench/envelope.ts) to bench/results or BENCH_RESULTS_DIR; the scaling
 * variables each benchmark documents pass through. A failure does not stop the others; the exit
 * code says whether any failed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Quick ones first, so a run that is stopped early still leaves their results. */
const BENCHMARKS = [
  'phones-eval',
  'extract',
  'prepare-cost',
  'pdq',
  'run',
  'link',
  'leads-import',
  'advert-search',
  'web-bundle',
  'triage',
  'cases',
  'statistics',
] as const;

function pick(args: readonly string[]): readonly string[] {
  const unknown = args.filter((a) => !(BENCHMARKS as readonly string[]).includes(a));
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${BENCHMARKS.join(', ')})`);
    process.exit(2);
  }
  return args.length > 0 ? BENCHMARKS.filter((b) => args.includes(b)) : BENCHMARKS;
}

function runAll(names: readonly string[]): number {
  const failed: string[] = [];
  for (const name of names) {
    console.log(`\n== bench/${name}.ts`);
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, `${name}.ts`)], {
      cwd: path.dirname(HERE),
      stdio: 'inherit',
    });
    const ok = child.status === 0;
    if (!ok) failed.push(name);
    console.log(
      `== ${name}: ${ok ? 'done' : `failed (${child.status ?? child.signal})`} in ${Math.round((performance.now() - t0) / 1000)} s`,
    );
  }
  if (failed.length > 0) console.error(`failed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

const args = process.argv.slice(2);
if (args.includes('--list')) console.log(BENCHMARKS.join('\n'));
else process.exitCode = runAll(pick(args));
