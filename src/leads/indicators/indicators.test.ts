import { describe, expect, it } from 'vitest';
import {
  compileLexicon,
  loadLexicon,
  MAX_MATCHED_CHARS,
  orderForReview,
  parseLexicon,
  reviewEvidence,
  withEntries,
  type Flag,
} from './index.ts';

const lexicon = loadLexicon();
const matcher = compileLexicon(lexicon);
const codes = (flags: Flag[]) => flags.map((f) => f.code);
const none = { phones: [], emails: [], ages: [] };

describe('the lexicon file', () => {
  it('is versioned, and every entry names a published source and its evidence', () => {
    expect(lexicon.version).toBe(1);
    const sources = new Set(lexicon.sources.map((s) => s.id));
    for (const e of lexicon.entries) {
      expect(e.sources.every((s) => sources.has(s))).toBe(true);
    }
    expect(new Set(lexicon.entries.map((e) => e.language))).toEqual(new Set(['en', 'es', 'any']));
    expect(lexicon.entries.some((e) => e.kind === 'emoji')).toBe(true);
  });

  it('says that movement language did not predict trafficking', () => {
    const movement = lexicon.entries.filter((e) => e.category === 'movement');
    expect(movement.length).toBeGreaterThan(3);
    expect(movement.every((e) => e.evidence === 'not-predictive')).toBe(true);
    expect(lexicon.entries.find((e) => e.code === 'obscured-phone')?.evidence).toBe('predictive');
  });

  it('refuses a bad file, naming the field', () => {
    const broken = structuredClone(lexicon) as unknown as { entries: { match: string; kind: string }[] };
    broken.entries[5] = { ...broken.entries[5]!, kind: 'pattern', match: '(unclosed' };
    expect(() => parseLexicon(broken)).toThrow(/entries\.5\.match: not a valid regular expression/);
    expect(() => parseLexicon({ ...lexicon, version: 'one' })).toThrow(/version/);
    const unknownSource = { ...lexicon.entries[0]!, id: 'x-1', sources: ['nobody'] };
    expect(() => withEntries(lexicon, [unknownSource])).toThrow(/unknown source nobody/);
  });
});

describe('flagging an advert', () => {
  it('carries the matched text and span, in English and Spanish, with or without accents', () => {
    const text = 'Sweet YOUNG latina, 100% real. Recien llegada, nueva en la ciudad!';
    const flags = matcher.flag(text);
    expect(codes(flags)).toEqual(['youth-language', 'ethnicity-stated', 'trustworthy-language', 'movement-language']);
    expect(flags[0]).toMatchObject({ matched: 'YOUNG', category: 'youth', evidence: 'predictive', span: { start: 6, end: 11 } });
    expect(flags.map((f) => f.matched)).toContain('Recien llegada');
    expect(flags.find((f) => f.code === 'movement-language')?.evidence).toBe('not-predictive');
  });

  it('matches whole words only', () => {
    expect(matcher.flag('youngstown refreshments, stricken, steen')).toEqual([]);
  });

  it('matches emoji with or without the variation selector', () => {
    const flags = matcher.flag('hi 💗 ✈️ ✈ 🌹🌹');
    expect(flags.map((f) => [f.code, f.matched])).toEqual([
      ['youth-emoji', '💗'],
      ['movement-emoji', '✈️'],
      ['price-emoji', '🌹'],
    ]);
    expect(matcher.flag('hi ✈ 🌹').map((f) => f.matched)).toEqual(['✈', '🌹']);
  });

  it('reads signals from the extractor: obscured numbers and stated ages', () => {
    const text = 'call five5five 0101, I am 16. My friend is 21';
    const found = {
      phones: [{ obfuscated: true, span: { start: 5, end: 19 } }],
      emails: [],
      ages: [
        { value: 16, span: { start: 26, end: 28 } },
        { value: 21, span: { start: 43, end: 45 } },
      ],
    };
    const flags = matcher.flag(text, found);
    expect(flags.map((f) => [f.code, f.evidence, f.matched])).toEqual([
      ['obscured-phone', 'predictive', 'five5five 0101'],
      ['stated-age-under-18', 'direct', '16'],
      ['stated-age-18-22', 'not-predictive', '21'],
    ]);
    expect(matcher.flag(text, none)).toEqual([]);
  });

  it("accepts analysts' entries at run time", () => {
    const extended = withEntries(
      lexicon,
      [
        {
          id: 'analyst-1',
          code: 'analyst-phrase',
          kind: 'phrase',
          match: 'candy girl',
          category: 'youth',
          language: 'en',
          evidence: 'practitioner',
          sources: ['analyst-2025-01'],
        },
        {
          id: 'analyst-2',
          code: 'analyst-pattern',
          kind: 'pattern',
          match: '(g)(r)ape',
          category: 'youth',
          language: 'en',
          evidence: 'practitioner',
          sources: ['analyst-2025-01'],
        },
      ],
      [{ id: 'analyst-2025-01', citation: 'Entry added by an analyst after a case review, January 2025' }],
    );
    const flags = compileLexicon(extended).flag('grape candy  girl fresh');
    expect(flags.map((f) => [f.code, f.matched])).toEqual([
      ['analyst-pattern', 'grape'],
      ['analyst-phrase', 'candy  girl'],
      ['youth-language', 'fresh'],
    ]);
  });
});

