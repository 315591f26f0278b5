import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PdqIndex, PdqInputError, type PdqMatch } from './index.ts';

/** An independent reference: XOR as big integers and count the ones. */
function distance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  for (; x; x &= x - 1n) n++;
  return n;
}

function bruteForce(entries: readonly (readonly [number, string])[], query: string, maxDistance: number): PdqMatch<number>[] {
  return entries
    .map(([id, hex], order) => ({ id, distance: distance(hex, query), order }))
    .filter((m) => m.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .map(({ id, distance: d }) => ({ id, distance: d }));
}

/**
 * `base` with exactly `flips` distinct bits changed, positions chosen by `seed`. `spread` deals
 * the flips round the 16 chunks in turn: the hardest case for the index, as no chunk is left intact.
 */
function near(base: string, flips: number, seed: number, spread = false): string {
  let x = BigInt(`0x${base}`);
  const positions = new Set<number>();
  let s = seed >>> 0;
  while (positions.size < flips) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    positions.add(spread ? (positions.size % 16) * 16 + (s >>> 28) : s % 256);
  }
  for (const p of positions) x ^= 1n << BigInt(p);
  return x.toString(16).padStart(64, '0');
}

const hexHash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));

/** Random hashes plus clusters of near neighbours at 0..40 bits from a few centres; one centre is the query. */
const scenario = fc.record({
  centres: fc.array(hexHash, { minLength: 1, maxLength: 4 }),
  neighbours: fc.array(
    fc.record({ centre: fc.nat(), flips: fc.integer({ min: 0, max: 40 }), seed: fc.nat(), spread: fc.boolean() }),
    { maxLength: 60 },
  ),
  strangers: fc.array(hexHash, { maxLength: 40 }),
  queryFlips: fc.integer({ min: 0, max: 8 }),
  maxDistance: fc.oneof(fc.constant(31), fc.integer({ min: 0, max: 64 })),
  rebuildAfter: fc.integer({ min: 0, max: 50 }),
  queryEvery: fc.integer({ min: 1, max: 40 }),
});

describe('PdqIndex (multi-index hashing)', () => {
  it('returns exactly what a brute-force scan returns, whether entries are indexed or still pending', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const hashes = [
          ...s.neighbours.map((n) => near(s.centres[n.centre % s.centres.length]!, n.flips, n.seed, n.spread)),
          ...s.strangers,
          ...s.centres,
        ];
        const entries = hashes.map((hex, i) => [i, hex] as const);
        const index = new PdqIndex<number>({ rebuildAfter: s.rebuildAfter });
        const query = near(s.centres[0]!, s.queryFlips, 7);
        entries.forEach(([id, hex], i) => {
          index.add(id, hex);
          // Query part-way through too, so later adds land both in the built lists and the pending tail.
          if (i % s.queryEvery === 0)
            expect(index.query(query, s.maxDistance)).toEqual(bruteForce(entries.slice(0, i + 1), query, s.maxDistance));
        });
        expect(index.size).toBe(entries.length);
        expect(index.query(query, s.maxDistance)).toEqual(bruteForce(entries, query, s.maxDistance));
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('finds a neighbour at every distance from 0 to 31 and none beyond, with the default distance', () => {
    const base = 'a5'.repeat(32);
    const index = new PdqIndex<string>({ rebuildAfter: 0 });
    for (let d = 0; d <= 40; d++) index.add(`d${d}`, near(base, d, d * 31 + 1));
    const found = index.query(base);
    expect(found.map((m) => m.distance)).toEqual(Array.from({ length: 32 }, (_, d) => d));
    expect(found.map((m) => m.id)).toEqual(Array.from({ length: 32 }, (_, d) => `d${d}`));
  });

  it('finds 31 differing bits spread evenly over all 16 chunks (the pigeonhole worst case)', () => {
    // 15 chunks differ in 2 bits and one in 1: only the single-bit chunk's radius-1 probe can find it.
    let x = 0n;
    for (let c = 0; c < 16; c++) x |= (c === 9 ? 0b1n : 0b101n) << BigInt(c * 16);
    const base = '0'.repeat(64);
    const far = x.toString(16).padStart(64, '0');
    const index = new PdqIndex<number>({ rebuildAfter: 0 });
    index.add(1, far);
    expect(distance(base, far)).toBe(31);
    expect(index.query(base)).toEqual([{ id: 1, distance: 31 }]);
    expect(index.query(base, 30)).toEqual([]);
  });

  it('rejects a malformed hash or distance, naming the field', () => {
    const index = new PdqIndex();
    expect(() => index.add('x', 'not a hash')).toThrow(PdqInputError);
    expect(() => index.query('0'.repeat(64), -1)).toThrow(/^maxDistance:/);
    expect(() => index.query('0'.repeat(64), 1.5)).toThrow(/^maxDistance:/);
    expect(() => index.query('z'.repeat(64))).toThrow(/^hex:/);
    expect(index.size).toBe(0);
  });
});
