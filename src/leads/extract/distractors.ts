import type { TextSpan } from './types.ts';

const MONTH = String.raw`(?:0?[1-9]|1[0-2])`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const MONTH_NAME = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;

/**
 * Numbers that look like parts of a phone number but are prices, dates, times, heights, weights,
 * stated ages, measurements or ZIP codes. Each alternative needs its own cue ($, a unit, a month…),
 * so a bare digit group is never masked: that stays the phone finder's call.
 */
const DISTRACTOR = new RegExp(
  [
    String.raw`\b\d\s?(?:'|’|ft|foot)\s?\d{1,2}\s?(?:"|”|''|in\b)?`, // first: "5 ft 4" is a height, not "5 ft" and a 4
    String.raw`[$€£]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|\/\s?h(?:r|our)?s?|hh|hhr|qv|fs))?`,
    String.raw`\b\d[\d,]*(?:\.\d+)?\s?(?:roses?|h|hrs?|hours?|hh|hhr|qv|fs|mins?|minutes?|bucks|dollars|usd|donations?|kg|cm|inches|ft|feet|yo|y\/o|yrs?|years?|am|pm|a\.m\.|p\.m\.)(?![a-z])`,
    String.raw`\b\d[\d,]*(?:st|nd|rd|th|k)\b`,
    String.raw`\b(?:19|20)\d\d[-/.]${MONTH}[-/.]${DAY}\b`,
    String.raw`(?<!\d[-/.]?)\b${MONTH}[-/.]${DAY}(?:[-/.](?:19|20)?\d\d)?\b(?![-/.]?\d)`,
    String.raw`\b${MONTH_NAME}\s${DAY}(?:st|nd|rd|th)?(?:,?\s(?:19|20)\d\d)?\b`,
    String.raw`\b${DAY}(?:st|nd|rd|th)?\sof\s${MONTH_NAME}`,
    String.raw`\b\d{1,2}:\d\d(?:\s?(?:am|pm))?`,
    String.raw`\b24\/7\b`,
    String.raw`\b\d{1,3}(?:\.\d+)?\s?%`,
    String.raw`\bage:?\s?\d{1,2}\b`,
    String.raw`(?<!\d[-.\s]?)\b\d{2}(?:[a-h]{1,3})?-\d{2}-\d{2}\b(?![-.\s]?\d)`, // 34C-24-36; a lone "34C" may be "34E" in a disguised number
    String.raw`\bzip(?:\s?code)?:?\s?\d{5}(?:-\d{4})?\b`,
  ].join('|'),
  'gi',
);

/** Weights: case-sensitive, since "01lB" is a disguised 0118 and not a weight. */
const WEIGHT = /\b[1-9]\d{1,2}\s?(?:lbs?|LBS?|Lbs?|pounds)(?![a-zA-Z])/g;

/** A ZIP code after a state code ("Tulsa, OK 74103"): capitals matter, so "me 40555" is not one. */
const ZIP_AFTER_STATE = /\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b/g;

const NUMBER_WORDS = new Set(
  (
    'zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen ' +
    'nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety hundred thousand and cero uno una dos tres cuatro cinco ' +
    'seis siete ocho nueve diez once doce trece catorce quince dieciseis dieciséis diecisiete dieciocho diecinueve veinte treinta ' +
    'cuarenta cincuenta sesenta setenta ochenta noventa cien ciento quinientos quinientas mil y'
  ).split(' '),
);
const isNumberWord = (w: string) => NUMBER_WORDS.has(w) || w.startsWith('veinti') || /cient[oa]s$/.test(w);

/** A unit after number words ("twenty-one years", "five hundred dollars"), or a cue before them ("since", "age", "tengo"). */
const UNIT_WORD =
  /\b(?:years?|yrs|yo|dollars|bucks|roses|donations?|hours?|hrs|minutes?|mins|pounds|lbs|feet|foot|ft|inches|percent|girls|ladies|a[ñn]os|d[oó]lares|horas|minutos|libras|rosas|chicas)(?![a-zA-Z\u00c0-\u00ff])/gi;
const CUE_WORD = /(?<![a-zA-Z\u00c0-\u00ff])(?:since|age|aged|i\s+am|i'm|i’m|tengo|desde)(?![a-zA-Z\u00c0-\u00ff])/gi;

const isLetter = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7);
const isGap = (c: number) => c === 32 || c === 45 || c === 9;

/** Where the number words just before `at` (separated by spaces or hyphens) begin; `at` if none. */
function numberWordsBefore(text: string, at: number): number {
  let start = at;
  for (;;) {
    let k = start;
    while (k > 0 && isGap(text.charCodeAt(k - 1))) k--;
    if (k === start) return start;
    const end = k;
    while (k > 0 && isLetter(text.charCodeAt(k - 1))) k--;
    if (k === end || !isNumberWord(text.slice(k, end).toLowerCase())) return start;
    start = k;
  }
}

/** Where the number words just after `at` end; `at` if none. */
function numberWordsAfter(text: string, at: number): number {
  let end = at;
  for (;;) {
    let k = end;
    while (k < text.length && isGap(text.charCodeAt(k))) k++;
    if (k === end) return end;
    const start = k;
    while (k < text.length && isLetter(text.charCodeAt(k))) k++;
    if (k === start || !isNumberWord(text.slice(start, k).toLowerCase())) return end;
    end = k;
  }
}

/** Number words that state an age, a year, a price or an amount: "twenty-one years old", "since two thousand ten". */
function numberWordsWithCue(text: string, spans: TextSpan[]): void {
  UNIT_WORD.lastIndex = 0;
  for (let m = UNIT_WORD.exec(text); m; m = UNIT_WORD.exec(text)) {
    const start = numberWordsBefore(text, m.index);
    if (start < m.index) spans.push({ start, end: m.index + m[0].length });
  }
  CUE_WORD.lastIndex = 0;
  for (let m = CUE_WORD.exec(text); m; m = CUE_WORD.exec(text)) {
    const end = numberWordsAfter(text, m.index + m[0].length);
    if (end > m.index + m[0].length) spans.push({ start: m.index, end });
  }
}

/** Spans of `text` that no phone number may use. */
export function distractorSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const re of [DISTRACTOR, WEIGHT, ZIP_AFTER_STATE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  numberWordsWithCue(text, spans);
  return spans;
}
