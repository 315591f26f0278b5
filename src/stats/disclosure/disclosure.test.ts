import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hiddenRanges } from './bounds.ts';
import { cellsOf, keyId, linesOf, makeFrame, matches, uniqueItems, valueOf, type Frame, type Key, type Table } from './frame.ts';
import { auditRelease, defaultRules, groupRare, protect, rulesProblems, type Release } from './suppress.ts';

const small = { k: 4, protection: 2 };

/** The attacker of the issue: subtracts published figures from published margins, across every table and release, until nothing more falls out. */
function subtractionAttack(frame: Frame, releases: readonly Release[]): Map<string, number> {
  const known = new Map<string, number>();
  for (const release of releases) {
    for (const item of uniqueItems(frame, release.tables)) {
      if (!release.hidden.has(keyId(item))) known.set(keyId(item), valueOf(frame, item));
    }
  }
  const lines = releases.flatMap((release) => release.tables.flatMap((table) => linesOf(frame, table)));
  for (let progress = true; progress;) {
    progress = false;
    for (const line of lines) {
      const ids = line.parts.map(keyId);
      const total = keyId(line.total);
      const unknown = [total, ...ids].filter((id) => !known.has(id));
      if (unknown.length !== 1) continue;
      const partsSum = ids.reduce((sum, id) => sum + (known.get(id) ?? 0), 0);
      known.set(unknown[0]!, unknown[0] === total ? partsSum : (known.get(total) ?? 0) - partsSum);
      progress = true;
    }
  }
  return known;
}

/**
 * Every whole-number filling of the cells that agrees with what is published (and with "fewer than k"
 * on the figures so labelled): the exact range of each hidden figure.
 */
function bruteForceRanges(frame: Frame, release: Release): Map<string, { low: number; high: number }> {
  const cells = cellsOf(frame);
  const members = (item: Key) => cells.flatMap((cell, i) => (matches(item, cell) ? [i] : []));
  const items = uniqueItems(frame, release.tables);
  const visible = items
    .filter((item) => !release.hidden.has(keyId(item)))
    .map((item) => ({ cells: members(item), target: valueOf(frame, item) }));
  const hidden = items
    .filter((item) => release.hidden.has(keyId(item)))
    .map((item) => ({ id: keyId(item), cells: members(item), low: Infinity, high: -Infinity }));
  const labelled = hidden.filter((h) => release.small?.has(h.id));
  const loose = Math.max(0, ...visible.map((v) => v.target)) + small.protection + 1;
  const caps = cells.map((_, i) => Math.min(loose, ...visible.filter((v) => v.cells.includes(i)).map((v) => v.target)));
  const filling = new Array<number>(cells.length).fill(0);
  const sum = (indices: readonly number[]) => indices.reduce((s, i) => s + filling[i]!, 0);
  const visit = (i: number): void => {
    for (const v of visible) {
      const done = v.cells.every((c) => c < i);
      const s = sum(v.cells);
      if (done ? s !== v.target : s > v.target) return;
    }
    for (const h of labelled) {
      if (sum(h.cells) > small.k - 1) return;
      if (h.cells.every((c) => c < i) && sum(h.cells) < 1) return;
    }
    if (i === cells.length) {
      for (const h of hidden) {
        const value = sum(h.cells);
        h.low = Math.min(h.low, value);
        h.high = Math.max(h.high, value);
      }
      return;
    }
    for (let v = 0; v <= caps[i]!; v++) {
      filling[i] = v;
      visit(i + 1);
    }
    filling[i] = 0;
  };
  visit(0);
  return new Map(hidden.map((h) => [h.id, { low: h.low, high: h.high }]));
}

const twoWay = fc.record({ rows: fc.constant(2), cols: fc.integer({ min: 2, max: 3 }) }).chain(({ rows, cols }) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 7 })), {
      minLength: rows * cols,
      maxLength: rows * cols,
    })
    .map((counts) => frameOf(rows, cols, counts)),
);

function frameOf(rows: number, cols: number, counts: readonly number[]): Frame {
  const r = Array.from({ length: rows }, (_, i) => `r${i}`);
  const c = Array.from({ length: cols }, (_, j) => `c${j}`);
  return makeFrame(['row', 'col'], [r, c], ([a, b]) => counts[r.indexOf(a!) * cols + c.indexOf(b!)] ?? 0);
}

