/**
 * PDQ's conformance rule on Meta's published images (../shared/fixtures/pdq, beside the repo):
 * within 10 bits of every reference hash of quality ≥ 80, rotations and flips found through the
 * dihedral variants, edited copies matching the original, an unrelated photo not matching.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIHEDRAL_TRANSFORMS, PDQ_MATCH_DISTANCE, hammingDistance, pdqFromImage, type PdqImageHash } from './index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.resolve(repoRoot, '../shared/fixtures/pdq');
const CONFORMANCE_BITS = 10;
const CONFORMANCE_MIN_QUALITY = 80;

interface Reference {
  file: string;
  hex: string;
  quality: number | undefined;
  source: string;
}

function loadReferences(): Reference[] {
  const csv = path.join(fixtures, 'expected.csv');
  if (!existsSync(csv)) {
    throw new Error(`PDQ conformance fixtures are missing: expected ${csv} (the shared/ folder cloned beside the repo)`);
  }
  const rows = parse(readFileSync(csv, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => ({
    file: r.file!,
    hex: r.expected_pdq_hex!,
    quality: r.quality ? Number(r.quality) : undefined,
    source: r.source!,
  }));
}

const BRIDGE_FILES: Record<(typeof DIHEDRAL_TRANSFORMS)[number], string> = {
  original: 'bridge-1-original.jpg',
  rotate90: 'bridge-2-rotate-90.jpg',
  rotate180: 'bridge-3-rotate-180.jpg',
  rotate270: 'bridge-4-rotate-270.jpg',
  flipX: 'bridge-5-flipx.jpg',
  flipY: 'bridge-6-flipy.jpg',
  flipPlus1: 'bridge-7-flip-plus-1.jpg',
  flipMinus1: 'bridge-8-flip-minus-1.jpg',
};

const EDITED_FILES = [
  'blur-a-little.jpg',
  'blur-a-lot.jpg',
  'high-contrast.jpg',
  'high-saturation.jpg',
  'sharpen-a-little.jpg',
  'sharpen-a-lot.jpg',
  'shrink-a-little.jpg',
  'shrink-a-lot.jpg',
  'square-128x128.jpg',
  'square-256x256.jpg',
  'square-512x512.jpg',
];

describe('PDQ conformance on the reference images', () => {
  let references: Reference[];
  const hashes = new Map<string, PdqImageHash>();
  const hashOf = (file: string) => hashes.get(file)!;

  beforeAll(async () => {
    references = loadReferences();
    const files = new Set([...references.map((r) => r.file), ...Object.values(BRIDGE_FILES)]);
    for (const file of files) hashes.set(file, await pdqFromImage(path.join(fixtures, 'images', file), { dihedral: true }));
  }, 60_000);

  it('is within 10 bits of every reference hash of quality 80 or more (or unlisted)', () => {
    const checked = references.filter((r) => r.quality === undefined || r.quality >= CONFORMANCE_MIN_QUALITY);
    expect(checked.length).toBeGreaterThanOrEqual(30);
    const distances = checked.map((r) => ({
      file: r.file,
      source: r.source,
      distance: hammingDistance(hashOf(r.file).hex, r.hex),
    }));
    const worst = Math.max(...distances.map((d) => d.distance));
    console.log(`PDQ conformance: ${checked.length} reference hashes, largest distance ${worst} bits`);
    expect(distances.filter((d) => d.distance > CONFORMANCE_BITS)).toEqual([]);
    // Same 512-pixel downscale as the Python tool, so it should stay far closer than the rule asks.
    expect(distances.filter((d) => d.source.startsWith('python') && d.distance > 4)).toEqual([]);
  });

  it('gives every conformance image quality 80 or more, as the references do', () => {
    for (const r of references.filter((x) => x.quality !== undefined)) {
      expect(hashOf(r.file).quality, r.file).toBeGreaterThanOrEqual(CONFORMANCE_MIN_QUALITY);
    }
  });

  it('finds each of the eight rotations and flips of the bridge through the matching dihedral variant', () => {
    const variants = hashOf(BRIDGE_FILES.original).dihedral!;
    DIHEDRAL_TRANSFORMS.forEach((transform, i) => {
      const hash = hashOf(BRIDGE_FILES[transform]).hex;
      const distances = variants.map((v) => hammingDistance(v, hash));
      expect(distances[i], transform).toBeLessThanOrEqual(PDQ_MATCH_DISTANCE);
      const others = distances.filter((_, j) => j !== i);
      expect(Math.min(...others), `${transform}: another variant`).toBeGreaterThan(PDQ_MATCH_DISTANCE);
    });
  });

  it('does not match a rotated or flipped copy without the dihedral variants', () => {
    const original = hashOf(BRIDGE_FILES.original).hex;
    for (const transform of DIHEDRAL_TRANSFORMS.slice(1)) {
      expect(hammingDistance(hashOf(BRIDGE_FILES[transform]).hex, original), transform).toBeGreaterThan(PDQ_MATCH_DISTANCE);
    }
  });

  it('matches every edited copy to the original, as the reference hashes do', () => {
    const original = hashOf(BRIDGE_FILES.original).hex;
    for (const file of EDITED_FILES) {
      const reference = references.find((r) => r.file === file)!;
      expect(hammingDistance(reference.hex, original)).toBeLessThanOrEqual(PDQ_MATCH_DISTANCE);
      expect(hammingDistance(hashOf(file).hex, original), file).toBeLessThanOrEqual(PDQ_MATCH_DISTANCE);
    }
  });

  it('does not match the photo of a pen and a coaster (c.png) to the bridge, in any orientation', () => {
    const c = hashOf('c.png');
    for (const variant of c.dihedral!)
      expect(hammingDistance(variant, hashOf(BRIDGE_FILES.original).hex)).toBeGreaterThan(PDQ_MATCH_DISTANCE);
  });
});
