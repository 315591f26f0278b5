import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import type { PDFRawStream } from 'pdf-lib';
import { PDFDict, PDFDocument, PDFName, StandardFonts, type PDFFont } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pageContent } from '../../test/pdf.ts';
import { PosterPhotoError, renderPoster, type PosterInput } from './poster.ts';

// --- a PNG made by hand: a checkerboard pattern, never a picture of a person ---------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function patternPng(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) {
      const on = (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0;
      rows.push(on ? 20 : 230, on ? 90 : 200, on ? 160 : 40);
    }
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]),
  );
}

// --- reading the poster back with pdf-lib alone ---------------------------------------------------
type Run = { text: string; x: number; y: number; size: number; bold: boolean };
// Windows-1252 differs from Latin-1 only in 0x80–0x9F.
const WIN_ANSI_EXTRA: Record<number, string> = Object.fromEntries(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'].map((ch, i) => [0x80 + i, ch]),
);

async function textRuns(pdf: Uint8Array): Promise<Run[]> {
  const doc = await PDFDocument.load(pdf);
  const fontsDict = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
  const boldNames = new Set<string>();
  for (const [name, ref] of fontsDict.entries()) {
    const f = doc.context.lookup(ref, PDFDict);
    if (String(f.get(PDFName.of('BaseFont'))).includes('Bold')) boldNames.add(name.asString());
  }
  const ops = pageContent(doc, 0);
  const runs: Run[] = [];
  let font = '';
  let size = 0;
  let x = 0;
  let y = 0;
  const re = /(\/\S+) ([\d.]+) Tf|[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) ([-\d.]+) Tm|<([0-9A-Fa-f]*)> Tj/g;
  for (const m of ops.matchAll(re)) {
    if (m[1]) {
      font = m[1];
      size = Number(m[2]);
    } else if (m[3]) {
      x = Number(m[3]);
      y = Number(m[4]);
    } else {
      const bytes = Buffer.from(m[5]!, 'hex');
      const text = [...bytes].map((b) => WIN_ANSI_EXTRA[b] ?? String.fromCharCode(b)).join('');
      runs.push({ text, x, y, size, bold: boldNames.has(font) });
    }
  }
  return runs;
}

let measureFonts: { regular: PDFFont; bold: PDFFont } | undefined;
async function fontsForMeasuring() {
  if (!measureFonts) {
    const d = await PDFDocument.create();
    measureFonts = { regular: await d.embedFont(StandardFonts.Helvetica), bold: await d.embedFont(StandardFonts.HelveticaBold) };
  }
  return measureFonts;
}

/** Every piece of text starts and ends inside the page's half-inch margins. */
async function expectInsideMargins(pdf: Uint8Array) {
  const f = await fontsForMeasuring();
  for (const r of await textRuns(pdf)) {
    const width = (r.bold ? f.bold : f.regular).widthOfTextAtSize(r.text, r.size);
    expect(r.x).toBeGreaterThanOrEqual(35.9);
    expect(r.x + width).toBeLessThanOrEqual(612 - 35.9);
    // Helvetica's glyphs reach 0.718 of the size above the baseline and 0.207 below it.
    expect(r.y - 0.207 * r.size).toBeGreaterThanOrEqual(35.9);
    expect(r.y + 0.718 * r.size).toBeLessThanOrEqual(792 - 35.9);
  }
}

const allText = async (pdf: Uint8Array) => (await textRuns(pdf)).map((r) => r.text).join(' ');

const sample: PosterInput = {
  orgName: 'Lakeside Missing Children Clearinghouse',
  hotlineDisplay: '1-800-555-0199',
  emergencyNumber: '911',
  childName: 'Jordan Example',
  age: 15,
  gender: 'Female',
  heightText: '5\' 4"',
  weightText: '120 lb',
  description:
    'Brown hair in braids, brown eyes. Last wearing a grey hooded sweatshirt, black jeans and white trainers. Carries a green backpack.',
  distinguishingMarks: 'Small star-shaped tattoo on the left wrist; scar above the right eyebrow.',
  missingSince: new Date('2026-03-10T20:00:00Z'),
  lastSeenPlace: 'Near the bus station on Main Street, Springfield',
  caseReference: 'CASE-2026-000042',
};