const table: Table = ['row', 'col'];

const threeWay = fc
  .array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 12 })), {
    minLength: 12,
    maxLength: 12,
  })
  .map((counts) =>
    makeFrame(
      ['state', 'kind', 'age'],
      [
        ['s0', 's1', 's2'],
        ['k0', 'k1'],
        ['a0', 'a1'],
      ],
      (key) => {
        const [s, k, a] = key.map((v) => Number(v.slice(1)));
        return counts[(s! * 2 + k!) * 2 + a!] ?? 0;
      },
    ),
  );

const refusedSafely = (e: unknown): undefined => {
  // A table that cannot be published safely beside the earlier ones is refused: nothing leaks then either.
  if (e instanceof Error && e.message.includes('cannot be published safely')) return undefined;
  throw e;
};

describe('disclosure control', () => {
  it('hides a small count with complements so that no margin gives it away', async () => {
    const frame = frameOf(3, 3, [30, 2, 40, 25, 35, 45, 50, 60, 70]);
    const release = await protect(frame, [table], defaultRules);
    expect(release.hidden.has(keyId(['r0', 'c1']))).toBe(true);
    expect(release.hidden.size).toBeGreaterThanOrEqual(4);
    expect(await auditRelease(frame, release, defaultRules)).toEqual([]);
    const known = subtractionAttack(frame, [release]);
    for (const id of release.hidden) expect(known.has(id)).toBe(false);
  });

  it('the audit finds a hidden figure a margin gives away, with its range', async () => {
    const frame = frameOf(2, 2, [3, 20, 30, 40]);
    const alone: Release = { tables: [table], hidden: new Set([keyId(['r0', 'c0'])]) };
    const [exposure] = await auditRelease(frame, alone, defaultRules);
    expect(exposure).toMatchObject({ item: ['r0', 'c0'], value: 3, range: { low: 3, high: 3 } });
    const rectangle: Release = {
      tables: [table],
      hidden: new Set(['r0', 'r1'].flatMap((r) => ['c0', 'c1'].map((c) => keyId([r, c])))),
    };
    const narrow = await auditRelease(frameOf(2, 2, [4, 0, 5, 6]), rectangle, defaultRules);
    expect(narrow.map((e) => e.range.high - e.range.low)).toEqual([4, 4, 4, 4]);
    expect(await auditRelease(frameOf(2, 2, [5, 5, 5, 6]), rectangle, defaultRules)).toEqual([]);
  });

  it('property: the audit flags exactly the hidden figures whose whole-number range is narrower than the protection level', async () => {
    await fc.assert(
      fc.asyncProperty(twoWay, fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 5 }), async (frame, picks) => {
        const items = uniqueItems(frame, [table]);
        const hidden = new Set(picks.map((p) => keyId(items[p % items.length]!)));
        const release: Release = { tables: [table], hidden };
        const flagged = new Set((await auditRelease(frame, release, small)).map((e) => keyId(e.item)));
        for (const [id, range] of bruteForceRanges(frame, release)) {
          expect(flagged.has(id)).toBe(range.high - range.low < small.protection);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('property: a protected release passes its audit, no small count is shown, and subtraction recovers no hidden figure', async () => {
    await fc.assert(
      fc.asyncProperty(twoWay, async (frame) => {
        const release = await protect(frame, [table], small);
        for (const item of uniqueItems(frame, [table])) {
          const value = valueOf(frame, item);
          if (value >= 1 && value < small.k) expect(release.hidden.has(keyId(item))).toBe(true);
        }
        expect(await auditRelease(frame, release, small)).toEqual([]);
        const known = subtractionAttack(frame, [release]);
        for (const id of release.hidden) expect(known.has(id)).toBe(false);
        for (const [, range] of bruteForceRanges(frame, release))
          expect(range.high - range.low).toBeGreaterThanOrEqual(small.protection);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('property: tables released one after another from the same counts leak nothing when read together', async () => {
    await fc.assert(
      fc.asyncProperty(threeWay, async (frame) => {
        const first = await protect(frame, [['state', 'kind']], small);
        // A second table that cannot be published safely beside the first is refused: nothing leaks then either.
        const second = await protect(frame, [['state', 'age']], small, [first]).catch((e: unknown) => {
          if (e instanceof Error && e.message.includes('cannot be published safely')) return undefined;
          throw e;
        });
        const releases = second ? [first, second] : [first];
        const known = subtractionAttack(frame, releases);
        for (const release of releases) for (const id of release.hidden) expect(known.has(id)).toBe(false);
        const published = releases.flatMap((r) => uniqueItems(frame, r.tables).filter((item) => !r.hidden.has(keyId(item))));
        const hidden = releases.flatMap((r) => uniqueItems(frame, r.tables).filter((item) => r.hidden.has(keyId(item))));
        const bounded = releases.flatMap((r) =>
          uniqueItems(frame, r.tables)
            .filter((item) => r.small?.has(keyId(item)))
            .map((item) => ({ item, low: 1, high: small.k - 1 })),
        );
        const ranges = await hiddenRanges(frame, published, hidden, { integer: true, bounded });
        for (const range of ranges.values()) expect(range.high - range.low).toBeGreaterThanOrEqual(small.protection);
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('property: every release read together (other tables, then the same under a larger threshold) gives no held-back figure away', async () => {
    const larger = { k: 6, protection: 2 };
    await fc.assert(
      fc.asyncProperty(threeWay, async (frame) => {
        const releases: Release[] = [];
        const publish = async (tables: readonly Table[], rules: typeof small) => {
          const release = await protect(frame, tables, rules, releases).catch(refusedSafely);
          if (release) releases.push(release);
        };
        await publish([['state', 'kind']], small);
        await publish([['state', 'age']], small);
        await publish([['state', 'kind'], ['age']], larger);
        // Held back: hidden by some release and published by none (a figure once published is known for good).
        const published = new Set(
          releases.flatMap((r) =>
            uniqueItems(frame, r.tables)
              .map(keyId)
              .filter((id) => !r.hidden.has(id)),
          ),
        );
        const suppressed = releases.flatMap((r) =>
          uniqueItems(frame, r.tables).filter((item) => r.hidden.has(keyId(item)) && !published.has(keyId(item))),
        );
        const known = subtractionAttack(frame, releases);
        for (const item of suppressed) expect(known.has(keyId(item))).toBe(false);
        const bounded = releases.flatMap((r) =>
          uniqueItems(frame, r.tables)
            .filter((item) => r.small?.has(keyId(item)))
            .map((item) => ({ item, low: 1, high: (r.k ?? small.k) - 1 })),
        );
        const visible = releases.flatMap((r) => uniqueItems(frame, r.tables).filter((item) => !r.hidden.has(keyId(item))));
        const ranges = await hiddenRanges(frame, visible, suppressed, { integer: true, bounded });
        for (const range of ranges.values()) expect(range.high - range.low).toBeGreaterThanOrEqual(small.protection);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('a re-release under a larger threshold may hide again a figure shown before, and is not refused for it', async () => {
    const frame = frameOf(3, 3, [30, 12, 40, 25, 35, 45, 50, 60, 70]);
    const first = await protect(frame, [table], defaultRules);
    expect(first.hidden.size).toBe(0);
    const second = await protect(frame, [table], { k: 13, protection: 5 }, [first]);
    expect(second.hidden.has(keyId(['r0', 'c1']))).toBe(true);
    expect(second.k).toBe(13);
  });

  it('a figure hidden by an earlier release stays hidden in a later one', async () => {
    const frame = frameOf(3, 3, [30, 12, 40, 25, 35, 45, 50, 60, 70]);
    const earlier: Release = {
      tables: [table],
      hidden: new Set([keyId(['r0', 'c1']), keyId(['r0', 'c0']), keyId(['r1', 'c1']), keyId(['r1', 'c0'])]),
    };
    const later = await protect(frame, [table], defaultRules, [earlier]);
    for (const id of earlier.hidden) expect(later.hidden.has(id)).toBe(true);
  });

  it('refuses a threshold below 3 and groups rare categories so the group itself is not small', () => {
    expect(rulesProblems({ k: 2, protection: 5 })).toHaveLength(1);
    expect(rulesProblems(defaultRules)).toEqual([]);
    const grouping = groupRare(
      new Map([
        ['a', 50],
        ['b', 3],
        ['c', 20],
        ['d', 2],
      ]),
      11,
      'other',
    );
    expect(grouping.get('b')).toBe('other');
    expect(grouping.get('d')).toBe('other');
    expect(grouping.get('c')).toBe('other');
    expect(grouping.get('a')).toBe('a');
  });
});
