import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languageSuggestions, parseLanguageList, STIGMATISING_TERMS } from './language.ts';

const terms = (text: string) => languageSuggestions(text).map((s) => s.term);

describe('languageSuggestions', () => {
  it('suggests "child sex trafficking victim" for "child prostitute", with the reason', () => {
    const [s] = languageSuggestions('Referred as a child prostitute by the unit.');
    expect(s).toEqual({
      term: 'child prostitute',
      start: 14,
      end: 30,
      suggestion: 'child sex trafficking victim / survivor',
      reason: expect.stringMatching(/cannot consent/),
    });
  });

  it('returns the term as written, whatever its case', () => {
    expect(terms('JUVENILE PROSTITUTE, Teen Prostitution, her Pimp')).toEqual([
      'JUVENILE PROSTITUTE',
      'Teen Prostitution',
      'Pimp',
    ]);
  });

  it('matches whole words only', () => {
    expect(terms('a pimple on the chin')).toEqual([]);
    expect(terms('the pimpernel, johnson, runaways2, prostitutes_list')).toEqual([]);
    expect(terms("the pimp's car")).toEqual(['pimp']);
  });

  it('is safe around other scripts and accents', () => {
    expect(terms('élèvepimp')).toEqual([]);
    expect(terms('Pimpé')).toEqual([]);
    expect(terms('« pimp » — 子供 pimp')).toEqual(['pimp', 'pimp']);
    const text = '😀 child prostitute';
    const [s] = languageSuggestions(text);
    expect(text.slice(s!.start, s!.end)).toBe('child prostitute');
  });

  it('never returns overlapping matches; the longer phrase wins', () => {
    const found = languageSuggestions('teen prostitutes and a prostitute');
    expect(found.map((f) => f.term)).toEqual(['teen prostitutes', 'prostitute']);
    expect(found[0]!.suggestion).toBe('child sex trafficking victim / survivor');
  });

  it('accepts hyphens, line breaks and non-breaking spaces between words', () => {
    expect(terms('child-prostitute; sex\nworker; child\u00A0porn')).toEqual([
      'child-prostitute',
      'sex\nworker',
      'child\u00A0porn',
    ]);
  });

  it('flags "runaway" as a label but not "runaway episode" or the Act', () => {
    expect(terms('She is a chronic runaway.')).toEqual(['runaway']);
    expect(terms('Runaways from the home')).toEqual(['Runaways']);
    expect(terms('third runaway episode; the Runaway and Homeless Youth Act; a runaway episode')).toEqual([]);
  });

  it('flags lowercase "john" as slang for a buyer but not the name John', () => {
    expect(terms('met a john at the motel')).toEqual(['john']);
    expect(terms('John Doe, caseworker, and Johns Hopkins')).toEqual([]);
  });

  it('flags consent language about sex but not consent to care', () => {
    expect(terms('she consented to sex with him')).toEqual(['consented']);
    expect(terms('she consented to the medical exam')).toEqual([]);
    expect(terms('a consensual relationship; a willing participant')).toEqual(['consensual', 'willing participant']);
  });

  it('leaves respectful text alone', () => {
    expect(
      languageSuggestions('Child sex trafficking victim; the trafficker and a buyer; the child ran away from the group home.'),
    ).toEqual([]);
  });

  it('gives every entry a suggestion and a reason', () => {
    for (const e of STIGMATISING_TERMS) {
      expect(e.suggestion.length).toBeGreaterThan(3);
      expect(e.reason.length).toBeGreaterThan(30);
    }
    expect(new Set(STIGMATISING_TERMS.map((e) => e.id)).size).toBe(STIGMATISING_TERMS.length);
  });

  it('returns ordered, non-overlapping ranges that match the text (property)', () => {
    const piece = fc.constantFrom(
      'pimp',
      'child prostitute',
      'john',
      'John',
      'runaway',
      'a runaway',
      'pimple',
      'sex work',
      ' ',
      '\n',
      'é',
      '😀',
      '-',
      'word',
      'the ',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        let reached = 0;
        for (const s of languageSuggestions(text)) {
          expect(s.start).toBeGreaterThanOrEqual(reached);
          expect(s.end).toBeGreaterThan(s.start);
          expect(text.slice(s.start, s.end)).toBe(s.term);
          reached = s.end;
        }
      }),
    );
  });
});

describe('a published language list', () => {
  it('reads back the built-in list from its JSON, with the same suggestions', () => {
    const list = parseLanguageList(JSON.stringify(STIGMATISING_TERMS, null, 2));
    expect(list).toEqual(STIGMATISING_TERMS);
    const text = 'Her pimp called the child prostitute a runaway.';
    expect(languageSuggestions(text, list!)).toEqual(languageSuggestions(text));
  });

  it('suggests from the list given, and refuses a list that is not entries with patterns that compile', () => {
    const list = parseLanguageList(
      JSON.stringify([{ id: 'x', pattern: 'streetwise', suggestion: 'describe', reason: 'a label' }]),
    );
    expect(languageSuggestions('A streetwise girl with her pimp.', list!).map((s) => s.term)).toEqual(['streetwise']);
    expect(parseLanguageList('not json')).toBeNull();
    expect(parseLanguageList('{}')).toBeNull();
    expect(parseLanguageList(JSON.stringify([{ id: 'x', pattern: '(', suggestion: 's', reason: 'r' }]))).toBeNull();
    expect(parseLanguageList(JSON.stringify([{ id: 'x', pattern: 'a' }]))).toBeNull();
  });
});
