/** What counts as a digit in a disguised phone number: words, homophones, look-alike letters, Unicode digits. */

export type DigitKind = 'ascii' | 'unicode' | 'keycap' | 'word' | 'tens' | 'homophone' | 'lookalike' | 'scale' | 'repeat';

export interface DigitWord {
  word: string;
  /** For a scale word, the number of hundreds or thousands it carries itself ("novecientos": 9), or '' ("hundred"). */
  digits: string;
  kind: 'word' | 'tens' | 'homophone' | 'scale' | 'repeat';
  /** 100 or 1000 for a scale word; 2 or 3 for "double", "triple". */
  factor?: number;
}

const words = (list: readonly (readonly [string, string])[], kind: 'word' | 'tens') =>
  list.map(([word, digits]) => ({ word, digits, kind }));

/** Spanish readings: digits, teens, tens and the "veinti-" compounds, with and without accents. */
const SPANISH: readonly DigitWord[] = [
  ...words(
    [
      ['cero', '0'],
      ['uno', '1'],
      ['dos', '2'],
      ['tres', '3'],
      ['cuatro', '4'],
      ['cinco', '5'],
      ['seis', '6'],
      ['siete', '7'],
      ['ocho', '8'],
      ['nueve', '9'],
    ],
    'word',
  ),
  ...words(
    [
      ['diez', '10'],
      ['once', '11'],
      ['doce', '12'],
      ['trece', '13'],
      ['catorce', '14'],
      ['quince', '15'],
      ['dieciséis', '16'],
      ['dieciseis', '16'],
      ['diecisiete', '17'],
      ['dieciocho', '18'],
      ['diecinueve', '19'],
      ['veinte', '20'],
      ['veintiuno', '21'],
      ['veintidós', '22'],
      ['veintidos', '22'],
      ['veintitrés', '23'],
      ['veintitres', '23'],
      ['veinticuatro', '24'],
      ['veinticinco', '25'],
      ['veintiséis', '26'],
      ['veintiseis', '26'],
      ['veintisiete', '27'],
      ['veintiocho', '28'],
      ['veintinueve', '29'],
      ['treinta', '30'],
      ['cuarenta', '40'],
      ['cincuenta', '50'],
      ['sesenta', '60'],
      ['setenta', '70'],
      ['ochenta', '80'],
      ['noventa', '90'],
    ],
    'tens',
  ),
];

const SPANISH_HUNDREDS = [
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

/** Words that scale or repeat the digits beside them: "five hundred", "dos mil", "double five". */
const SCALES_AND_REPEATS: readonly DigitWord[] = [
  { word: 'hundred', digits: '', kind: 'scale', factor: 100 },
  { word: 'thousand', digits: '', kind: 'scale', factor: 1000 },
  { word: 'cien', digits: '1', kind: 'scale', factor: 100 },
  ...SPANISH_HUNDREDS.flatMap((word, k) => [
    { word, digits: String(k + 1), kind: 'scale' as const, factor: 100 },
    ...(k > 0 ? [{ word: word.replace(/os$/, 'as'), digits: String(k + 1), kind: 'scale' as const, factor: 100 }] : []),
  ]),
  { word: 'mil', digits: '1', kind: 'scale', factor: 1000 },
  { word: 'double', digits: '', kind: 'repeat', factor: 2 },
  { word: 'doble', digits: '', kind: 'repeat', factor: 2 },
  { word: 'triple', digits: '', kind: 'repeat', factor: 3 },
];

const WORDS: readonly DigitWord[] = [
  ...['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].map((word, d) => ({
    word,
    digits: String(d),
    kind: 'word' as const,
  })),
  ...['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'].map(
    (word, d) => ({ word, digits: String(10 + d), kind: 'tens' as const }),
  ),
  ...['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((word, d) => ({
    word,
    digits: String(20 + 10 * d),
    kind: 'tens' as const,
  })),
  ...(
    [
      ['oh', '0'],
      ['won', '1'],
      ['to', '2'],
      ['too', '2'],
      ['for', '4'],
      ['fore', '4'],
      ['ate', '8'],
    ] as const
  ).map(([word, digits]) => ({ word, digits, kind: 'homophone' as const })),
  ...words(
    [
      ['fourty', '40'],
      ['ninty', '90'],
    ],
    'tens',
  ),
  ...SPANISH,
  ...SCALES_AND_REPEATS,
];

/** Longest first, so "fourteen" wins over "four" and "too" over "to"; backtracking fixes the rest. */
export const DIGIT_WORDS: readonly DigitWord[] = [...WORDS].sort((a, b) => b.word.length - a.word.length);

/** Case matters: "O" and "o" read as 0, but "e" or "s" in lower case do not pass for digits. */
export const LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['O', '0'],
  ['o', '0'],
  ['l', '1'],
  ['I', '1'],
  ['E', '3'],
  ['S', '5'],
  ['B', '8'],
]);

/** Zero code points of the digit blocks NFKC maps to ASCII digits (full-width, mathematical, super/subscript). */
const ZERO_BASED_BLOCKS: readonly number[] = [0xff10, 0x2080, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1fbf0];

/** Digit value of a non-ASCII code point, or -1. Covers the disguises seen in adverts, not every script. */
export function unicodeDigit(cp: number): number {
  for (const zero of ZERO_BASED_BLOCKS) if (cp >= zero && cp <= zero + 9) return cp - zero;
  if (cp >= 0x2460 && cp <= 0x2468) return cp - 0x2460 + 1; // ① … ⑨
  if (cp >= 0x2474 && cp <= 0x247c) return cp - 0x2474 + 1; // ⑴ … ⑼
  if (cp >= 0x2488 && cp <= 0x2490) return cp - 0x2488 + 1; // ⒈ … ⒐
  if (cp >= 0x24f5 && cp <= 0x24fd) return cp - 0x24f5 + 1; // ⓵ … ⓽
  if (cp >= 0x2776 && cp <= 0x277e) return cp - 0x2776 + 1; // ❶ … ❾
  if (cp >= 0x2780 && cp <= 0x2788) return cp - 0x2780 + 1; // ➀ … ➈
  if (cp >= 0x278a && cp <= 0x2792) return cp - 0x278a + 1; // ➊ … ➒
  if (cp >= 0x2074 && cp <= 0x2079) return cp - 0x2070; // ⁴ … ⁹
  switch (cp) {
    case 0x24ea:
    case 0x24ff:
    case 0x1f10b:
    case 0x1f10c:
    case 0x2070:
      return 0; // ⓪ ⓿ 🄋 🄌 ⁰
    case 0x00b9:
      return 1;
    case 0x00b2:
      return 2;
    case 0x00b3:
      return 3;
    default:
      return -1;
  }
}

export const KEYCAP = 0x20e3;
export const VARIATION_SELECTOR = 0xfe0f;
export const KEYCAP_TEN = 0x1f51f;
