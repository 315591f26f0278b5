import sharp from 'sharp';
import { StripError, strippedCopy } from './exif.ts';

/**
 * Images through `sharp` (libvips): size checks before anything is decoded, and re-encoded copies
 * without metadata where a byte-level strip is not enough (WebP, GIF, rotated JPEG and PNG).
 */

/** Larger than any phone camera's picture; a decompression bomb is far above it. */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** Every image type whose download is a copy without metadata. */
export const CLEANED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

export const isCleanedType = (mime: string): boolean => (CLEANED_TYPES as readonly string[]).includes(mime);

export type SizeCheck = { kind: 'ok' } | { kind: 'too_large'; width: number; height: number };

/** Reads only the image's header: refuses pictures whose pixels (all frames) would not fit the limit. */
export async function checkImageSize(bytes: Uint8Array, mime: string): Promise<SizeCheck> {
  if (!isCleanedType(mime)) return { kind: 'ok' };
  try {
    const meta = await sharp(bytes, { animated: true, limitInputPixels: false }).metadata();
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    return width * height > MAX_IMAGE_PIXELS ? { kind: 'too_large', width, height } : { kind: 'ok' };
  } catch {
    // A header libvips cannot read is taken as it is (kept as evidence); it is never shown decoded.
    return { kind: 'ok' };
  }
}

const orientationOf = async (bytes: Uint8Array): Promise<number> => {
  try {
    return (await sharp(bytes).metadata()).orientation ?? 1;
  } catch {
    return 1;
  }
};

/**
 * The only form of an image ever shown. JPEG and PNG are stripped at byte level (lossless, about
 * 20–40× faster than re-encoding) unless EXIF says to rotate them: dropping that tag would show the
 * picture on its side, so those are re-encoded upright like every WebP and GIF.
 */
export async function shownCopy(bytes: Uint8Array, mime: string): Promise<Buffer> {
  if ((mime === 'image/jpeg' || mime === 'image/png') && (await orientationOf(bytes)) <= 1) return strippedCopy(bytes, mime);
  if (!isCleanedType(mime)) throw new StripError(`cannot strip metadata from ${mime}`);
  try {
    // sharp writes no metadata unless asked (keepMetadata/withMetadata); autoOrient bakes the rotation into the pixels.
    const image = sharp(bytes, { animated: true, limitInputPixels: MAX_IMAGE_PIXELS }).autoOrient();
    if (mime === 'image/jpeg') return await image.jpeg({ quality: 92 }).toBuffer();
    if (mime === 'image/png') return await image.png().toBuffer();
    if (mime === 'image/gif') return await image.gif().toBuffer();
    return await image.webp({ quality: 90 }).toBuffer();
  } catch (err) {
    throw new StripError(`could not re-encode ${mime}: ${(err as Error).message}`);
  }
}
