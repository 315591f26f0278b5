import { createHmac } from 'node:crypto';

/**
 * Blind indexes: searchable tokens for values that exist only encrypted (names, phone numbers,
 * handles). A token is a keyed HMAC of the normalised value, so equal values find each other
 * while the database never holds the value. Fuzzy name search uses one short token per trigram
 * (the same trigrams pg_trgm would take) and ranks by trigram overlap, as pg_trgm's similarity does.
 *
 * Purposes separate the token spaces: the same phone in `phone` and a name in `name` never collide.
 */
export type BlindPurpose = 'name' | 'phone' | 'email' | 'handle' | 'url' | 'image';

export interface BlindIndex {
  /** Exact-match token (base64url, 128 bits). */
  token(purpose: BlindPurpose, normalisedValue: string): string;
  /** Trigram tokens of a name, as signed 32-bit integers (for an int4[] column with a GIN index). */
  nameTrigrams(name: string): number[];
  /**
   * The tokens of trigrams inside words only (no padding). They are much rarer than a word's first
   * and last trigrams, so they make a narrow first filter; see `coreFilterIsExact`.
   */
  nameCoreTrigrams(name: string): number[];
}

export function blindIndex(key: Buffer): BlindIndex {
  const mac = (purpose: string, value: string) =>
    createHmac('sha256', key).update(purpose).update('\u0000').update(value).digest();
  return {
    token: (purpose, value) => mac(purpose, value).subarray(0, 16).toString('base64url'),
    nameTrigrams: (name) => [...new Set(trigrams(name))].map((t) => mac('trigram', t).readInt32BE(0)).sort((a, b) => a - b),
    nameCoreTrigrams: (name) =>
      [...new Set(trigrams(name).filter((t) => !t.includes(' ')))]
        .map((t) => mac('trigram', t).readInt32BE(0))
        .sort((a, b) => a - b),
  };
}

/** Lower case, accents off, anything that is not a letter or digit becomes a word break. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** pg_trgm's trigrams: each word padded with two spaces in front and one behind. */
export function trigrams(text: string): string[] {
  const out: string[] = [];
  for (const word of normaliseName(text).split(' ')) {
    if (!word) continue;
    const padded = `  ${word} `;
    const chars = [...padded];
    for (let i = 0; i + 3 <= chars.length; i++) out.push(chars.slice(i, i + 3).join(''));
  }
  return out;
}

/**
 * A candidate reaching similarity `threshold` with a query of `all` tokens shares at least
 * ceil(threshold × all) of them. If fewer tokens than that are left out of the core set, every such
 * candidate shares a core token, so filtering on the core tokens first loses nothing.
 */
export function coreFilterIsExact(all: number, core: number, threshold: number): boolean {
  return core > 0 && all - core < Math.ceil(threshold * all - 1e-9);
}

/** pg_trgm's similarity over token sets: shared / (all distinct). 1 for identical names. */
export function trigramSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setB = new Set(b);
  let shared = 0;
  for (const t of new Set(a)) if (setB.has(t)) shared++;
  return shared / (new Set(a).size + setB.size - shared);
}
