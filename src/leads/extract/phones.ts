import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { digitTokens, type DigitToken } from './digits.ts';
import type { FoundPhone, FoundUrl, ObfuscationStyle, TextSpan } from './types.ts';

type Gap = 'tight' | 'separator' | 'filler' | 'break';

/** Longest stretch of symbols, spaces or emoji between two digit groups of one number. */
const MAX_SEPARATOR = 12;
/** "Split by words": at most this many short words between digit groups ("405 call me 555 0134"). */
const MAX_FILLER_WORDS = 3;
const MAX_FILLER = 24;

const PLAIN = /^(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}$/;
const USUAL_SEPARATOR = /^[\s.()/-]*$/;
const USUAL_SEPARATORS = /[\s.()/-]+/g;

interface Candidate {
  first: number;
  last: number;
  national: string;
  cost: number;
}

/** Phone numbers in `text`, plain or disguised; `masks` are spans that hold no phone (prices, dates, URLs…). */
export function findPhones(text: string, masks: readonly TextSpan[]): FoundPhone[] {
  const tokens = withoutLoneWeakTokens(text, digitTokens(text, masks));
  const gaps = tokens.map((t, k) => (k === 0 ? 'break' : gapBetween(text, tokens[k - 1]!, t)));
  const found: FoundPhone[] = [];
  let chainStart = 0;
  for (let k = 1; k <= tokens.length; k++) {
    if (k < tokens.length && gaps[k] !== 'break') continue;
    for (const c of chooseCandidates(candidatesIn(text, tokens, gaps, chainStart, k))) found.push(present(text, tokens, gaps, c));
    chainStart = k;
  }
  return found;
}

const CHAT_LINK = /^https?:\/\/(?:wa\.me|api\.whatsapp\.com\/send\?phone=)\/?\+?1?([2-9]\d{2}[2-9]\d{6})\b/;

/** "wa.me/14055550134" is a phone number too, though URLs are masked from the digit scan. */
export function phonesInChatLinks(text: string, urls: readonly FoundUrl[]): FoundPhone[] {
  const found: FoundPhone[] = [];
  for (const u of urls) {
    const national = CHAT_LINK.exec(u.value)?.[1];
    if (national && isValidNanp(national))
      found.push({
        e164: `+1${national}`,
        obfuscated: false,
        styles: ['plain'],
        span: u.span,
        text: text.slice(u.span.start, u.span.end),
      });
  }
  return found;
}

function gapBetween(text: string, a: DigitToken, b: DigitToken): Gap {
  if (a.kind === 'break' || b.kind === 'break') return 'break';
  return classifyGap(text, a.end, b.start);
}

function classifyGap(text: string, from: number, to: number): Gap {
  if (from === to) return 'tight';
  if (to - from > MAX_FILLER) return 'break';
  let words = 0;
  let inWord = false;
  let newlines = 0;
  let sentenceEnd = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter && !inWord) words++;
    inWord = letter;
    if (c === 36 || c === 0x20ac || c === 0xa3) return 'break'; // $ € £: a price follows
    if (c === 10 && ++newlines > 1) return 'break';
    if (c === 46 || c === 33 || c === 63) sentenceEnd = true;
  }
  if (newlines > 0 && sentenceEnd) return 'break'; // ".\n" ends a line of the advert, not a digit group
  if (words === 0) return to - from <= MAX_SEPARATOR ? 'separator' : 'break';
  return words <= MAX_FILLER_WORDS ? 'filler' : 'break';
}

const isWeak = (t: DigitToken) => t.kind === 'homophone' || t.kind === 'lookalike';

/** "for you", "SOS" or "BOB" are words unless they touch other digit material. */
function withoutLoneWeakTokens(text: string, tokens: DigitToken[]): DigitToken[] {
  const keep = new Array<boolean>(tokens.length).fill(true);
  let groupStart = 0;
  for (let k = 1; k <= tokens.length; k++) {
    const joined =
      k < tokens.length &&
      tokens[k]!.kind !== 'break' &&
      tokens[k - 1]!.kind !== 'break' &&
      isClose(classifyGap(text, tokens[k - 1]!.end, tokens[k]!.start));
    if (joined) continue;
    let strong = false;
    for (let g = groupStart; g < k; g++) strong ||= !isWeak(tokens[g]!);
    if (!strong) for (let g = groupStart; g < k; g++) keep[g] = false;
    groupStart = k;
  }
  return tokens.filter((_, k) => keep[k]);
}

const isClose = (g: Gap) => g === 'tight' || g === 'separator';

