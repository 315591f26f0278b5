import type { TextSpan } from './types.ts';
import {
  DIGIT_WORDS,
  KEYCAP,
  KEYCAP_TEN,
  LOOKALIKES,
  VARIATION_SELECTOR,
  unicodeDigit,
  type DigitKind,
  type DigitWord,
} from './vocabulary.ts';
import { readAloudGroups } from './readings.ts';

/** A piece of text that reads as one or more digits, or (kind 'break') a place no number may span. */
export interface DigitToken {
  start: number;
  end: number;
  digits: string;
  kind: DigitKind | 'break';
  /** An all-capitals word such as "ONE", for the mixed-capitals disguise. */
  upper: boolean;
  /** A scale word's 100 or 1000, or how many times "double" or "triple" repeats the next digit. */
  factor?: number;
}

/** A word longer than this is prose, not a run of digit words such as "fourohfivefivefive". */
const MAX_WORD_RUN = 30;

const WORDS_BY_INITIAL = new Map<number, DigitWord[]>();
for (const w of DIGIT_WORDS) {
  const initial = w.word.charCodeAt(0);
  WORDS_BY_INITIAL.set(initial, [...(WORDS_BY_INITIAL.get(initial) ?? []), w]);
}

/** The first two and three letters of every digit word, lower-cased as matchesLower reads text. */
const HEADS = new Set(DIGIT_WORDS.flatMap((w) => [w.word.slice(0, 2), w.word.slice(0, 3)]));
const TWO_LETTER_WORDS = new Set(DIGIT_WORDS.filter((w) => w.word.length === 2).map((w) => w.word));
const lowerAt = (text: string, k: number) => String.fromCharCode(text.charCodeAt(k) | 0x20);

/** Whether some digit word may start at `pos`: most prose words fail here, before every word of their initial is tried. */
function mayStartWord(text: string, pos: number): boolean {
  const two = lowerAt(text, pos) + lowerAt(text, pos + 1);
  return HEADS.has(two) && (HEADS.has(two + lowerAt(text, pos + 2)) || TWO_LETTER_WORDS.has(two));
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** ASCII and Latin-1 letters, so "dieciséis" is one word. */
const isLetter = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7);

/** Every digit-ish token of `text`, in order, skipping (and marking as breaks) the masked spans. */
/** Where the last word that is not digits ended: digits glued to it ("lujo7") belong to a name. */
let proseEnd = -1;
/** A run this long glued to a word is still a number ("call4055550134"). */
const MIN_GLUED_NUMBER = 7;

export function digitTokens(text: string, masks: readonly TextSpan[]): DigitToken[] {
  const tokens: DigitToken[] = [];
  proseEnd = -1;
  let m = 0;
  let i = 0;
  while (i < text.length) {
    while (m < masks.length && masks[m]!.end <= i) m++;
    const mask = masks[m];
    if (mask && mask.start <= i) {
      tokens.push({ start: i, end: mask.end, digits: '', kind: 'break', upper: false });
      i = mask.end;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isDigit(c)) i = scanDigits(text, i, tokens);
    else if (isLetter(c)) i = scanLetters(text, i, tokens);
    else if (c >= 0x80) i = scanUnicode(text, i, tokens);
    else if (c === 95 && isLetter(text.charCodeAt(i - 1)))
      proseEnd = ++i; // "vip_8" is a user name
    else i++;
  }
  return readAloudGroups(text, tokens);
}

function scanDigits(text: string, i: number, tokens: DigitToken[]): number {
  let j = i + 1;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  let k = j;
  if (text.charCodeAt(k) === VARIATION_SELECTOR) k++;
  if (text.charCodeAt(k) === KEYCAP) {
    tokens.push({ start: i, end: k + 1, digits: text.slice(i, j), kind: 'keycap', upper: false });
    return k + 1;
  }
  const glued = i === proseEnd && j - i < MIN_GLUED_NUMBER;
  tokens.push({ start: i, end: j, digits: glued ? '' : text.slice(i, j), kind: glued ? 'break' : 'ascii', upper: false });
  return j;
}

function scanUnicode(text: string, i: number, tokens: DigitToken[]): number {
  const cp = text.codePointAt(i)!;
  const width = cp > 0xffff ? 2 : 1;
  if (cp === KEYCAP_TEN) {
    tokens.push({ start: i, end: i + width, digits: '10', kind: 'keycap', upper: false });
    return i + width;
  }
  const d = unicodeDigit(cp);
  if (d >= 0) tokens.push({ start: i, end: i + width, digits: String(d), kind: 'unicode', upper: false });
  return i + width;
}

function scanLetters(text: string, i: number, tokens: DigitToken[]): number {
  let j = i + 1;
  while (j < text.length && isLetter(text.charCodeAt(j))) j++;
  if (j - i <= MAX_WORD_RUN && couldStartDigits(text, i)) {
    const pieces: DigitToken[] = [];
    deadEnds = 0;
    if (decompose(text, i, i, j, pieces)) {
      for (const p of pieces) tokens.push(p);
      return j;
    }
  }
  proseEnd = j;
  return j;
}

function couldStartDigits(text: string, i: number): boolean {
  return WORDS_BY_INITIAL.has(text.charCodeAt(i) | 0x20) || LOOKALIKES.has(text[i]!);
}

/** Offsets (bits, relative to the run) from which the rest of the run cannot be read as digits. */
let deadEnds = 0;

/** Reads a whole letter run as digit words and look-alike letters, or fails. */
function decompose(text: string, run: number, pos: number, end: number, out: DigitToken[]): boolean {
  if (pos === end) return true;
  const bit = 1 << (pos - run);
  if (deadEnds & bit) return false;
  for (const w of mayStartWord(text, pos) ? (WORDS_BY_INITIAL.get(text.charCodeAt(pos) | 0x20) ?? []) : []) {
    const stop = pos + w.word.length;
    if (stop > end || !matchesLower(text, pos, w.word)) continue;
    out.push({ start: pos, end: stop, digits: w.digits, kind: w.kind, upper: isUpperRun(text, pos, stop), factor: w.factor });
    if (decompose(text, run, stop, end, out)) return true;
    out.pop();
  }
  const look = LOOKALIKES.get(text[pos]!);
  if (look !== undefined) {
    out.push({ start: pos, end: pos + 1, digits: look, kind: 'lookalike', upper: false });
    if (decompose(text, run, pos + 1, end, out)) return true;
    out.pop();
  }
  deadEnds |= bit;
  return false;
}

function matchesLower(text: string, pos: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(pos + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

function isUpperRun(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let k = start; k < end; k++) if (text.charCodeAt(k) > 90) return false;
  return true;
}
