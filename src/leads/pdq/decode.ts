/** The I/O half of PDQ: decode an image with sharp, then hash its pixels. Nothing is kept afterwards. */
import sharp from 'sharp';
import { PdqInputError } from './hash256.ts';
import { pdqDihedralFromPixels, pdqFromPixels, type PdqHash, type PixelChannels } from './pdq.ts';

/**
 * The reference tools shrink large images to at most 512 pixels a side before the tent filter
 * (the Python one keeping the aspect ratio). Keeping the aspect ratio brings us within 2 bits of
 * the Python reference and 8 of the C++ one on the conformance images; hashing at full size is
 * 3–4× slower and 12 bits away.
 */
const MAX_SIDE = 512;

export interface PdqImageHash extends PdqHash {
  /** The eight rotations and flips, in DIHEDRAL_TRANSFORMS order (index 0 is `hex`). */
  dihedral?: string[];
}

export interface PdqImageOptions {
  dihedral?: boolean;
}

/**
 * The embedded ICC profile is ignored, as the reference tools ignore it, which also spares a colour
 * transform of the full-size image. Other decode paths (sharp's greyscale, smaller targets, other
 * kernels) were measured in bench/pdq.ts and rejected: see docs/decisions.md, "PDQ decode path".
 */
export const PDQ_DECODE = { ignoreIcc: true, kernel: 'lanczos3' } as const;

export interface DecodedPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: PixelChannels;
}

export async function decodeForPdq(input: Buffer | string): Promise<DecodedPixels> {
  if (!Buffer.isBuffer(input) && typeof input !== 'string') {
    throw new PdqInputError('input', 'must be a Buffer or a file path');
  }
  try {
    // No EXIF auto-rotation: the reference hashes the stored pixels, and the dihedral variants cover rotation.
    const { data, info } = await sharp(input, { ignoreIcc: PDQ_DECODE.ignoreIcc })
      .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true, kernel: PDQ_DECODE.kernel })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels as PixelChannels };
  } catch (cause) {
    // sharp's message may carry the file path; say only what failed.
    throw new PdqInputError('input', 'could not be decoded as an image', { cause });
  }
}

export async function pdqFromImage(input: Buffer | string, options: PdqImageOptions = {}): Promise<PdqImageHash> {
  const { data, width, height, channels } = await decodeForPdq(input);
  if (!options.dihedral) return pdqFromPixels(data, width, height, channels);
  const { quality, hashes } = pdqDihedralFromPixels(data, width, height, channels);
  return { hex: hashes[0]!, quality, dihedral: hashes };
}