/** Every run of whole tokens in one chain that spells a valid number of 10 digits (11 with a leading 1). */
function candidatesIn(text: string, tokens: DigitToken[], gaps: Gap[], from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  for (let first = from; first < to; first++) {
    if (cutsWord(tokens, gaps, first - 1, first)) continue;
    let digits = '';
    for (let last = first; last < to && digits.length < 11; last++) {
      digits += tokens[last]!.digits;
      const national =
        digits.length === 10 && digits[0] !== '1' ? digits : digits.length === 11 && digits[0] === '1' ? digits.slice(1) : null;
      if (national === null || cutsWord(tokens, gaps, last, last + 1) || tooWordy(gaps, first, last) || !isValidNanp(national))
        continue;
      const prefixed = digits.length === 11 && isCountryCode(text, tokens[first]!, tokens[first + 1]!);
      out.push({ first, last, national, cost: cost(text, tokens, gaps, first, last, from, to) - (prefixed ? 3 : 0) });
    }
  }
  return out;
}

/** "405 call me 555 text only 0134" has two runs of words inside; prose with number words has more. */
const MAX_FILLER_GAPS = 2;

function tooWordy(gaps: Gap[], first: number, last: number): boolean {
  let fillers = 0;
  for (let k = first + 1; k <= last; k++) if (gaps[k] === 'filler' && ++fillers > MAX_FILLER_GAPS) return true;
  return false;
}

/** "+1 405…", "1-405…", "1 (405)…": a written country code, which the number should keep in its span. */
function isCountryCode(text: string, one: DigitToken, next: DigitToken): boolean {
  if (one.kind !== 'ascii' || one.digits !== '1') return false;
  return text[one.start - 1] === '+' || next.start - one.end <= 1;
}

/** A number never starts or ends inside a run of digits glued together ("12345678901234"). */
function cutsWord(tokens: DigitToken[], gaps: Gap[], before: number, after: number): boolean {
  if (before < 0 || after >= tokens.length || gaps[after] !== 'tight') return false;
  return !isWeak(tokens[before]!) && !isWeak(tokens[after]!);
}

/**
 * Prefer numbers that do not leave out digits right beside them (a digit left out costs more than
 * a "for" or an "O"), need few filler words, do not run across a sentence end, and do not begin or
 * end on a token that reads as part of the prose around it ("talk to", "for appointments", "3 girls").
 */
function cost(text: string, tokens: DigitToken[], gaps: Gap[], first: number, last: number, from: number, to: number): number {
  let c = 0;
  let digits = 0;
  const symbols = new Map<string, number>();
  for (let k = first + 1; k <= last; k++) {
    digits += tokens[k - 1]!.digits.length;
    if (gaps[k] === 'filler') c += digits < 2 || 10 - digits < 2 ? 5 : 2; // "405 call me 555 0134", not "… rush, one"
    if (endsSentence(text, tokens[k - 1]!, tokens[k]!)) c += 3;
    const symbol = text.slice(tokens[k - 1]!.end, tokens[k]!.start).replace(USUAL_SEPARATORS, '');
    if (symbol) symbols.set(symbol, (symbols.get(symbol) ?? 0) + 1);
  }
  // One number keeps one disguise: a lone emoji among plain gaps ("5 to 🌹 Two") is an advert's bullet.
  if (last - first >= 3) for (const n of symbols.values()) if (n === 1) c += 2;
  if (first > from) c += leftOut(text, tokens, gaps, first - 1, first, proseBefore(text, tokens, first - 1));
  if (last + 1 < to) c += leftOut(text, tokens, gaps, last + 1, last + 1, proseAfter(text, tokens, last + 1));
  c += edge(tokens[first]!, proseBefore(text, tokens, first), false) + edge(tokens[last]!, proseAfter(text, tokens, last), true);
  return c;
}

/** English puts "for", "to" before their object: "for appointments" is prose more surely than "text for". */
function edge(t: DigitToken, inProse: boolean, atEnd: boolean): number {
  if (isWeak(t)) return inProse ? (atEnd ? 4 : 2) : 1;
  return inProse ? 3 : 0;
}

/** What leaving token `k` out of a number costs, `gap` being the gap between it and the number. */
function leftOut(text: string, tokens: DigitToken[], gaps: Gap[], k: number, gap: number, inProse: boolean): number {
  const g = gaps[gap]!;
  if (!isClose(g) || endsSentence(text, tokens[gap - 1]!, tokens[gap]!)) return 0;
  if (g === 'tight') return isWeak(tokens[k]!) ? 4 : 3;
  return isWeak(tokens[k]!) || inProse ? 1 : 3;
}

const isLetterAt = (text: string, k: number) => {
  const c = text.charCodeAt(k);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
};

/** "talk to", "Call me at 4…": the token follows an ordinary word after one space. */
function proseBefore(text: string, tokens: DigitToken[], k: number): boolean {
  const p = tokens[k]!.start - 1;
  return text.charCodeAt(p) === 32 && isLetterAt(text, p - 1) && (k === 0 || tokens[k - 1]!.end < p);
}

