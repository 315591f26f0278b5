import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startRun } from './envelope.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('result envelope', () => {
  const saved = process.env.BENCH_RESULTS_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.BENCH_RESULTS_DIR;
    else process.env.BENCH_RESULTS_DIR = saved;
  });

  it('writes <name>.json with the commit, the machine, the load at both ends, the times and the figures', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-bench-envelope-'));
    process.env.BENCH_RESULTS_DIR = dir;
    try {
      const file = await startRun('sample').write({ perSecond: 12 }, 'sample-embedded');
      expect(file).toBe(path.join(dir, 'sample-embedded.json'));
      const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      expect(Object.keys(written)).toEqual(['benchmark', 'commit', 'machine', 'loadavg', 'startedAt', 'finishedAt', 'results']);
      expect(written).toMatchObject({
        benchmark: 'sample-embedded',
        commit: { sha: expect.stringMatching(/^[0-9a-f]{40}$/), dirty: expect.any(Boolean) },
        machine: {
          cpuModel: expect.any(String),
          cpus: os.availableParallelism(),
          memoryMb: expect.any(Number),
          node: process.version,
          os: expect.any(String),
        },
        loadavg: {
          start: [expect.any(Number), expect.any(Number), expect.any(Number)],
          end: [expect.any(Number), expect.any(Number), expect.any(Number)],
        },
        results: { perSecond: 12 },
      });
      const { startedAt, finishedAt } = written as { startedAt: string; finishedAt: string };
      expect(new Date(startedAt).toISOString()).toBe(startedAt);
      expect(Date.parse(finishedAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the file after the benchmark when no name is given', () => {
    expect(startRun('extract').envelope({}).benchmark).toBe('extract');
  });
});

describe('bench/all.ts', () => {
  it('lists every benchmark: each bench/*.ts that no other bench file imports', async () => {
    const files = (await readdir(HERE)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'all.ts');
    const sources = await Promise.all(files.map((f) => readFile(path.join(HERE, f), 'utf8')));
    const helpers = new Set(files.filter((f) => sources.some((s) => s.includes(`from './${f}'`))));
    const benchmarks = files.filter((f) => !helpers.has(f)).map((f) => f.replace(/\.ts$/, ''));
    const listed = execFileSync(process.execPath, ['--import', 'tsx', path.join(HERE, 'all.ts'), '--list'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(helpers).toEqual(new Set(['envelope.ts', 'postgres-cpu.ts', 'stats.ts']));
    expect([...listed].sort()).toEqual(benchmarks.sort());
    for (const name of listed) expect(sources[files.indexOf(`${name}.ts`)]).toContain('startRun(');
  });
});
