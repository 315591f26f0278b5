/**
 * How adverts disguise a phone number, one renderer per obfuscation style. Input: the 10 national
 * digits of a fictional number (NXX-555-0100…0199). Output: the text an advert would show.
 */
import type { Random } from '../../src/core/random.ts';
import type { ObfuscationStyle } from '../../src/leads/index.ts';

const WORD = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const HOMOPHONE: Record<string, readonly string[]> = {
  '0': ['oh', 'Oh', 'OH'],
  '1': ['won', 'Won'],
  '2': ['to', 'too', 'To'],
  '4': ['for', 'fore', 'For'],
  '8': ['ate', 'Ate'],
};
const LOOKALIKE: Record<string, readonly string[]> = { '0': ['O', 'o'], '1': ['l', 'I'], '3': ['E'], '5': ['S'], '8': ['B'] };
/** Zero code points of digit families a poster can paste (full-width, mathematical bold, double-struck, monospace, sans). */
const FAMILIES = [0xff10, 0x1d7ce, 0x1d7d8, 0x1d7f6, 0x1d7e2];
const CIRCLED = ['⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];
const NEGATIVE_CIRCLED = ['⓿', '❶', '❷', '❸', '❹', '❺', '❻', '❼', '❽', '❾'];
const ODD_SEPARATORS = ['~', ' ☆ ', '*', '_', ' | ', '•', ' 💋 ', '//', '..', ' ~ ', '  ', ' - ', '🌹', ' ★ ', '+'];
const FILLERS = ['call', 'text', 'me', 'now', 'only', 'babe', 'hun', 'txt', 'ok', 'or', 'and', 'at', 'pls', 'dial', 'hit me up'];

type Groups = [string, string, string];
const groups = (d: string): Groups => [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
const cap = (w: string, rng: Random) => (rng.chance(0.2) ? w[0]!.toUpperCase() + w.slice(1) : w);

function plain(d: string, rng: Random): string {
  const [a, b, c] = groups(d);
  return rng.pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `${a} ${b} ${c}`, `${a}${b}${c}`, `(${a})${b}-${c}`]);
}

function separators(d: string, rng: Random): string {
  const kind = rng.int(0, 2);
  if (kind === 0) return [...d].join(rng.pick([' ', '  ', '-', '.', ' ~ ', '*']));
  const sep = rng.pick(ODD_SEPARATORS);
  if (kind === 1) return groups(d).join(sep);
  const [a, b, c] = groups(d);
  return `${a}${sep}${b}${sep}${c.slice(0, 2)}${rng.pick(['', sep])}${c.slice(2)}`;
}

function digitWords(d: string, rng: Random): string {
  const mix = rng.chance(0.5);
  const group = (g: string) => {
    const tight = rng.chance(0.3);
    return [...g].map((x) => (mix && rng.chance(0.4) ? x : cap(WORD[Number(x)]!, rng))).join(tight ? '' : ' ');
  };
  const text = groups(d)
    .map(group)
    .join(rng.pick([' ', ', ', ' - ', '  ']));
  return /[a-z]/i.test(text) ? text : cap(WORD[Number(d[0])]!, rng) + text.slice(1);
}

/** Pairs as tens or teens ("thirtyfour", "fourteen"), the rest as digits or words. */
function tensTeens(d: string, rng: Random): string {
  const [a, b, c] = groups(d);
  const single = (x: string) => (rng.chance(0.5) ? x : WORD[Number(x)]!);
  const pairWord = (p: string) => {
    const [x, y] = [Number(p[0]), Number(p[1])];
    if (x === 0) return `${single(p[0]!)} ${single(p[1]!)}`;
    if (x === 1) return TEENS[y]!;
    if (y === 0) return TENS[x]!;
    return `${TENS[x]}${rng.pick(['', ' ', '-'])}${WORD[y]}`;
  };
  const exchange = rng.chance(0.5) ? `${single(b[0]!)} ${pairWord(b.slice(1))}` : `${pairWord(b.slice(0, 2))} ${single(b[2]!)}`;
  const line =
    c[2] === '0'
      ? `${single(c[0]!)} ${single(c[1]!)} ${single(c[2]!)} ${single(c[3]!)}`
      : `${single(c[0]!)} ${single(c[1]!)} ${pairWord(c.slice(2))}`;
  const area = [...a].map(single).join(' ');
  return [area, exchange, line].join(rng.pick([' ', ', ', ' - ']));
}