/** "for appointments", "3 girls": an ordinary word follows the token after one space. */
function proseAfter(text: string, tokens: DigitToken[], k: number): boolean {
  const p = tokens[k]!.end;
  return text.charCodeAt(p) === 32 && isLetterAt(text, p + 1) && (k + 1 >= tokens.length || tokens[k + 1]!.start > p + 1);
}

/** ". " "! " "?\n" between two digit groups: one number rarely straddles a sentence end. */
function endsSentence(text: string, a: DigitToken, b: DigitToken): boolean {
  for (let k = a.end; k < b.start - 1; k++) {
    const c = text.charCodeAt(k);
    const next = text.charCodeAt(k + 1);
    if ((c === 46 || c === 33 || c === 63) && (next === 32 || next === 10)) return true;
  }
  return false;
}

function chooseCandidates(candidates: Candidate[]): Candidate[] {
  const chosen: Candidate[] = [];
  const ordered = [...candidates].sort((a, b) => a.cost - b.cost || a.first - b.first || b.last - a.last);
  for (const c of ordered) if (chosen.every((o) => c.last < o.first || c.first > o.last)) chosen.push(c);
  return chosen.sort((a, b) => a.first - b.first);
}

const nanpValidity = new Map<string, boolean>();

/** NANP shape first (cheap), then libphonenumber-js; 555-0100…0199 (fictional) numbers pass both. */
function isValidNanp(national: string): boolean {
  if (national[0]! < '2' || national[3]! < '2') return false;
  let valid = nanpValidity.get(national);
  if (valid === undefined) {
    valid = parsePhoneNumberFromString(`+1${national}`)?.isValid() ?? false;
    // Sized for a large run's distinct numbers (about 10 MB): libphonenumber-js is the costly part.
    if (nanpValidity.size > 200_000) nanpValidity.clear();
    nanpValidity.set(national, valid);
  }
  return valid;
}

function present(text: string, tokens: DigitToken[], gaps: Gap[], c: Candidate): FoundPhone {
  let start = tokens[c.first]!.start;
  const end = tokens[c.last]!.end;
  if (text[start - 1] === '+' || text[start - 1] === '(') start--;
  const shown = text.slice(start, end);
  const styles = stylesOf(text, tokens, gaps, c, shown);
  const obfuscated = styles.some((s) => s !== 'plain' && s !== 'prefix');
  return { e164: `+1${c.national}`, obfuscated, styles, span: { start, end }, text: shown };
}

function stylesOf(text: string, tokens: DigitToken[], gaps: Gap[], c: Candidate, shown: string): ObfuscationStyle[] {
  const prefix = tokens.slice(c.first, c.last + 1).reduce((n, t) => n + t.digits.length, 0) === 11;
  if (PLAIN.test(shown)) return prefix ? ['prefix'] : ['plain'];
  const seen = new Set<ObfuscationStyle>();
  for (let k = c.first; k <= c.last; k++) {
    const t = tokens[k]!;
    if (t.kind === 'unicode') seen.add('unicode_digits');
    else if (t.kind === 'keycap') seen.add('emoji_keycaps');
    else if (t.kind === 'word') seen.add('digit_words');
    else if (t.kind === 'tens') seen.add('tens_teens');
    else if (t.kind === 'homophone') seen.add('homophones');
    else if (t.kind === 'lookalike') seen.add('lookalikes');
    if (t.upper && touchesAsciiDigit(tokens, gaps, k, c)) seen.add('mixed_caps');
    if (k > c.first && gaps[k] === 'filler') seen.add('split_by_words');
    if (k > c.first && gaps[k] === 'separator' && !USUAL_SEPARATOR.test(text.slice(tokens[k - 1]!.end, t.start)))
      seen.add('separators');
  }
  if (seen.size === 0) seen.add('separators');
  if (prefix) seen.add('prefix');
  return ORDER.filter((s) => seen.has(s));
}

function touchesAsciiDigit(tokens: DigitToken[], gaps: Gap[], k: number, c: Candidate): boolean {
  const before = k > c.first && gaps[k] === 'tight' && tokens[k - 1]!.kind === 'ascii';
  const after = k < c.last && gaps[k + 1] === 'tight' && tokens[k + 1]!.kind === 'ascii';
  return before || after;
}

const ORDER: readonly ObfuscationStyle[] = [
  'plain',
  'separators',
  'digit_words',
  'tens_teens',
  'homophones',
  'lookalikes',
  'mixed_caps',
  'unicode_digits',
  'emoji_keycaps',
  'split_by_words',
  'prefix',
];
