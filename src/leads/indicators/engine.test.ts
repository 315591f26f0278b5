import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { mayMatchFrom, patternScanner } from './engine.ts';
import { loadLexicon } from './lexicon.ts';

const FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.LOOKBEHINDS;
const published = loadLexicon()
  .entries.filter((e) => e.kind === 'pattern')
  .map((e) => e.match);
/** Assertions on the neighbour of the start, which the test must see as the search does. */
const edgy = [String.raw`\Bteen`, String.raw`\bteen`, String.raw`(?m)^teen`, String.raw`^teen`, String.raw`\d+\s*roses`, 'a|b'];
const wrapped = (s: string) => RE2JS.compile(`(${s})(?:[^\\p{L}\\p{N}_]|$)`, FLAGS);

const pieces = [
  'teen',
  'teens',
  'girls',
  'available',
  'roses',
  '3',
  ' ',
  '\n',
  'a',
  'b',
  'é',
  '😀',
  '𝐀',
  '\ud83d',
  'visiting',
  'x',
  '_',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((p) => p.join(''));

describe('mayMatchFrom', () => {
  it('never says no where the search from that position finds a match', () => {
    const patterns = [...published, ...edgy].map(wrapped);
    fc.assert(
      fc.property(text, fc.nat(), (t, k) => {
        const re = patterns[k % patterns.length]!;
        for (let from = 0; from <= t.length; from++) if (!mayMatchFrom(re, t, from)) expect(re.matcher(t).find(from)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('says no when nothing follows', () => {
    expect(mayMatchFrom(wrapped('teens?'), 'teen girls and more', 2)).toBe(false);
  });
});

describe('patternScanner', () => {
  it('finds every whole-word occurrence in order', () => {
    const scan = patternScanner(['teens?']);
    const [next] = scan('teen, steen teens\u00a0teen');
    const hits = [];
    for (let h = next!(0); h; h = next!(h.end)) hits.push([h.start, h.end]);
    expect(hits).toEqual([
      [0, 4],
      [12, 17],
      [18, 22],
    ]);
  });
});
