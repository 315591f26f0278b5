/**
 * PDQ, Meta's perceptual image hash (ThreatExchange `pdq/`, algorithm paper of 2017-10-09), from
 * pixels: luminance, a two-pass Jarosz box (tent) filter, decimation to 64×64, the 16×16 low
 * frequencies of a 2-D DCT, one bit per frequency above the median. Pure: no I/O.
 */
import { PdqInputError, hammingDistance } from './hash256.ts';

export interface PdqHash {
  hex: string;
  quality: number;
}

/**
 * The eight rotations and flips, in the reference implementations' order and naming: rotations
 * are anticlockwise; flipX mirrors top to bottom, flipY left to right; flipPlus1 is the transpose,
 * flipMinus1 the mirror about the other diagonal.
 */
export const DIHEDRAL_TRANSFORMS = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipX',
  'flipY',
  'flipPlus1',
  'flipMinus1',
] as const;
export type DihedralTransform = (typeof DIHEDRAL_TRANSFORMS)[number];

export interface PdqDihedral {
  quality: number;
  /** One hex hash per transform, indexed like DIHEDRAL_TRANSFORMS. */
  hashes: string[];
}

export const PDQ_MATCH_DISTANCE = 31;
export const PDQ_MIN_QUALITY = 50;

const SIDE = 64;
const FREQS = 16;
// Below this the reference returns an all-zero hash of quality 0 rather than filter noise.
const MIN_HASHABLE_SIDE = 5;

export type PixelChannels = 1 | 2 | 3 | 4;

function checkPixels(pixels: ArrayLike<number>, width: number, height: number, channels: number, field: string): void {
  if (!Number.isInteger(width) || width < 1) throw new PdqInputError('width', 'must be a positive integer');
  if (!Number.isInteger(height) || height < 1) throw new PdqInputError('height', 'must be a positive integer');
  if (![1, 2, 3, 4].includes(channels)) throw new PdqInputError('channels', 'must be 1, 2, 3 or 4');
  if (pixels.length !== width * height * channels) {
    throw new PdqInputError(field, 'length must be width × height × channels');
  }
}

/**
 * The reference blurs the whole image with box passes along rows, then columns, twice (Jarosz:
 * two boxes make a tent), then keeps 64×64 samples. Rows and columns are separate linear maps, so
 * each sample is a fixed weighted sum: per axis, the sampled row of (box ∘ box). We compute only
 * those 64 weight vectors per axis and apply them, about 10× less work than blurring every pixel,
 * with the same result up to floating-point rounding.
 */
interface AxisWeights {
  /** First source index of each of the 64 samples. */
  starts: Int32Array;
  /** Weights of each sample from its start on. */
  weights: Float64Array[];
}

/** Half of a 64th of the side, rounded up; for an even window the extra sample is on the left. */
function boxWindow(side: number): { behind: number; ahead: number } {
  const window = Math.ceil(side / (2 * SIDE));
  const half = Math.floor((window + 2) / 2);
  return { behind: window - half, ahead: half - 1 };
}

function axisWeights(side: number): AxisWeights {
  const { behind, ahead } = boxWindow(side);
  const first = (j: number) => Math.max(0, j - behind);
  const last = (j: number) => Math.min(side - 1, j + ahead);
  const starts = new Int32Array(SIDE);
  const weights: Float64Array[] = [];
  for (let i = 0; i < SIDE; i++) {
    const sample = Math.floor(((i + 0.5) * side) / SIDE);
    const start = first(first(sample));
    const w = new Float64Array(last(last(sample)) - start + 1);
    const outer = 1 / (last(sample) - first(sample) + 1);
    for (let j = first(sample); j <= last(sample); j++) {
      const inner = outer / (last(j) - first(j) + 1);
      for (let k = first(j); k <= last(j); k++) w[k - start]! += inner;
    }
    starts[i] = start;
    weights.push(w);
  }
  return { starts, weights };
}

/** Writes the luminance of row `r` into `out` (one value per pixel). */
type RowReader = (r: number, out: Float64Array) => void;

