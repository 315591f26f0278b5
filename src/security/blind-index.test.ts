import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex, normaliseName, trigramSimilarity, trigrams } from './blind-index.ts';

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
