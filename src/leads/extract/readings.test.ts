import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from './index.ts';

const e164s = (text: string) => extractIdentifiers(text).phones.map((p) => p.e164);

/** A coin per choice the reader makes (oh or zero, hyphen or space, "and" or not). */
type Coins = () => boolean;

interface Language {
  digit(d: number, coin: Coins): string;
  belowHundred(n: number, coin: Coins): string;
  hundreds(n: number, coin: Coins): string;
  thousands(n: number, coin: Coins): string;
  repeat: [string, string];
}

const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const english: Language = {
  digit: (d, coin) => (d === 0 && coin() ? 'oh' : EN_UNITS[d]!),
  belowHundred(n, coin) {
    if (n < 10) return EN_UNITS[n]!;
    if (n < 20) return EN_TEENS[n - 10]!;
    const unit = n % 10;
    return unit === 0 ? EN_TENS[n / 10]! : `${EN_TENS[Math.floor(n / 10)]}${coin() ? '-' : ' '}${EN_UNITS[unit]}`;
  },
  hundreds(n, coin) {
    const rest = n % 100;
    const head = `${EN_UNITS[Math.floor(n / 100)]} hundred`;
    return rest === 0 ? head : `${head} ${coin() ? 'and ' : ''}${english.belowHundred(rest, coin)}`;
  },
  thousands(n, coin) {
    const rest = n % 1000;
    const head = `${EN_UNITS[Math.floor(n / 1000)]} thousand`;
    if (rest === 0) return head;
    const tail = rest >= 100 ? english.hundreds(rest, coin) : `${coin() ? 'and ' : ''}${english.belowHundred(rest, coin)}`;
    return `${head} ${tail}`;
  },
  repeat: ['double', 'triple'],
};

const ES_UNITS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];
const ES_TEENS = ['diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve'];
const ES_TWENTIES = [
  'veinte',
  'veintiuno',
  'veintidós',
  'veintitrés',
  'veinticuatro',
  'veinticinco',
  'veintiséis',
  'veintisiete',
  'veintiocho',
  'veintinueve',
];
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const ES_HUNDREDS = [
  '',
  'ciento',
  'doscientos',
  'trescientos',
  'cuatrocientos',
  'quinientos',
  'seiscientos',
  'setecientos',
  'ochocientos',
  'novecientos',
];

const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

const spanish: Language = {
  digit: (d) => ES_UNITS[d]!,
  belowHundred(n, coin) {
    const word =
      n < 10
        ? ES_UNITS[n]!
        : n < 20
          ? ES_TEENS[n - 10]!
          : n < 30
            ? ES_TWENTIES[n - 20]!
            : n % 10 === 0
              ? ES_TENS[n / 10]!
              : `${ES_TENS[Math.floor(n / 10)]} y ${ES_UNITS[n % 10]}`;
    return coin() ? stripAccents(word) : word; // adverts often drop accents
  },
  hundreds(n, coin) {
    if (n === 100) return 'cien';
    const rest = n % 100;
    const head = ES_HUNDREDS[Math.floor(n / 100)]!;
    return rest === 0 ? head : `${head} ${spanish.belowHundred(rest, coin)}`;
  },
  thousands(n, coin) {
    const rest = n % 1000;
    const head = n < 2000 ? 'mil' : `${ES_UNITS[Math.floor(n / 1000)]} mil`;
    if (rest === 0) return head;
    return `${head} ${rest >= 100 ? spanish.hundreds(rest, coin) : spanish.belowHundred(rest, coin)}`;
  },
  repeat: ['doble', 'triple'],
};

const STYLES = ['digits', 'repeats', 'pairs', 'scale'] as const;
type Style = (typeof STYLES)[number];

/** Digit by digit, with "double five" / "triple siete" for runs of two or three. */
function digitByDigit(group: string, lang: Language, coin: Coins, repeats: boolean): string {
  const words: string[] = [];
  for (let k = 0; k < group.length;) {
    let run = 1;
    while (repeats && run < 3 && group[k + run] === group[k]) run++;
    const word = lang.digit(Number(group[k]), coin);
    words.push(run === 1 ? word : `${lang.repeat[run - 2]} ${word}`);
    k += run;
  }
  return words.join(' ');
}

/** "nine eighteen", "forty-five sixty-seven", "oh one seventy-four": a pair read as one number. */
function pair(p: string, lang: Language, coin: Coins): string {
  if (p[0] === '0') return `${lang.digit(0, coin)} ${lang.digit(Number(p[1]), coin)}`;
  return lang.belowHundred(Number(p), coin);
}