/** The 64×64 tent-filtered samples, reading the image one luminance row at a time. */
function downsampleRows(readRow: RowReader, width: number, height: number): Float64Array {
  const cols = axisWeights(width);
  const rows = axisWeights(height);
  // Column samples of every row first (height × 64), then row samples of those.
  const partial = new Float64Array(height * SIDE);
  const luma = new Float64Array(width);
  for (let r = 0; r < height; r++) {
    readRow(r, luma);
    for (let j = 0; j < SIDE; j++) {
      const w = cols.weights[j]!;
      const at = cols.starts[j]!;
      let sum = 0;
      for (let k = 0; k < w.length; k++) sum += w[k]! * luma[at + k]!;
      partial[r * SIDE + j] = sum;
    }
  }
  const cells = new Float64Array(SIDE * SIDE);
  for (let i = 0; i < SIDE; i++) {
    const w = rows.weights[i]!;
    const start = rows.starts[i]!;
    for (let k = 0; k < w.length; k++) {
      const weight = w[k]!;
      const at = (start + k) * SIDE;
      for (let j = 0; j < SIDE; j++) cells[i * SIDE + j]! += weight * partial[at + j]!;
    }
  }
  return cells;
}

/** The 64×64 tent-filtered samples of a luminance plane (row-major). */
export function downsample(luma: Float64Array, width: number, height: number): Float64Array {
  return downsampleRows((r, out) => out.set(luma.subarray(r * width, (r + 1) * width)), width, height);
}

/** Luminance straight from interleaved pixels, a row at a time, so no full-size plane is allocated. */
function pixelRows(pixels: ArrayLike<number>, width: number, channels: PixelChannels): RowReader {
  return (r, out) => lumaRow(pixels, r * width * channels, width, channels, out);
}

function lumaRow(pixels: ArrayLike<number>, at: number, width: number, channels: number, out: Float64Array): void {
  if (channels < 3) {
    for (let x = 0, i = at; x < width; x++, i += channels) out[x] = pixels[i]!;
    return;
  }
  // Y = 0.299 R + 0.587 G + 0.114 B as literals: V8 keeps literals in registers, while a named
  // module constant is reloaded for every pixel (measured 1.7× slower).
  for (let x = 0, i = at; x < width; x++, i += channels)
    out[x] = 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!;
}

/** The reference's heuristic: sum of quantised neighbour differences, scaled and capped at 100. */
function qualityOf(cells: Float64Array): number {
  let gradients = 0;
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      const u = cells[i * SIDE + j]!;
      if (i + 1 < SIDE) gradients += Math.abs(Math.trunc(((u - cells[(i + 1) * SIDE + j]!) * 100) / 255));
      if (j + 1 < SIDE) gradients += Math.abs(Math.trunc(((u - cells[i * SIDE + j + 1]!) * 100) / 255));
    }
  }
  return Math.min(100, Math.trunc(gradients / 90));
}

/** Rows 1..16 of the 64-point DCT-II basis (row 0, the mean, carries no structure). */
const DCT = (() => {
  const d = new Float64Array(FREQS * SIDE);
  const scale = Math.sqrt(2 / SIDE);
  for (let i = 0; i < FREQS; i++) {
    for (let j = 0; j < SIDE; j++) d[i * SIDE + j] = scale * Math.cos((Math.PI / 2 / SIDE) * (i + 1) * (2 * j + 1));
  }
  return d;
})();

/** B = D · A · Dᵀ, computing only the 16×16 block that the hash uses. */
function dct16(cells: Float64Array): Float64Array {
  const partial = new Float64Array(FREQS * SIDE);
  for (let i = 0; i < FREQS; i++) {
    for (let k = 0; k < SIDE; k++) {
      const d = DCT[i * SIDE + k]!;
      for (let j = 0; j < SIDE; j++) partial[i * SIDE + j]! += d * cells[k * SIDE + j]!;
    }
  }
  const out = new Float64Array(FREQS * FREQS);
  for (let i = 0; i < FREQS; i++) {
    for (let j = 0; j < FREQS; j++) {
      let sum = 0;
      for (let k = 0; k < SIDE; k++) sum += partial[i * SIDE + k]! * DCT[j * SIDE + k]!;
      out[i * FREQS + j] = sum;
    }
  }
  return out;
}

/**
 * Bit (i·16 + j) is set when frequency (i, j) is above the lower median, so 128 bits are set.
 * Row i is the 16-bit word i; the hex text lists word 15 first, as the reference prints it.
 */
function bitsToHex(freqs: Float64Array): string {
  const median = Float64Array.from(freqs).sort()[(FREQS * FREQS) / 2 - 1]!;
  let hex = '';
  for (let i = FREQS - 1; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < FREQS; j++) if (freqs[i * FREQS + j]! > median) word |= 1 << j;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}

