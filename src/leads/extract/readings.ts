import type { DigitToken } from './digits.ts';

/**
 * Digit groups read aloud, in English and Spanish: "fifty-five", "cincuenta y cinco", "five hundred
 * and five", "novecientos dieciocho", "two thousand ten", "dos mil diez", "forty-five hundred",
 * "double five", "triple siete". Pairs ("nine eighteen") need nothing here: "eighteen" is already
 * one token of two digits. A scale or repeat word that reads as no group becomes a break.
 */
export function readAloudGroups(text: string, tokens: DigitToken[]): DigitToken[] {
  const out: DigitToken[] = [];
  let k = 0;
  while (k < tokens.length) {
    const group = repeated(text, tokens, k) ?? scaled(text, tokens, k) ?? belowHundred(text, tokens, k);
    if (group) {
      out.push(group.token);
      k = group.next;
    } else {
      const t = tokens[k]!;
      out.push(t.kind === 'scale' || t.kind === 'repeat' ? { ...t, digits: '', kind: 'break' } : t);
      k++;
    }
  }
  return out;
}

interface Reading {
  token: DigitToken;
  /** Index of the first token after the group. */
  next: number;
}

const SPELLED = new Set(['word', 'tens']);
const isUnit = (t: DigitToken | undefined) => !!t && (t.kind === 'word' || t.kind === 'ascii') && /^[1-9]$/.test(t.digits);
const isRoundTens = (t: DigitToken) => t.kind === 'tens' && t.digits.length === 2 && t.digits[1] === '0' && t.digits[0] !== '1';

/** Next to each other, or one space or hyphen apart: "twenty-six", "twenty six", "twentysix". */
const joins = (text: string, a: number, b: number) => b === a || (b === a + 1 && (text[a] === ' ' || text[a] === '-'));
const AND = /^[\s-]+(?:and|y)[\s-]+$/i;
const Y = /^\s+y\s+$/i;

function group(tokens: DigitToken[], first: number, next: number, digits: string, kind: DigitToken['kind']): Reading {
  let upper = true;
  for (let k = first; k < next; k++) upper &&= tokens[k]!.upper;
  return { token: { start: tokens[first]!.start, end: tokens[next - 1]!.end, digits, kind, upper }, next };
}

/** "double five", "triple 7", "doble cero": a digit said two or three times. */
function repeated(text: string, tokens: DigitToken[], k: number): Reading | null {
  const r = tokens[k]!;
  const d = tokens[k + 1];
  if (r.kind !== 'repeat' || !d || d.digits.length !== 1 || d.kind === 'break' || d.kind === 'lookalike') return null;
  if (!joins(text, r.end, d.start)) return null;
  return group(tokens, k, k + 2, d.digits.repeat(r.factor ?? 2), 'word');
}

/** "twenty-six", "cincuenta y cinco": a round ten and a unit. Null for a lone token. */
function belowHundred(text: string, tokens: DigitToken[], k: number): Reading | null {
  const tens = tokens[k]!;
  const unit = tokens[k + 1];
  if (!isRoundTens(tens) || !unit || unit.kind !== 'word' || unit.digits === '0' || unit.digits.length !== 1) return null;
  if (!joins(text, tens.end, unit.start) && !Y.test(text.slice(tens.end, unit.start))) return null;
  return group(tokens, k, k + 2, tens.digits[0]! + unit.digits, 'tens');
}

/** 1–99 in words, as the rest after a scale word: a lone word or "tens and unit". */
function spelledBelowHundred(text: string, tokens: DigitToken[], k: number): Reading | null {
  const t = tokens[k];
  if (!t || !SPELLED.has(t.kind) || t.digits === '0') return null;
  return belowHundred(text, tokens, k) ?? { token: t, next: k + 1 };
}

/** "five hundred (and) five", "forty-five hundred", "novecientos dieciocho", "two thousand ten", "dos mil". */
function scaled(text: string, tokens: DigitToken[], k: number): Reading | null {
  const head = scaleHead(text, tokens, k);
  if (!head) return null;
  const { lead, scale } = head;
  const factor = tokens[scale]!.factor ?? 100;
  const width = factor === 1000 ? 3 : 2;
  const after = tokens[scale + 1];
  const rest =
    after && (joins(text, tokens[scale]!.end, after.start) || AND.test(text.slice(tokens[scale]!.end, after.start)))
      ? factor === 1000
        ? (scaled(text, tokens, scale + 1) ?? spelledBelowHundred(text, tokens, scale + 1))
        : spelledBelowHundred(text, tokens, scale + 1)
      : null;
  if (rest && rest.token.digits.length > width) return group(tokens, k, scale + 1, lead + '0'.repeat(width), 'tens');
  const digits = lead + (rest ? rest.token.digits.padStart(width, '0') : '0'.repeat(width));
  return group(tokens, k, rest ? rest.next : scale + 1, digits, 'tens');
}

/** The digits before the scale's zeros and where the scale word is, or null. */
function scaleHead(text: string, tokens: DigitToken[], k: number): { lead: string; scale: number } | null {
  const t = tokens[k]!;
  if (t.kind === 'scale') return t.digits === '' ? null : { lead: t.digits, scale: k }; // "novecientos", "mil", "cien"
  const lead = isUnit(t)
    ? { token: t, next: k + 1 }
    : (belowHundred(text, tokens, k) ?? (t.kind === 'tens' ? { token: t, next: k + 1 } : null));
  const s = lead && tokens[lead.next];
  if (!lead || !s || s.kind !== 'scale' || !joins(text, tokens[lead.next - 1]!.end, s.start)) return null;
  const thousands = s.factor === 1000;
  if (thousands ? lead.token.digits.length !== 1 : s.digits !== '') return null; // "dos mil", not "veinte mil" or "dos ciento"
  return { lead: lead.token.digits, scale: lead.next };
}
