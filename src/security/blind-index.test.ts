import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex, coreFilterIsExact, normaliseName, trigramSimilarity, trigrams } from './blind-index.ts';

const index = blindIndex(randomBytes(32));

describe('blind index', () => {
  it('gives equal tokens for equal values and different ones across purposes and keys', () => {
    expect(index.token('phone', '+14055550134')).toBe(index.token('phone', '+14055550134'));
    expect(index.token('phone', '+14055550134')).not.toBe(index.token('phone', '+14055550135'));
    expect(index.token('phone', 'x')).not.toBe(index.token('handle', 'x'));
    expect(blindIndex(randomBytes(32)).token('phone', 'x')).not.toBe(index.token('phone', 'x'));
  });

  it('takes the trigrams pg_trgm takes', () => {
    expect(trigrams('Ana')).toEqual(['  a', ' an', 'ana', 'na ']);
    expect(normaliseName('  José-María  ÑUÑEZ ')).toBe('jose maria nunez');
  });

  it('ranks a misspelt name close and an unrelated one far', () => {
    const query = index.nameTrigrams('Jaylynn Morales');
    const near = trigramSimilarity(query, index.nameTrigrams('Jaylyn Moralez'));
    const far = trigramSimilarity(query, index.nameTrigrams('Priya Okafor'));
    expect(near).toBeGreaterThan(0.45);
    expect(far).toBeLessThan(0.1);
    expect(trigramSimilarity(query, index.nameTrigrams('jaylynn   MORALES'))).toBe(1);
  });

  it('never throws and stays within 0..1 on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const s = trigramSimilarity(index.nameTrigrams(a), index.nameTrigrams(b));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('core trigram filter', () => {
  it('keeps only trigrams inside words, and is exact only when too few tokens are left out to matter', () => {
    expect(index.nameCoreTrigrams('Ana')).toHaveLength(1);
    expect(
      coreFilterIsExact(index.nameTrigrams('Jaylynn Morales').length, index.nameCoreTrigrams('Jaylynn Morales').length, 0.5),
    ).toBe(true);
    expect(coreFilterIsExact(index.nameTrigrams('Ana').length, index.nameCoreTrigrams('Ana').length, 0.5)).toBe(false);
  });

  it('never misses a candidate above the threshold when it says it is exact', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{3,9}( [a-z]{3,9}){0,2}$/),
        fc.stringMatching(/^[a-z]{3,9}( [a-z]{3,9}){0,2}$/),
        (a, b) => {
          const qa = index.nameTrigrams(a);
          const qc = index.nameCoreTrigrams(a);
          const cand = index.nameTrigrams(b);
          if (!coreFilterIsExact(qa.length, qc.length, 0.5) || trigramSimilarity(qa, cand) < 0.5) return;
          const candSet = new Set(cand);
          expect(qc.some((t) => candSet.has(t))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