describe('renderPoster', () => {
  it('makes a one-page US-letter PDF that parses back, with the name and the number to call', async () => {
    const pdf = await renderPoster(sample);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    const text = await allText(pdf);
    expect(text).toContain('MISSING');
    expect(text).toContain('Jordan Example');
    expect(text).toContain('1-800-555-0199');
    expect(text).toContain('call 911');
    expect(text).toContain('CASE-2026-000042');
    expect(text).toContain('March 10, 2026');
    expect(text).toContain('Photo not available');
    await expectInsideMargins(pdf);
  });

  it('is read the same by pdftotext when poppler is installed', async (ctx) => {
    let dir: string | undefined;
    try {
      dir = mkdtempSync(join(tmpdir(), 'poster-'));
      const file = join(dir, 'p.pdf');
      writeFileSync(file, await renderPoster(sample));
      let out: string;
      try {
        out = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      } catch {
        ctx.skip();
        return;
      }
      expect(out).toContain('Jordan Example');
      expect(out).toContain('1-800-555-0199');
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('embeds a PNG photo (a generated pattern) in place of the empty box', async () => {
    const pdf = await renderPoster({ ...sample, photo: { bytes: patternPng(48, 64), type: 'image/png' } });
    const doc = await PDFDocument.load(pdf);
    const xobjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const images = xobjects
      .entries()
      .map(([, ref]) => doc.context.lookup(ref) as PDFRawStream)
      .filter((s) => s.dict.get(PDFName.of('Subtype'))?.toString() === '/Image');
    expect(images).toHaveLength(1);
    expect(images[0]!.dict.get(PDFName.of('Width'))?.toString()).toBe('48');
    expect(await allText(pdf)).not.toContain('Photo not available');
  });

  it('refuses a photo whose bytes are not the image type claimed, with a typed error', async () => {
    await expect(renderPoster({ ...sample, photo: { bytes: patternPng(8, 8), type: 'image/jpeg' } })).rejects.toBeInstanceOf(
      PosterPhotoError,
    );
  });

  it('speaks Spanish when asked', async () => {
    const text = await allText(await renderPoster({ ...sample, lang: 'es' }));
    expect(text).toContain('DESAPARECIDO/A');
    expect(text).toContain('Foto no disponible');
    expect(text).toContain('10 de marzo de 2026');
    expect(text).toContain('llame al 911');
  });

  it('keeps very long text on the one page, cut with an ellipsis', async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const pdf = await renderPoster({
      ...sample,
      childName: 'A'.repeat(300),
      description: long,
      distinguishingMarks: long,
      lastSeenPlace: long,
      orgName: 'Org '.repeat(100),
    });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect(await allText(pdf)).toContain('…');
    expect(await allText(pdf)).toContain('1-800-555-0199');
    await expectInsideMargins(pdf);
  });

  it('draws characters the standard fonts lack without failing', async () => {
    const text = await allText(
      await renderPoster({ ...sample, childName: 'Zoë Őrs 名前 😀', description: 'Line one\nLine two\twith tab' }),
    );
    expect(text).toContain('Zoë Ors ?? ?');
    expect(text).toContain('Line two with tab');
    const quotes = await renderPoster({ ...sample, childName: '‘Jo’ “Ex” – €' });
    expect(await allText(quotes)).toContain('‘Jo’ “Ex” – €');
    await expectInsideMargins(quotes);
  });

  it('never throws and never leaves the page, whatever the text (property)', async () => {
    const s = fc.string({ unit: 'grapheme', maxLength: 400 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          childName: s,
          description: s,
          orgName: s,
          hotlineDisplay: s,
          distinguishingMarks: s,
          lastSeenPlace: s,
          gender: s,
          caseReference: s,
        }),
        async (over) => {
          const pdf = await renderPoster({ ...sample, ...over });
          expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
          await expectInsideMargins(pdf);
        },
      ),
      { numRuns: 15 },
    );
  });
});