describe("Hostile input: an analyst's regular expression cannot hang matching", () => {
  const analysts = [{ id: 'analyst-2025-02', citation: 'Entries added by an analyst, February 2025' }];
  const pattern = (match: string, id = 'analyst-p') => ({
    id,
    code: id,
    kind: 'pattern',
    match,
    category: 'custom',
    language: 'any',
    evidence: 'practitioner',
    sources: ['analyst-2025-02'],
  });

  it('matches (?:a|a)+$ against a 35-character advert in milliseconds', () => {
    const hostile = compileLexicon(withEntries(lexicon, [pattern('(?:a|a)+$')], analysts));
    const started = performance.now();
    expect(hostile.flag(`${'a'.repeat(34)}!`)).toEqual([]);
    expect(hostile.flag('a'.repeat(35)).map((f) => [f.code, f.span])).toEqual([['analyst-p', { start: 0, end: 35 }]]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses backreferences and lookahead when the entry is added, naming the field', () => {
    for (const match of ['(a)\\1', 'teen(?=s)', 'x(?!y)']) {
      expect(() => withEntries(lexicon, [pattern(match)], analysts)).toThrow(
        /entries\.\d+\.match: uses syntax that is not supported/,
      );
    }
    expect(() => withEntries(lexicon, [pattern('a*')], analysts)).toThrow(/match: must not match empty text/);
    expect(() => withEntries(lexicon, [pattern('(?:[a-z]{1,100}){1,10}')], analysts)).toThrow(/match: is too complex/);
  });

  it('searches an advert only up to its first MAX_MATCHED_CHARS characters', () => {
    const filler = 'x '.repeat(MAX_MATCHED_CHARS);
    expect(codes(matcher.flag(`young ${filler}`))).toEqual(['youth-language']);
    expect(codes(matcher.flag(`${filler} young`))).toEqual([]);
  });

  it('keeps whole-word and whitespace behaviour for patterns: astral letters, no-break spaces', () => {
    expect(matcher.flag('𝒜teen')).toEqual([]);
    expect(matcher.flag('just\u00a0turned 18').map((f) => f.matched)).toEqual(['just\u00a0turned 18']);
  });

  it('lets a phrase and a pattern at the same place resolve in lexicon order, without overlap', () => {
    const both = withEntries(
      lexicon,
      [
        { ...pattern('candy\\s+\\w+', 'analyst-pattern-first') },
        {
          id: 'analyst-phrase-second',
          code: 'analyst-phrase-second',
          kind: 'phrase',
          match: 'candy girl',
          category: 'custom',
          language: 'en',
          evidence: 'practitioner',
          sources: ['analyst-2025-02'],
        },
      ],
      analysts,
    );
    expect(
      compileLexicon(both)
        .flag('candy girl teen')
        .map((f) => [f.code, f.matched]),
    ).toEqual([
      ['analyst-pattern-first', 'candy girl'],
      ['youth-language', 'teen'],
    ]);
  });
});

describe('ordering adverts for review', () => {
  it('puts direct statements and tested predictors first and never lets movement language raise an advert', () => {
    const ads = [
      { id: 'movement', flags: matcher.flag('new in town, limited time, leaving soon ✈') },
      { id: 'predictive', flags: matcher.flag('young and 100% real') },
      { id: 'age', flags: matcher.flag('x', { phones: [], emails: [], ages: [{ value: 15, span: { start: 0, end: 1 } }] }) },
      { id: 'emoji', flags: matcher.flag('🍒') },
      { id: 'nothing', flags: [] },
    ];
    expect(orderForReview(ads, (a) => reviewEvidence(a.flags)).map((a) => a.id)).toEqual([
      'age',
      'predictive',
      'emoji',
      'movement',
      'nothing',
    ]);
    const ev = reviewEvidence(ads[0]!.flags);
    expect(ev).toMatchObject({ direct: 0, predictive: 0, untested: 0, notPredictive: 2 });
    expect(ev.reasons).toHaveLength(2); // one flag per indicator: the three movement phrases are one
  });
});
