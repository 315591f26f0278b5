import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startJobs } from './jobs.ts';
import type { Logger } from './logger.ts';
import { migrationsOf, sealedColumnsOf, withDeps, type BeaconModule } from './module.ts';

const migration: Migration = { up: async () => undefined };
const column = (table: string) => ({ table, idColumn: 'id', column: 'body_enc', context: `${table}.body` });

describe('module lists', () => {
  it('gathers every module’s migrations and sealed columns', () => {
    const a: BeaconModule<unknown> = { name: 'a', migrations: { '20260101_a': migration }, sealedColumns: [column('a')] };
    const b: BeaconModule<unknown> = { name: 'b', migrations: { '20260102_b': migration }, sealedColumns: [column('b')] };
    expect(Object.keys(migrationsOf([a, b]))).toEqual(['20260101_a', '20260102_b']);
    expect(sealedColumnsOf([a, b]).map((c) => c.table)).toEqual(['a', 'b']);
  });

  it('refuses two modules declaring the same migration name', () => {
    const a: BeaconModule<unknown> = { name: 'a', migrations: { '20260101_x': migration }, sealedColumns: [] };
    expect(() => migrationsOf([a, { ...a, name: 'b' }])).toThrow('migration 20260101_x is declared twice (module b)');
  });

  it('hands a module the deps derived for it, for routes and jobs alike', async () => {
    const seen: string[] = [];
    const inner: BeaconModule<{ label: string }> = {
      name: 'inner',
      migrations: {},
      sealedColumns: [],
      async routes(_app, deps) {
        seen.push(`routes ${deps.label}`);
      },
      jobs: (deps) => [{ name: 'job', everyMs: 10, run: async () => seen.push(`job ${deps.label}`) }],
    };
    const outer = withDeps(inner, (n: number) => ({ label: `n=${n}` }));
    await outer.routes?.({} as FastifyInstance, 7);
    await outer.jobs?.(8)[0]?.run({});
    expect(seen).toEqual(['routes n=7', 'job n=8']);
  });
});

describe('startJobs', () => {
  const silent = { error: () => undefined } as unknown as Logger;

  it('skips a run while the previous one is still going, then drains once stopped', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const drained: string[] = [];
    const jobs = startJobs(
      [
        {
          name: 'slow',
          everyMs: 5,
          run: () => {
            runs++;
            return new Promise<void>((r) => {
              release = r;
            });
          },
          drain: async () => {
            drained.push('slow');
          },
        },
      ],
      silent,
    );
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(1);
    const stopped = jobs.stop();
    release();
    await stopped;
    await jobs.drain();
    expect(drained).toEqual(['slow']);
  });

  it('logs a failed run by its name and error type only, and keeps running', async () => {
    const logged: unknown[][] = [];
    const log = { error: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
    let runs = 0;
    const jobs = startJobs(
      [
        {
          name: 'tip analysis',
          everyMs: 5,
          run: async () => {
            runs++;
            throw new TypeError('secret detail');
          },
        },
      ],
      log,
    );
    await new Promise((r) => setTimeout(r, 40));
    await jobs.stop();
    expect(runs).toBeGreaterThan(1);
    expect(logged[0]).toEqual([{ err: { type: 'TypeError' } }, 'tip analysis failed']);
  });
});
