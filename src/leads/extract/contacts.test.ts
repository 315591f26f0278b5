import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findEmails } from './contacts.ts';
import { digitTokens } from './digits.ts';
import { DIGIT_WORDS } from './vocabulary.ts';

const mixedCase = (s: string, flips: boolean[]) => [...s].map((c, k) => (flips[k % flips.length] ? c.toUpperCase() : c)).join('');

describe('disguised emails (the cheap check before the costly scan)', () => {
  const at = fc.constantFrom(' at ', '[at]', ' (at) ', '{ at }', ' @ ', '@');
  const dot = fc.constantFrom(' dot ', '[dot]', ' (dot) ', '{dot}', '.', ' [ dot ] ');
  const tld = fc.constantFrom('com', 'net', 'org', 'edu', 'gov', 'io', 'me', 'co', 'us', 'info', 'biz', 'xyz');
  const word = fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/);
  it('still finds every written-out form, in any case', () => {
    fc.assert(
      fc.property(word, at, word, dot, tld, fc.array(fc.boolean(), { minLength: 1 }), (name, a, domain, d, t, flips) => {
        const address = mixedCase(`${name}${a}${domain}${d}${t}`, flips);
        const found = findEmails(`write to ${address} tonight`);
        expect(found.map((e) => e.value)).toContain(`${name}@${domain}.${t}`);
      }),
    );
  });
});

describe('digit words (the first-letters check before each word is tried)', () => {
  const spoken = DIGIT_WORDS.filter((w) => w.kind === 'word');
  it('reads every digit word, in any case, glued to another', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...spoken),
        fc.constantFrom(...spoken),
        fc.array(fc.boolean(), { minLength: 1 }),
        (a, b, flips) => {
          const glued = mixedCase(`${a.word}${b.word}`, flips);
          const tokens = digitTokens(`call ${glued} now`, []).filter((t) => t.kind !== 'break');
          expect(tokens.length).toBeGreaterThan(0);
          expect(tokens[0]!.start).toBe(5);
          expect(tokens.at(-1)!.end).toBe(5 + glued.length);
        },
      ),
    );
  });
});
