import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readGps, StripError, strippedCopy } from './exif.ts';
import { checkFileType } from './file-type.ts';
import { checkImageSize, MAX_IMAGE_PIXELS, shownCopy } from './images.ts';
import { jpegWithGps, MINIMAL_PDF, patternPng, patternWithExif } from './test-images.ts';

/** The colour of the pixel at (x, y) of an image, as [r, g, b]. */
async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}

/** A small lossless WebP whose header (VP8L: 14-bit sizes after the 0x2f signature) claims width×height. */
async function webpClaiming(width: number, height: number): Promise<Buffer> {
  const webp = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#204080' } })
    .webp({ lossless: true })
    .toBuffer();
  const at = webp.indexOf(Buffer.from('VP8L', 'latin1')) + 8;
  expect(webp[at]).toBe(0x2f);
  const bits = webp.readUInt32LE(at + 1);
  const rest = bits & ~((1 << 28) - 1);
  webp.writeUInt32LE((rest | ((height - 1) << 14) | (width - 1)) >>> 0, at + 1);
  return webp;
}

const isBlue = (rgb: number[]) => rgb[2]! > 100 && rgb[0]! < 80;

describe('WebP', () => {
  it('gives its EXIF GPS to the analyst', async () => {
    const webp = await patternWithExif('webp');
    expect((await checkFileType(webp, 'image/webp')).kind).toBe('ok');
    const gps = await readGps(webp, 'image/webp');
    expect(gps?.latitude).toBeCloseTo(36.15, 2);
    expect(gps?.longitude).toBeCloseTo(-95.983, 2);
  });

  it('is shown as an upright copy without EXIF', async () => {
    const webp = await patternWithExif('webp');
    expect(webp.includes(Buffer.from('synthetic-person-0003'))).toBe(true);
    const shown = await shownCopy(webp, 'image/webp');
    const meta = await sharp(shown).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(await readGps(shown, 'image/webp')).toBeUndefined();
    expect(shown.includes(Buffer.from('synthetic-person-0003'))).toBe(false);
    // Orientation 6 turns the 48×32 picture (blue left half) a quarter clockwise: 32×48, blue on top.
    expect([meta.width, meta.height]).toEqual([32, 48]);
    expect(isBlue(await pixel(shown, 16, 4))).toBe(true);
    expect(isBlue(await pixel(shown, 16, 44))).toBe(false);
  });

  it('keeps every frame of an animation, in WebP and GIF', async () => {
    const frame = (r: number) =>
      sharp({ create: { width: 16, height: 8, channels: 3, background: { r, g: 60, b: 140 } } })
        .png()
        .toBuffer();
    const frames = [await frame(10), await frame(200)];
    for (const format of ['webp', 'gif'] as const) {
      const animated = await sharp(frames, { join: { animated: true } })
        .toFormat(format)
        .toBuffer();
      const shown = await shownCopy(animated, `image/${format}`);
      const meta = await sharp(shown, { animated: true }).metadata();
      expect([meta.format, meta.pages]).toEqual([format, 2]);
    }
  });
});

describe('JPEG and PNG', () => {
  it('are stripped at byte level when upright, unchanged from before', async () => {
    expect((await shownCopy(jpegWithGps(), 'image/jpeg')).equals(strippedCopy(jpegWithGps(), 'image/jpeg'))).toBe(true);
    expect((await shownCopy(patternPng({ metadata: true }), 'image/png')).equals(patternPng())).toBe(true);
  });

  it('are re-encoded upright when EXIF says to rotate them, since stripping drops that instruction', async () => {
    for (const format of ['jpeg', 'png'] as const) {
      const original = await patternWithExif(format);
      const shown = await shownCopy(original, `image/${format}`);
      const meta = await sharp(shown).metadata();
      expect(meta.format).toBe(format);
      expect(meta.exif).toBeUndefined();
      expect([meta.width, meta.height]).toEqual([32, 48]);
      expect(isBlue(await pixel(shown, 16, 4))).toBe(true);
      expect(await readGps(shown, `image/${format}`)).toBeUndefined();
    }
  });
});

describe('decompression bombs', () => {
  it('are recognised from the header alone', async () => {
    expect(await checkImageSize(patternPng(), 'image/png')).toEqual({ kind: 'ok' });
    expect(await checkImageSize(patternPng({ declaredSize: 20_000 }), 'image/png')).toEqual({
      kind: 'too_large',
      width: 20_000,
      height: 20_000,
    });
    expect(20_000 * 20_000).toBeGreaterThan(MAX_IMAGE_PIXELS);
    expect(await checkImageSize(MINIMAL_PDF, 'application/pdf')).toEqual({ kind: 'ok' });
  });

  it('are never decoded for a copy', async () => {
    const bomb = await webpClaiming(16_000, 16_000);
    expect(await checkImageSize(bomb, 'image/webp')).toMatchObject({ kind: 'too_large' });
    await expect(shownCopy(bomb, 'image/webp')).rejects.toThrow(/pixel limit/);
  });

  it('refuses to pretend it cleaned what it cannot read', async () => {
    await expect(shownCopy(MINIMAL_PDF, 'application/pdf')).rejects.toThrow(StripError);
    await expect(shownCopy(Buffer.from('RIFF\0\0\0\0WEBPVP8 garbage'), 'image/webp')).rejects.toThrow(StripError);
  });
});
