import { RE2JS, RE2Set } from 're2js';

/**
 * Lexicon patterns are matched by RE2 (re2js), whose time grows linearly with the advert whatever
 * the pattern: an analyst's entry such as `(?:a|a)+$` cannot stall an import, as it would under a
 * backtracking engine. Lookbehind is kept (linear in re2js); lookahead and backreferences are not.
 */
const FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.LOOKBEHINDS;

/** Far above any published entry (the largest is 55 instructions). */
export const MAX_PATTERN_PROGRAM = 500;

const compilesNatively = (source: string) => {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
};

/** Why a pattern cannot be an entry, in words for the analyst (never echoing the pattern), or null. */
export function patternProblem(source: string): string | null {
  let program;
  try {
    program = RE2JS.compile(source, FLAGS);
  } catch {
    return compilesNatively(source)
      ? 'uses syntax that is not supported: no backreferences (\\1) or lookahead ((?= (?!); write a character as \\x{00E9}, not \\u00E9'
      : 'not a valid regular expression';
  }
  if (program.programSize() > MAX_PATTERN_PROGRAM) return 'is too complex: use fewer or smaller repetitions';
  if (program.matches('')) return 'must not match empty text';
  return null;
}

export interface PatternHit {
  pattern: number;
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const LOW_SURROGATE = /[\udc00-\udfff]/;

function wordBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const at = i >= 2 && LOW_SURROGATE.test(text[i - 1]!) ? i - 2 : i - 1;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
}
// RE2's \s is ASCII only; JavaScript's, which the patterns were written for, is Unicode.
// Each such space becomes one ASCII space, so spans stay those of the advert.
const UNICODE_SPACE = /[\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/**
 * Whole-word matching of several patterns over one advert. One pass of RE2's set automaton says
 * which patterns occur at all (in most adverts none); only those are then searched for spans.
 */
export function patternScanner(sources: readonly string[]) {
  const set = new RE2Set(RE2Set.UNANCHORED, FLAGS);
  for (const s of sources) set.add(s);
  set.compile();
  // After the entry, one character that is not a letter or digit (or the end): consumed, outside group 1.
  const single = sources.map((s) => RE2JS.compile(`(${s})(?:[^\\p{L}\\p{N}_]|$)`, FLAGS));
  const looksBehind = sources.map((s) => s.includes('(?<'));
  return (text: string) => {
    const searched = text.replace(UNICODE_SPACE, ' ');
    return set.match(searched).map((pattern) => {
      const m = single[pattern]!.matcher(searched);
      const mayMatch = (at: number) => looksBehind[pattern] || mayMatchFrom(single[pattern]!, searched, at);
      /** The leftmost whole-word match at or after `from`, as a backtracking engine's (?<!\w)(…)(?!\w) would find it. */
      return (from: number): PatternHit | null => {
        for (let at = from; at <= searched.length && mayMatch(at) && m.find(at);) {
          const start = m.start(1);
          if (!wordBefore(searched, start)) return { pattern, start, end: m.end(1) };
          at = start + 1;
        }
        return null;
      };
    });
  };
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/**
 * Whether `re` may match starting at or after `from`: false only when it surely does not. RE2's
 * search with positions backtracks from every start (about 70 µs over an advert), its plain test
 * runs a DFA (about 3 µs); most searches after a first hit find nothing more. The test reads the
 * text from one character before `from`, so \b, \B and ^ see the same neighbour; a match there is a
 * false "may", never a missed match. Patterns that look behind further are always searched, and so
 * is a start beside a surrogate pair, which the slice could split.
 */
export function mayMatchFrom(re: RE2JS, text: string, from: number): boolean {
  if (from === 0 || from > text.length || isSurrogate(text.charCodeAt(from - 1)) || isSurrogate(text.charCodeAt(from)))
    return true;
  return re.test(text.slice(from - 1));
}
