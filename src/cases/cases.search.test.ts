import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex, trigramSimilarity } from '../security/index.ts';
import {
  candidateTokenCount,
  identifierTokens,
  minimumShared,
  NAME_THRESHOLD,
  nameTrigramRows,
  normaliseIdentifier,
  queryIdentifierTokens,
  rarestTokens,
} from './cases.search.ts';

const index = blindIndex(randomBytes(32));

describe('case search tokens', () => {
  it('numbers the name 0 and each alias after it, each with its own trigram count', () => {
    const rows = nameTrigramRows(index, { name: 'Ana', aliases: ['Bo'] });
    expect(rows.filter((r) => r.nameNo === 0)).toHaveLength(4);
    expect(rows.filter((r) => r.nameNo === 1)).toHaveLength(3);
    expect(new Set(rows.filter((r) => r.nameNo === 0).map((r) => r.nameSize))).toEqual(new Set([4]));
    expect(nameTrigramRows(index, { name: '!!!', aliases: [] })).toEqual([]);
  });

  it('normalises phone numbers to E.164, emails and handles to lower case', () => {
    expect(normaliseIdentifier('phone', '(405) 555-0134')).toBe('+14055550134');
    expect(normaliseIdentifier('phone', '+1 405 555 0134')).toBe('+14055550134');
    expect(normaliseIdentifier('phone', 'not a number')).toBeNull();
    expect(normaliseIdentifier('email', ' Someone@Example.TEST ')).toBe('someone@example.test');
    expect(normaliseIdentifier('email', 'no-at-sign')).toBeNull();
    expect(normaliseIdentifier('handle', '@@Star_Child')).toBe('star_child');
    expect(normaliseIdentifier('handle', 'two words')).toBeNull();
  });

  it('finds a case identifier however the number or handle is written in the query', () => {
    const stored = identifierTokens(index, [
      { kind: 'phone', value: '+1 405 555 0134' },
      { kind: 'handle', value: 'Star_Child' },
      { kind: 'email', value: 'A@Example.test' },
    ]);
    const has = (q: string) =>
      queryIdentifierTokens(index, q).some((t) => stored.some((s) => s.kind === t.kind && s.token === t.token));
    expect(has('405-555-0134')).toBe(true);
    expect(has('@star_child')).toBe(true);
    expect(has('a@example.TEST')).toBe(true);
    expect(has('405-555-0135')).toBe(false);
  });

  it('never drops a name that reaches the threshold when it asks for the minimum shared trigrams', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 30 }), (query, name) => {
        const q = index.nameTrigrams(query);
        const c = index.nameTrigrams(name);
        const shared = c.filter((t) => q.includes(t)).length;
        // The claim: a similarity at the threshold implies at least minimumShared trigrams in common.
        expect(trigramSimilarity(q, c) < 0.3 || shared >= minimumShared(q.length)).toBe(true);
      }),
    );
    expect(minimumShared(10)).toBe(3);
    expect(minimumShared(1)).toBe(1);
  });

  it('finds every name at the threshold through any candidateTokenCount of the query tokens', () => {
    const tokens = fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(tokens, tokens, fc.nat(), (query, name, seed) => {
        fc.pre(trigramSimilarity(query, name) >= NAME_THRESHOLD);
        const n = candidateTokenCount(query.length, minimumShared(query.length));
        // Any n of them: a rotation of the query stands in for whichever the statistics call rarest.
        const start = seed % query.length;
        const chosen = [...query.slice(start), ...query.slice(0, start)].slice(0, n);
        expect(chosen.some((t) => name.includes(t))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(candidateTokenCount(12, minimumShared(12))).toBe(9);
  });

  it('reads candidates through the rarest tokens, enough of them to find every match at the threshold', () => {
    const tokens = fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 10 });
    const frequencies = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.double({ min: 0, max: 1, noNaN: true })));
    fc.assert(
      fc.property(tokens, tokens, frequencies, (query, name, listed) => {
        const frequency = new Map(listed);
        const minShared = minimumShared(query.length);
        const rare = rarestTokens(query, frequency, minShared);
        expect(rare).toHaveLength(candidateTokenCount(query.length, minShared));
        const left = query.filter((t) => !rare.includes(t));
        // None left out is rarer than one chosen (a token not listed counts as the rarest).
        for (const t of left) for (const r of rare) expect(frequency.get(t) ?? 0).toBeGreaterThanOrEqual(frequency.get(r) ?? 0);
        if (trigramSimilarity(query, name) >= NAME_THRESHOLD) expect(rare.some((t) => name.includes(t))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(
      rarestTokens(
        [5, 7, 9, 11],
        new Map([
          [5, 0.2],
          [9, 0.1],
        ]),
        2,
      ),
    ).toEqual([7, 11, 9]);
  });
});
