import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsample } from './pdq.ts';

/**
 * The reference's way, written plainly: blur every pixel with a clipped box along rows, then
 * columns, twice, then take the 64×64 samples. `downsample` must give the same cells.
 */
function box(values: number[], window: number): number[] {
  const half = Math.floor((window + 2) / 2);
  return values.map((_, o) => {
    const from = Math.max(0, o - (window - half));
    const to = Math.min(values.length - 1, o + half - 1);
    let sum = 0;
    for (let k = from; k <= to; k++) sum += values[k]!;
    return sum / (to - from + 1);
  });
}

function referenceCells(luma: number[][], width: number, height: number): number[] {
  const alongRows = Math.ceil(width / 128);
  const alongCols = Math.ceil(height / 128);
  let image = luma;
  for (let pass = 0; pass < 2; pass++) {
    image = image.map((row) => box(row, alongRows));
    const columns = Array.from({ length: width }, (_, c) =>
      box(
        image.map((row) => row[c]!),
        alongCols,
      ),
    );
    image = Array.from({ length: height }, (_, r) => columns.map((col) => col[r]!));
  }
  const cells: number[] = [];
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) cells.push(image[Math.floor(((i + 0.5) * height) / 64)]![Math.floor(((j + 0.5) * width) / 64)]!);
  }
  return cells;
}

describe('tent downsampling to 64×64', () => {
  it('equals blurring every pixel and sampling, for any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 400 }), fc.integer({ min: 5, max: 400 }), fc.integer(), (width, height, seed) => {
        let s = seed >>> 0;
        const luma = Array.from({ length: height }, () =>
          Array.from({ length: width }, () => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            return (s >>> 24) * 0.98;
          }),
        );
        const fast = downsample(Float64Array.from(luma.flat()), width, height);
        const expected = referenceCells(luma, width, height);
        for (let k = 0; k < expected.length; k++) expect(Math.abs(fast[k]! - expected[k]!)).toBeLessThan(1e-9);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