function homophones(d: string, rng: Random): string {
  let used = false;
  const out = [...d].map((x, i) => {
    const options = HOMOPHONE[x];
    if (options && (rng.chance(0.6) || (!used && i === 7))) {
      used = true;
      return ` ${rng.pick(options)} `;
    }
    return rng.chance(0.3) ? ` ${WORD[Number(x)]} ` : x;
  });
  const [a, b, c] = [out.slice(0, 3), out.slice(3, 6), out.slice(6)].map((g) => g.join(''));
  return [a, b, c].join(' ').replace(/\s+/g, ' ').trim();
}

function lookalikes(d: string, rng: Random): string {
  const digitsKept = new Set([rng.int(0, 2), rng.int(6, 9)]);
  let used = false;
  const out = [...d].map((x, i) => {
    const options = LOOKALIKE[x];
    if (!options || digitsKept.has(i) || !(rng.chance(0.6) || (!used && i > 6))) return x;
    used = true;
    return rng.pick(options);
  });
  if (!used) out[6] = 'O';
  return [out.slice(0, 3), out.slice(3, 6), out.slice(6)].map((g) => g.join('')).join(rng.pick(['-', ' ', '.', '']));
}

/** "2ONE6-SIX2TWO": capital digit words glued to digits. */
function mixedCaps(d: string, rng: Random): string {
  const group = (g: string) => {
    const chars = [...g].map((x) => (rng.chance(0.5) ? WORD[Number(x)]!.toUpperCase() : x));
    if (chars.every((c) => c.length > 1)) chars[0] = g[0]!;
    if (chars.every((c) => c.length === 1)) chars[1] = WORD[Number(g[1])]!.toUpperCase();
    return chars.join('');
  };
  return groups(d)
    .map(group)
    .join(rng.pick(['-', ' ', '.']));
}

function unicodeDigits(d: string, rng: Random): string {
  const kind = rng.int(0, FAMILIES.length + 1);
  const glyph = (x: string): string => {
    if (kind === FAMILIES.length) return CIRCLED[Number(x)]!;
    if (kind === FAMILIES.length + 1) return NEGATIVE_CIRCLED[Number(x)]!;
    return String.fromCodePoint(FAMILIES[kind]! + Number(x));
  };
  return groups(d)
    .map((g) => [...g].map(glyph).join(''))
    .join(rng.pick(['-', ' ', '.', '']));
}

function emojiKeycaps(d: string, rng: Random): string {
  const selector = rng.chance(0.8) ? '\uFE0F' : '';
  return groups(d)
    .map((g) => [...g].map((x) => `${x}${selector}\u20E3`).join(''))
    .join(rng.pick(['', ' ', '-']));
}

function splitByWords(d: string, rng: Random): string {
  const [a, b, c] = groups(d);
  const filler = () => rng.pick(FILLERS);
  return rng.chance(0.5)
    ? `${a} ${filler()} ${b} ${c}`
    : `${a} ${b} ${filler()} ${c.slice(0, 2)} ${rng.chance(0.5) ? filler() + ' ' : ''}${c.slice(2)}`;
}

function prefix(d: string, rng: Random): string {
  const [a, b, c] = groups(d);
  return rng.pick([
    `+1 ${a} ${b} ${c}`,
    `1-${a}-${b}-${c}`,
    `+1(${a})${b}-${c}`,
    `1 ${a}.${b}.${c}`,
    `+1-${a}-${b}-${c}`,
    `+1${d}`,
  ]);
}

export const RENDER: Record<ObfuscationStyle, (digits: string, rng: Random) => string> = {
  plain,
  separators,
  digit_words: digitWords,
  tens_teens: tensTeens,
  homophones,
  lookalikes,
  mixed_caps: mixedCaps,
  unicode_digits: unicodeDigits,
  emoji_keycaps: emojiKeycaps,
  split_by_words: splitByWords,
  prefix,
};

export const STYLES = Object.keys(RENDER) as ObfuscationStyle[];
