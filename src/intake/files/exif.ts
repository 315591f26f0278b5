import exifr from 'exifr';
import sharp from 'sharp';

export interface GpsPoint {
  latitude: number;
  longitude: number;
}

/** Where the camera said the picture was taken, for the analyst; undefined when the file does not say. */
export async function readGps(bytes: Uint8Array, mime: string): Promise<GpsPoint | undefined> {
  if (!['image/jpeg', 'image/png', 'image/webp'].includes(mime)) return undefined;
  try {
    const gps = await exifr.gps(mime === 'image/webp' ? await webpExif(bytes) : Buffer.from(bytes));
    if (!gps || !Number.isFinite(gps.latitude) || !Number.isFinite(gps.longitude)) return undefined;
    if (Math.abs(gps.latitude) > 90 || Math.abs(gps.longitude) > 180) return undefined;
    return { latitude: gps.latitude, longitude: gps.longitude };
  } catch {
    // Broken EXIF is common and not the sender's fault: the file is still taken, without a location.
    return undefined;
  }
}

/** exifr does not read WebP; libvips finds the EXIF block in the RIFF container (header only, no decoding). */
async function webpExif(bytes: Uint8Array): Promise<Buffer> {
  const exif = (await sharp(bytes).metadata()).exif;
  if (!exif) throw new Error('no EXIF');
  return exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
}

export class StripError extends Error {}

/** A copy of an image without EXIF, XMP, IPTC, comments or text chunks: the only form ever shown. */
export function strippedCopy(bytes: Uint8Array, mime: string): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === 'image/jpeg') return stripJpeg(buf);
  if (mime === 'image/png') return stripPng(buf);
  throw new StripError(`cannot strip metadata from ${mime}`);
}

const startsWith = (seg: Buffer, text: string) => seg.subarray(0, text.length).equals(Buffer.from(text, 'latin1'));

/** APP0 (JFIF), APP2 when it is an ICC colour profile, APP14 (Adobe colour transform): needed to draw the image. */
function keepJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker === 0xfe) return false; // comment
  if (marker < 0xe0 || marker > 0xef) return true; // not an APPn: tables, frame headers
  if (marker === 0xe0) return startsWith(payload, 'JFIF\0');
  if (marker === 0xe2) return startsWith(payload, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWith(payload, 'Adobe');
  return false; // APP1 (EXIF, XMP), APP13 (IPTC), and every other application segment
}

function stripJpeg(buf: Buffer): Buffer {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) throw new StripError('not a JPEG');
  const out: Buffer[] = [buf.subarray(0, 2)];
  let pos = 2;
  while (pos < buf.length) {
    if (buf[pos] !== 0xff) throw new StripError('malformed JPEG');
    const marker = buf[pos + 1];
    if (marker === undefined) throw new StripError('truncated JPEG');
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      // End of image: anything after it (appended thumbnails, MPF images, other data) is dropped.
      out.push(buf.subarray(pos, pos + 2));
      return Buffer.concat(out);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(buf.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > buf.length) throw new StripError('truncated JPEG');
    const length = buf.readUInt16BE(pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > buf.length) throw new StripError('truncated JPEG');
    if (keepJpegSegment(marker, buf.subarray(pos + 4, end))) out.push(buf.subarray(pos, end));
    pos = end;
    if (marker === 0xda) {
      // Entropy-coded data runs until the next marker that is not a stuffed byte or a restart.
      let scan = pos;
      while (scan < buf.length - 1) {
        if (buf[scan] === 0xff) {
          const next = buf[scan + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        scan += 1;
      }
      if (scan >= buf.length - 1) throw new StripError('truncated JPEG');
      out.push(buf.subarray(pos, scan));
      pos = scan;
    }
  }
  throw new StripError('JPEG has no end marker');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Chunks needed to draw the image (and animate it); text, eXIf, time and unknown chunks are dropped.
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'bKGD',
  'pHYs',
  'acTL',
  'fcTL',
  'fdAT',
]);

function stripPng(buf: Buffer): Buffer {
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new StripError('not a PNG');
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  while (pos + 12 <= buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (end > buf.length) throw new StripError('truncated PNG');
    if (PNG_KEEP.has(type)) out.push(buf.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw new StripError('PNG has no end chunk');
}
