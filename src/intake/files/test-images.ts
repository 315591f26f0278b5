import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Generated and fixture test images only: a bridge photograph from the PDQ fixtures (no people)
 * and hand-built PNGs, each with a fabricated EXIF GPS block.
 */
export const FIXTURE_JPEG = readFileSync(new URL('../../../../shared/fixtures/pdq/images/square-128x128.jpg', import.meta.url));

/** A little-endian TIFF block whose GPS IFD says 36°9'N 95°59'W (Tulsa). */
export function exifWithGps(): Buffer {
  const b = Buffer.alloc(128);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  // IFD0: one entry pointing at the GPS IFD
  b.writeUInt16LE(1, 8);
  entry(b, 10, 0x8825, 4, 1, 26);
  b.writeUInt32LE(0, 22);
  // GPS IFD at 26: four entries, data from 80
  b.writeUInt16LE(4, 26);
  entry(b, 28, 0x0001, 2, 2, 0);
  b.write('N\0', 36, 'latin1');
  entry(b, 40, 0x0002, 5, 3, 80);
  entry(b, 52, 0x0003, 2, 2, 0);
  b.write('W\0', 60, 'latin1');
  entry(b, 64, 0x0004, 5, 3, 104);
  b.writeUInt32LE(0, 76);
  [
    [36, 1],
    [9, 1],
    [0, 1],
  ].forEach(([n, d], i) => {
    b.writeUInt32LE(n!, 80 + i * 8);
    b.writeUInt32LE(d!, 84 + i * 8);
  });
  [
    [95, 1],
    [59, 1],
    [0, 1],
  ].forEach(([n, d], i) => {
    b.writeUInt32LE(n!, 104 + i * 8);
    b.writeUInt32LE(d!, 108 + i * 8);
  });
  return b;
}

function entry(b: Buffer, at: number, tag: number, type: number, count: number, value: number) {
  b.writeUInt16LE(tag, at);
  b.writeUInt16LE(type, at + 2);
  b.writeUInt32LE(count, at + 4);
  b.writeUInt32LE(value, at + 8);
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt8(0xff, 0);
  head.writeUInt8(marker, 1);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** The fixture JPEG with a GPS APP1 segment, a comment and data appended after the end marker. */
export function jpegWithGps(): Buffer {
  const app1 = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifWithGps()]));
  const comment = segment(0xfe, Buffer.from('camera owner: synthetic-person-0001', 'latin1'));
  return Buffer.concat([
    FIXTURE_JPEG.subarray(0, 2),
    app1,
    comment,
    FIXTURE_JPEG.subarray(2),
    Buffer.from('TRAILING-SECRET', 'latin1'),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8×8 checkerboard PNG, optionally with a text chunk and an eXIf GPS chunk. */
export function patternPng(opts: { metadata?: boolean; declaredSize?: number } = {}): Buffer {
  const size = 8;
  const ihdr = Buffer.alloc(13);
  // A declared size larger than the pixel data is what a decompression bomb's header looks like.
  ihdr.writeUInt32BE(opts.declaredSize ?? size, 0);
  ihdr.writeUInt32BE(opts.declaredSize ?? size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) rows.push(...((x + y) % 2 ? [255, 255, 255] : [20, 60, 140]));
  }
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (opts.metadata) {
    parts.push(chunk('tEXt', Buffer.from('Author\0synthetic-person-0002', 'latin1')));
    parts.push(chunk('eXIf', exifWithGps()));
  }
  parts.push(chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/**
 * A generated 48×32 stripes pattern (no people) with EXIF GPS at 36°9'N 95°59'W, an artist tag and
 * EXIF orientation 6 (shown turned 90° clockwise, so 32 wide and 48 high), in WebP or another format.
 */
export function patternWithExif(format: 'webp' | 'jpeg' | 'png' = 'webp'): Promise<Buffer> {
  const width = 48;
  const height = 32;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) raw.set(i % width < width / 2 ? [20, 60, 140] : [250, 250, 250], i * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Artist: 'synthetic-person-0003' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 9/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '95/1 59/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toFormat(format)
    .toBuffer();
}