/**
 * A rotation or flip of the image is a sign change of odd/even frequencies and maybe a transpose
 * of the DCT block, so the eight variants come from one DCT. Flipping rows negates the rows with
 * even index (odd frequency number counted from 1); flipping columns does the same to columns.
 */
const DIHEDRAL_RULES: Record<DihedralTransform, { flipRows: boolean; flipCols: boolean; transpose: boolean }> = {
  original: { flipRows: false, flipCols: false, transpose: false },
  rotate90: { flipRows: false, flipCols: true, transpose: true },
  rotate180: { flipRows: true, flipCols: true, transpose: false },
  rotate270: { flipRows: true, flipCols: false, transpose: true },
  flipX: { flipRows: true, flipCols: false, transpose: false },
  flipY: { flipRows: false, flipCols: true, transpose: false },
  flipPlus1: { flipRows: false, flipCols: false, transpose: true },
  flipMinus1: { flipRows: true, flipCols: true, transpose: true },
};

function transformFreqs(freqs: Float64Array, transform: DihedralTransform): Float64Array {
  const rule = DIHEDRAL_RULES[transform];
  const out = new Float64Array(FREQS * FREQS);
  for (let i = 0; i < FREQS; i++) {
    for (let j = 0; j < FREQS; j++) {
      const negate = (rule.flipRows && i % 2 === 0) !== (rule.flipCols && j % 2 === 0);
      const value = negate ? -freqs[i * FREQS + j]! : freqs[i * FREQS + j]!;
      out[rule.transpose ? j * FREQS + i : i * FREQS + j] = value;
    }
  }
  return out;
}

interface Spectrum {
  freqs: Float64Array;
  quality: number;
}

const EMPTY_HEX = '0'.repeat(64);

function spectrumOf(readRow: RowReader, width: number, height: number): Spectrum | undefined {
  if (width < MIN_HASHABLE_SIDE || height < MIN_HASHABLE_SIDE) return undefined;
  const cells = downsampleRows(readRow, width, height);
  return { freqs: dct16(cells), quality: qualityOf(cells) };
}

function spectrumFromPixels(
  pixels: ArrayLike<number>,
  width: number,
  height: number,
  channels: PixelChannels,
): Spectrum | undefined {
  checkPixels(pixels, width, height, channels, 'rgb');
  return spectrumOf(pixelRows(pixels, width, channels), width, height);
}

function hashOf(spectrum: Spectrum | undefined): PdqHash {
  if (!spectrum) return { hex: EMPTY_HEX, quality: 0 };
  return { hex: bitsToHex(spectrum.freqs), quality: spectrum.quality };
}

function dihedralOf(spectrum: Spectrum | undefined): PdqDihedral {
  if (!spectrum) return { quality: 0, hashes: DIHEDRAL_TRANSFORMS.map(() => EMPTY_HEX) };
  const freqs = spectrum.freqs;
  return { quality: spectrum.quality, hashes: DIHEDRAL_TRANSFORMS.map((t) => bitsToHex(transformFreqs(freqs, t))) };
}

/** Interleaved 8-bit pixels; 1–2 channels are grey (+ alpha), 3–4 RGB (+ alpha, ignored as the reference does). */
export function pdqFromPixels(pixels: ArrayLike<number>, width: number, height: number, channels: PixelChannels): PdqHash {
  return hashOf(spectrumFromPixels(pixels, width, height, channels));
}

export function pdqDihedralFromPixels(
  pixels: ArrayLike<number>,
  width: number,
  height: number,
  channels: PixelChannels,
): PdqDihedral {
  return dihedralOf(spectrumFromPixels(pixels, width, height, channels));
}

export function pdqFromRgb(rgb: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 3 | 4): PdqHash {
  return pdqFromPixels(rgb, width, height, channels);
}

export function pdqDihedral(rgb: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 3 | 4): PdqDihedral {
  return pdqDihedralFromPixels(rgb, width, height, channels);
}

/** Two hashes match when both are of usable quality and within PDQ_MATCH_DISTANCE bits. */
export function pdqMatches(a: PdqHash, b: PdqHash): boolean {
  if (a.quality < PDQ_MIN_QUALITY || b.quality < PDQ_MIN_QUALITY) return false;
  return hammingDistance(a.hex, b.hex) <= PDQ_MATCH_DISTANCE;
}
