import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DIHEDRAL_TRANSFORMS, hammingDistance, pdqFromImage } from './index.ts';

/** A synthetic grey pattern: rings and bars, nothing else. */
function greyPattern(width: number, height: number): Buffer {
  const grey = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ring = Math.hypot(x - width / 3, y - height / 2) / 9;
      grey[y * width + x] = 128 + 60 * Math.sin(ring) + (Math.floor(x / 40) % 2) * 40;
    }
  }
  return grey;
}

async function png(grey: Buffer, width: number, height: number, channels: 1 | 3 | 4): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < channels; c++) pixels[p * channels + c] = c === 3 ? 200 : grey[p]!;
  }
  return sharp(pixels, { raw: { width, height, channels } }).png().toBuffer();
}

describe('pdqFromImage', () => {
  it('hashes grey, RGB and RGBA encodings of the same picture alike', async () => {
    const grey = greyPattern(300, 200);
    const [g, rgb, rgba] = await Promise.all([1, 3, 4].map(async (c) => pdqFromImage(await png(grey, 300, 200, c as 1 | 3 | 4))));
    expect(g!.quality).toBeGreaterThanOrEqual(50);
    expect(rgb).toEqual(g);
    expect(hammingDistance(rgba!.hex, g!.hex)).toBe(0);
  });

  it('returns the eight variants on request, the first being the hash itself', async () => {
    const image = await png(greyPattern(240, 160), 240, 160, 3);
    const plain = await pdqFromImage(image);
    const all = await pdqFromImage(image, { dihedral: true });
    expect(plain.dihedral).toBeUndefined();
    expect(all.dihedral).toHaveLength(DIHEDRAL_TRANSFORMS.length);
    expect(all.dihedral![0]).toBe(plain.hex);
    expect(new Set(all.dihedral).size).toBe(8);
  });

  it('hashes a large image after shrinking it to 512 pixels a side, close to hashing it pre-shrunk', async () => {
    const big = await png(greyPattern(2000, 1200), 2000, 1200, 3);
    const small = await sharp(big).resize(512, 512, { fit: 'inside' }).png().toBuffer();
    expect(hammingDistance((await pdqFromImage(big)).hex, (await pdqFromImage(small)).hex)).toBeLessThanOrEqual(4);
  });

  it('hashes the stored pixels, ignoring an embedded colour profile as the reference tools do', async () => {
    const [width, height] = [300, 200];
    const rgb = Buffer.alloc(width * height * 3);
    for (let p = 0; p < width * height; p++) {
      const [x, y] = [p % width, Math.floor(p / width)];
      rgb.set([(x * 255) / width, 128 + 100 * Math.sin(Math.hypot(x - 100, y - 100) / 9), (y * 255) / height], p * 3);
    }
    // Display P3 moves these colours enough to move the hash by tens of bits when it is applied.
    const profiled = await sharp(rgb, { raw: { width, height, channels: 3 } })
      .withIccProfile('p3')
      .png()
      .toBuffer();
    const stored = await sharp(profiled, { ignoreIcc: true }).raw().toBuffer();
    const unprofiled = await sharp(stored, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer();
    expect((await sharp(profiled).metadata()).hasProfile).toBe(true);
    expect((await pdqFromImage(profiled)).hex).toBe((await pdqFromImage(unprofiled)).hex);
  });

  it('refuses what is not an image without repeating the path or the bytes', async () => {
    await expect(pdqFromImage(Buffer.from('not an image at all'))).rejects.toMatchObject({
      name: 'PdqInputError',
      field: 'input',
    });
    const missing = '/nowhere/child-name-in-path.jpg';
    const error = (await pdqFromImage(missing).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(error).toMatchObject({ field: 'input' });
    expect(error.message).not.toContain('child-name');
    await expect(pdqFromImage(42 as unknown as Buffer)).rejects.toMatchObject({ field: 'input' });
  });
});
