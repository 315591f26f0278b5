/** A 256-bit PDQ hash packed into eight 32-bit words, in the order of its hex text. */
export type PackedHash = Uint32Array;

export const HASH_WORDS = 8;
const HEX_LENGTH = 64;
const HEX_PATTERN = /^[0-9a-f]{64}$/i;

/** Bad input to the PDQ functions; `field` names what was wrong, the value is never echoed. */
export class PdqInputError extends Error {
  readonly field: string;

  constructor(field: string, problem: string, options?: { cause?: unknown }) {
    super(`${field}: ${problem}`, options);
    this.name = 'PdqInputError';
    this.field = field;
  }
}

export function assertHex(hex: unknown, field = 'hex'): asserts hex is string {
  if (typeof hex !== 'string' || !HEX_PATTERN.test(hex)) {
    throw new PdqInputError(field, `must be ${HEX_LENGTH} hexadecimal characters`);
  }
}

export function packHex(hex: string, field = 'hex'): PackedHash {
  assertHex(hex, field);
  const words = new Uint32Array(HASH_WORDS);
  for (let w = 0; w < HASH_WORDS; w++) words[w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16);
  return words;
}

/** Writes a hash into `target` at word offset `at` without allocating (index storage). */
export function packHexInto(hex: string, target: Uint32Array, at: number, field = 'hex'): void {
  assertHex(hex, field);
  for (let w = 0; w < HASH_WORDS; w++) target[at + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16);
}

/** Set bits of a 32-bit word (SWAR popcount: no lookup table, no loop). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function packedDistance(a: ArrayLike<number>, aAt: number, b: ArrayLike<number>, bAt: number): number {
  let d = 0;
  for (let w = 0; w < HASH_WORDS; w++) d += popcount32((a[aAt + w]! ^ b[bAt + w]!) >>> 0);
  return d;
}

/**
 * The distance if it is at most `limit`, otherwise some value above `limit`: stopping once the
 * limit is passed skips most of the work for unrelated hashes (about 16 bits differ per word).
 */
export function packedDistanceWithin(
  a: ArrayLike<number>,
  aAt: number,
  b: ArrayLike<number>,
  bAt: number,
  limit: number,
): number {
  let d = 0;
  for (let w = 0; w < HASH_WORDS && d <= limit; w++) d += popcount32((a[aAt + w]! ^ b[bAt + w]!) >>> 0);
  return d;
}

export function hammingDistance(aHex: string, bHex: string): number {
  return packedDistance(packHex(aHex, 'aHex'), 0, packHex(bHex, 'bHex'), 0);
}