function render(group: string, style: Style, lang: Language, coin: Coins): string {
  const n = Number(group);
  if (style === 'digits' || style === 'repeats') return digitByDigit(group, lang, coin, style === 'repeats');
  if (style === 'scale' && group[0] !== '0') return group.length === 3 ? lang.hundreds(n, coin) : lang.thousands(n, coin);
  if (group.length === 3) return `${lang.digit(Number(group[0]), coin)} ${pair(group.slice(1), lang, coin)}`;
  return `${pair(group.slice(0, 2), lang, coin)} ${pair(group.slice(2), lang, coin)}`;
}

const AREA_CODES = ['205', '214', '305', '312', '405', '415', '512', '602', '713', '817', '918', '971'];

const readAloud = fc
  .record({
    area: fc.constantFrom(...AREA_CODES),
    exchange: fc.integer({ min: 200, max: 999 }),
    line: fc.integer({ min: 0, max: 9999 }),
    styles: fc.tuple(fc.constantFrom(...STYLES), fc.constantFrom(...STYLES), fc.constantFrom(...STYLES)),
    spanish: fc.boolean(),
    separator: fc.constantFrom(', ', ' - ', ' / ', ' ... ', '; '),
    coins: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
    capitalised: fc.boolean(),
  })
  .map((r) => ({ ...r, national: `${r.area}${r.exchange}${String(r.line).padStart(4, '0')}` }))
  .filter((r) => parsePhoneNumberFromString(`+1${r.national}`)?.isValid() ?? false);

describe('numbers read aloud in groups', () => {
  it('recovers exactly the number, whatever reading each group gets, in English and Spanish', () => {
    fc.assert(
      fc.property(readAloud, (r) => {
        let k = 0;
        const coin = () => r.coins[k++ % r.coins.length]!;
        const lang = r.spanish ? spanish : english;
        const groups = [r.national.slice(0, 3), r.national.slice(3, 6), r.national.slice(6)];
        let spoken = groups.map((g, i) => render(g, r.styles[i]!, lang, coin)).join(r.separator);
        if (r.capitalised) spoken = spoken.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
        const text = `${r.spanish ? 'Llámame al' : 'Call me at'} ${spoken} xoxo`;
        expect(e164s(text), text).toEqual([`+1${r.national}`]);
      }),
      { numRuns: 3_000 },
    );
  });

  it.each([
    ['nine eighteen, five fifty-five, oh one seventy-four', '+19185550174'],
    ['nine one eight, five five five, oh one seventy four', '+19185550174'],
    ['four oh five, double five five, oh one three four', '+14055550134'],
    ['four oh five, triple five, oh one three four', '+14055550134'],
    ['nine hundred eighteen, five hundred and fifty-five, zero one seventy-four', '+19185550174'],
    ['two one four, five five five, two thousand ten', '+12145552010'],
    ['forty-five hundred', null],
    ['novecientos dieciocho, quinientos cincuenta y cinco, cero uno setenta y cuatro', '+19185550174'],
    ['dos uno cuatro, cinco cinco cinco, dos mil diez', '+12145552010'],
    ['nueve uno ocho, doble cinco cinco, cero ciento veintitrés', '+19185550123'],
  ])('%s', (spoken, expected) => {
    expect(e164s(`Text ${spoken} now`)).toEqual(expected ? [expected] : []);
  });
});

/** Ordinary prose with number words in it: ages, prices, durations, counts, heights. */
const PROSE: readonly ((n: number) => string)[] = [
  (n) => `I am ${english.belowHundred(18 + (n % 30), () => n % 2 === 0)} years old`,
  (n) => `${english.hundreds(100 * (1 + (n % 9)) + (n % 100), () => n % 3 === 0)} dollars for the hour`,
  (n) => `${english.belowHundred(1 + (n % 5), () => false)} hours`,
  (n) => `${english.belowHundred(2 + (n % 4), () => false)} girls and one of the two best`,
  (n) => `five foot ${english.belowHundred(n % 12, () => false)}`,
  (n) => `${english.hundreds(100 + (n % 80), () => n % 2 === 0)} pounds`,
  (n) => `tengo ${spanish.belowHundred(18 + (n % 30), () => false)} años`,
  (n) => `${spanish.hundreds(100 * (1 + (n % 9)), () => false)} dólares la hora`,
  (n) =>
    `open ${english.belowHundred(1 + (n % 12), () => false)} to ${english.belowHundred(1 + (n % 12), () => false)} every day`,
  (n) => `since two thousand ${english.belowHundred(1 + (n % 25), () => false)}`,
  (n) => `double the fun, triple the pleasure, ${english.belowHundred(n % 100, () => false)} percent real`,
  () => 'one of a kind, twenty-one and twenty-two, for you to enjoy',
];

describe('prose with number words', () => {
  it('yields no phone number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: PROSE.length - 1 }), fc.nat(10_000)), { minLength: 1, maxLength: 6 }),
        (parts) => {
          const text = parts.map(([p, n]) => PROSE[p]!(n)).join(', ') + '.';
          expect(e164s(text), text).toEqual([]);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
