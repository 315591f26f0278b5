import { describe, expect, it } from 'vitest';
import { readGps, StripError, strippedCopy } from './exif.ts';
import { checkFileType } from './file-type.ts';
import { hashBytes } from './hashing.ts';
import { FIXTURE_JPEG, jpegWithGps, MINIMAL_PDF, patternPng } from './test-images.ts';

function jpegMarkers(buf: Buffer): number[] {
  const markers: number[] = [];
  let pos = 2;
  while (pos < buf.length) {
    const marker = buf[pos + 1]!;
    markers.push(marker);
    if (marker === 0xda || marker === 0xd9) break;
    pos += 2 + buf.readUInt16BE(pos + 2);
  }
  return markers;
}

describe('checkFileType', () => {
  it('recognises images and PDFs by their bytes', async () => {
    expect(await checkFileType(FIXTURE_JPEG, 'image/jpeg')).toEqual({ kind: 'ok', mime: 'image/jpeg' });
    expect(await checkFileType(patternPng(), 'application/octet-stream')).toEqual({ kind: 'ok', mime: 'image/png' });
    expect(await checkFileType(MINIMAL_PDF, undefined)).toEqual({ kind: 'ok', mime: 'application/pdf' });
  });

  it('refuses a file whose declared type names something else', async () => {
    expect(await checkFileType(MINIMAL_PDF, 'image/png')).toEqual({ kind: 'mismatch', detected: 'application/pdf' });
  });

  it('refuses types outside the allow-list even when they say what they are', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.alloc(60)]);
    expect((await checkFileType(zip, 'application/zip')).kind).toBe('not_allowed');
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...Buffer.alloc(56)]);
    expect((await checkFileType(elf, 'application/octet-stream')).kind).toBe('not_allowed');
  });

  it('takes UTF-8 chat exports declared as text or JSON, nothing else without magic bytes', async () => {
    const chat = Buffer.from('[12:01] user-a: hola\n[12:02] user-b: ¿dónde?\n', 'utf8');
    expect(await checkFileType(chat, 'text/plain; charset=utf-8')).toEqual({ kind: 'ok', mime: 'text/plain' });
    expect(await checkFileType(Buffer.from('{"messages":[]}'), 'application/json')).toEqual({
      kind: 'ok',
      mime: 'application/json',
    });
    expect((await checkFileType(Buffer.from('{"messages":'), 'application/json')).kind).toBe('not_allowed');
    expect((await checkFileType(chat, 'image/png')).kind).toBe('not_allowed');
    expect((await checkFileType(chat, undefined)).kind).toBe('not_allowed');
    expect((await checkFileType(Buffer.from([0x68, 0x69, 0xff, 0xfe]), 'text/plain')).kind).toBe('not_allowed');
    expect((await checkFileType(Buffer.from('a\0b'), 'text/plain')).kind).toBe('not_allowed');
  });
});

describe('hashBytes', () => {
  it('gives the standard SHA-256 and MD5 digests', () => {
    expect(hashBytes(Buffer.from('abc'))).toEqual({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      md5: '900150983cd24fb0d6963f7d28e17f72',
    });
  });
});

describe('EXIF', () => {
  it('reads GPS from a JPEG for the analyst', async () => {
    const gps = await readGps(jpegWithGps(), 'image/jpeg');
    expect(gps?.latitude).toBeCloseTo(36.15, 2);
    expect(gps?.longitude).toBeCloseTo(-95.983, 2);
  });

  it('answers undefined for files without GPS or with broken EXIF', async () => {
    expect(await readGps(patternPng(), 'image/png')).toBeUndefined();
    expect(
      await readGps(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78, 0x69, 0x66, 0, 0, 1, 2, 3]), 'image/jpeg'),
    ).toBeUndefined();
    expect(await readGps(MINIMAL_PDF, 'application/pdf')).toBeUndefined();
  });

  it('strips EXIF, comments and trailing data from a JPEG and keeps it a JPEG', async () => {
    const original = jpegWithGps();
    const stripped = strippedCopy(original, 'image/jpeg');
    expect(await readGps(stripped, 'image/jpeg')).toBeUndefined();
    expect(jpegMarkers(stripped)).not.toContain(0xe1);
    expect(jpegMarkers(stripped)).not.toContain(0xfe);
    expect(jpegMarkers(stripped)[0]).toBe(0xe0);
    expect(stripped.includes(Buffer.from('synthetic-person-0001'))).toBe(false);
    expect(stripped.includes(Buffer.from('TRAILING-SECRET'))).toBe(false);
    expect(stripped.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(await checkFileType(stripped, 'image/jpeg')).toEqual({ kind: 'ok', mime: 'image/jpeg' });
    // The picture itself (everything from the first frame header on) is unchanged.
    const sof = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xdb])));
    expect(sof(stripped).equals(sof(FIXTURE_JPEG).subarray(0, sof(stripped).length))).toBe(true);
  });

  it('strips text and eXIf chunks from a PNG and keeps the image chunks', async () => {
    const original = patternPng({ metadata: true });
    expect((await readGps(original, 'image/png'))?.latitude).toBeCloseTo(36.15, 2);
    const stripped = strippedCopy(original, 'image/png');
    expect(stripped.equals(patternPng())).toBe(true);
    expect(await readGps(stripped, 'image/png')).toBeUndefined();
  });

  it('refuses to pretend it stripped what it cannot read', () => {
    expect(() => strippedCopy(MINIMAL_PDF, 'application/pdf')).toThrow(StripError);
    expect(() => strippedCopy(FIXTURE_JPEG.subarray(0, 300), 'image/jpeg')).toThrow(StripError);
    expect(() => strippedCopy(patternPng().subarray(0, 40), 'image/png')).toThrow(StripError);
  });
});
