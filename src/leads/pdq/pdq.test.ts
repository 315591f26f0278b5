import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIHEDRAL_TRANSFORMS,
  PDQ_MIN_QUALITY,
  PdqInputError,
  hammingDistance,
  pdqDihedral,
  pdqFromRgb,
  pdqMatches,
  type DihedralTransform,
} from './index.ts';

const SIDE = 64;

/** A smooth synthetic pattern (sums of random waves) so the frequencies have clear structure. */
function pattern(seed: number, width = SIDE, height = SIDE): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  const waves = Array.from({ length: 6 }, (_, k) => ({
    fx: ((seed * (k + 3)) % 7) + 1,
    fy: ((seed * (k + 5)) % 5) + 1,
    phase: (seed % 97) / 10 + k,
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (const w of waves) v += Math.sin((w.fx * x) / 9 + (w.fy * y) / 7 + w.phase);
      const i = (y * width + x) * 3;
      rgb[i] = 128 + 20 * v;
      rgb[i + 1] = 100 + 15 * v + ((x * y) % 13);
      rgb[i + 2] = 90 - 10 * v;
    }
  }
  return rgb;
}

/** Where source pixel (x, y) of an n×n image lands under each transform, as the variant names mean. */
const MOVES: Record<DihedralTransform, (x: number, y: number, n: number) => [number, number]> = {
  original: (x, y) => [x, y],
  rotate90: (x, y, n) => [y, n - 1 - x],
  rotate180: (x, y, n) => [n - 1 - x, n - 1 - y],
  rotate270: (x, y, n) => [n - 1 - y, x],
  flipX: (x, y, n) => [x, n - 1 - y],
  flipY: (x, y, n) => [n - 1 - x, y],
  flipPlus1: (x, y) => [y, x],
  flipMinus1: (x, y, n) => [n - 1 - y, n - 1 - x],
};

function transformPixels(rgb: Uint8Array, n: number, transform: DihedralTransform): Uint8Array {
  const out = new Uint8Array(rgb.length);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const [tx, ty] = MOVES[transform](x, y, n);
      out.set(rgb.subarray((y * n + x) * 3, (y * n + x) * 3 + 3), (ty * n + tx) * 3);
    }
  }
  return out;
}

function bitCount(hex: string): number {
  return [...BigInt(`0x${hex}`).toString(2)].filter((b) => b === '1').length;
}

describe('PDQ from pixels', () => {
  it('derives the eight dihedral variants from one DCT exactly as hashing the moved pixels would', () => {
    // At 64×64 the filter window is one pixel and decimation is the identity, so the match is exact.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const rgb = pattern(seed);
        const { hashes } = pdqDihedral(rgb, SIDE, SIDE, 3);
        DIHEDRAL_TRANSFORMS.forEach((t, i) => {
          expect(hashes[i], t).toBe(pdqFromRgb(transformPixels(rgb, SIDE, t), SIDE, SIDE, 3).hex);
        });
      }),
      { numRuns: 20 },
    );
  });

  it('sets exactly half of the 256 bits (threshold at the median)', () => {
    const { hex } = pdqFromRgb(pattern(7, 300, 200), 300, 200, 3);
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(bitCount(hex)).toBe(128);
  });

  it('ignores an alpha channel', () => {
    const rgb = pattern(11, 150, 90);
    const rgba = new Uint8Array(150 * 90 * 4);
    for (let p = 0; p < 150 * 90; p++) rgba.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, p % 256], p * 4);
    expect(pdqFromRgb(rgba, 150, 90, 4)).toEqual(pdqFromRgb(rgb, 150, 90, 3));
  });

  it('gives a flat image quality 0, and an image under 5 pixels a side the empty hash', () => {
    expect(pdqFromRgb(new Uint8Array(100 * 100 * 3).fill(77), 100, 100, 3).quality).toBe(0);
    expect(pdqFromRgb(pattern(3, 4, 40), 4, 40, 3)).toEqual({ hex: '0'.repeat(64), quality: 0 });
  });

  it('gives a detailed pattern full quality and is stable under a small brightness change', () => {
    const rgb = pattern(5, 256, 256);
    const brighter = rgb.map((v) => Math.min(255, v + 6));
    const a = pdqFromRgb(rgb, 256, 256, 3);
    const b = pdqFromRgb(brighter, 256, 256, 3);
    expect(a.quality).toBeGreaterThanOrEqual(PDQ_MIN_QUALITY);
    expect(hammingDistance(a.hex, b.hex)).toBeLessThanOrEqual(8);
    expect(pdqMatches(a, b)).toBe(true);
  });

  it('names the field when the pixels do not fit the dimensions', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(err(() => pdqFromRgb(new Uint8Array(10), 2, 2, 3))).toMatchObject({ name: 'PdqInputError', field: 'rgb' });
    expect(err(() => pdqFromRgb(new Uint8Array(12), 0, 2, 3))).toMatchObject({ field: 'width' });
    expect(err(() => pdqFromRgb(new Uint8Array(12), 2, 2.5, 3))).toMatchObject({ field: 'height' });
    expect(err(() => pdqFromRgb(new Uint8Array(20), 2, 2, 5 as 3))).toMatchObject({ field: 'channels' });
  });
});

describe('Hamming distance and matching', () => {
  const hex = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));

  it('counts differing bits like a big-integer XOR does', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const expected = bitCount((BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(16).padStart(64, '0'));
        expect(hammingDistance(a, b)).toBe(expected);
        expect(hammingDistance(a.toUpperCase(), b)).toBe(expected);
      }),
    );
  });

  it('rejects text that is not a 256-bit hex hash, naming the argument', () => {
    expect(() => hammingDistance('abc', '0'.repeat(64))).toThrow(PdqInputError);
    expect(() => hammingDistance('0'.repeat(64), `${'0'.repeat(63)}g`)).toThrow(/^bHex:/);
  });

  it('never matches a hash of quality under 50, however close', () => {
    const h = { hex: 'f'.repeat(64), quality: 100 };
    expect(pdqMatches(h, { ...h })).toBe(true);
    expect(pdqMatches(h, { ...h, quality: PDQ_MIN_QUALITY - 1 })).toBe(false);
    expect(pdqMatches({ ...h, quality: 49 }, h)).toBe(false);
    expect(pdqMatches(h, { hex: `${'f'.repeat(56)}00000000`, quality: 100 })).toBe(false);
    expect(pdqMatches(h, { hex: `${'f'.repeat(56)}8000000f`, quality: 100 })).toBe(true);
  });
});
