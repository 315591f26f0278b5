/**
 * The printable missing-child poster: one US-letter page, standard PDF fonts only (nothing fetched,
 * nothing embedded but the photo). Every piece of text is measured, wrapped and, if it still does
 * not fit its box, set smaller and finally cut with an ellipsis, so nothing runs off the page.
 */
import { PDFDocument, PageSizes, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';

export type PosterInput = {
  orgName: string;
  hotlineDisplay: string;
  emergencyNumber: string;
  childName: string;
  age?: number;
  gender?: string;
  heightText?: string;
  weightText?: string;
  description: string;
  distinguishingMarks?: string;
  missingSince: Date;
  lastSeenPlace?: string;
  photo?: { bytes: Uint8Array; type: 'image/png' | 'image/jpeg' };
  caseReference: string;
  lang?: 'en' | 'es';
  /** IANA time zone for the "missing since" date; UTC when not given. */
  timeZone?: string;
};

/** The photo's bytes are not a PNG or JPEG that can be read. */
export class PosterPhotoError extends Error {
  constructor() {
    super('The photo could not be read as the image type it claims to be.');
    this.name = 'PosterPhotoError';
  }
}

const TEXT = {
  en: {
    missing: 'MISSING',
    age: 'Age',
    gender: 'Gender',
    height: 'Height',
    weight: 'Weight',
    since: 'Missing since',
    lastSeen: 'Last seen',
    description: 'Description',
    marks: 'Distinguishing marks',
    noPhoto: 'Photo not available',
    call: 'If you have seen this child or have any information, call',
    emergency: (n: string) => `If a child is in danger right now, call ${n}.`,
    reference: 'Case reference',
    locale: 'en-US',
  },
  es: {
    missing: 'DESAPARECIDO/A',
    age: 'Edad',
    gender: 'Género',
    height: 'Estatura',
    weight: 'Peso',
    since: 'Desaparecido/a desde',
    lastSeen: 'Visto/a por última vez',
    description: 'Descripción',
    marks: 'Señas particulares',
    noPhoto: 'Foto no disponible',
    call: 'Si ha visto a este/a menor o tiene cualquier información, llame al',
    emergency: (n: string) => `Si un/a menor está en peligro en este momento, llame al ${n}.`,
    reference: 'Referencia del caso',
    locale: 'es-US',
  },
} as const;

const RED = rgb(0.72, 0.07, 0.09);
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.45, 0.45, 0.45);
const WHITE = rgb(1, 1, 1);
const NAVY = rgb(0.08, 0.16, 0.32);

const [PAGE_W, PAGE_H] = PageSizes.Letter;
const MARGIN = 36;
const LINE = 1.22;
const ELLIPSIS = '…';

type Fonts = { regular: PDFFont; bold: PDFFont };

/**
 * The standard fonts carry only the Windows-1252 characters. Others lose their accents if that is
 * enough (ő → o), else become "?", so drawing never throws.
 */
function makeSafe(font: PDFFont): (s: string) => string {
  const allowed = new Set(font.getCharacterSet());
  const ok = (ch: string) => allowed.has(ch.codePointAt(0)!);
  return (s) => {
    let out = '';
    for (const ch of s.replace(/[\t\r\f\v]/g, ' ')) {
      if (ch === '\n' || ok(ch)) {
        out += ch;
        continue;
      }
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare.length > 0 && [...bare].every(ok) ? bare : '?';
    }
    return out;
  };
}

/** Lines of at most `width` points; a word longer than a line is broken between characters. */
function wrap(text: string, font: PDFFont, size: number, width: number, firstIndent = 0): string[] {
  const lines: string[] = [];
  const fits = (s: string, indent: number) => font.widthOfTextAtSize(s, size) <= width - indent;
  for (const paragraph of text.split('\n')) {
    let line = '';
    const indent = () => (lines.length === 0 ? firstIndent : 0);
    for (const word of paragraph.split(/ +/).filter((w) => w !== '')) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate, indent())) {
        line = candidate;
        continue;
      }
      if (line) {
        lines.push(line);
        line = '';
      }
      let rest = word;
      while (!fits(rest, indent())) {
        let cut = 1;
        const chars = [...rest];
        while (cut < chars.length && fits(chars.slice(0, cut + 1).join(''), indent())) cut++;
        lines.push(chars.slice(0, cut).join(''));
        rest = chars.slice(cut).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

function withEllipsis(line: string, font: PDFFont, size: number, width: number): string {
  let chars = [...line.trimEnd()];
  while (chars.length > 0 && font.widthOfTextAtSize(`${chars.join('')}${ELLIPSIS}`, size) > width) chars = chars.slice(0, -1);
  return `${chars.join('').trimEnd()}${ELLIPSIS}`;
}

type Item = { label?: string; text: string; bold?: boolean; scale?: number; gapBefore?: number; color?: RGB; center?: boolean };
type Placed = { item: Item; size: number; lines: string[]; labelText?: string };

/**
 * Sets a column of items in a box: the largest size from `max` down to `min` at which everything
 * fits; at `min`, whatever is left over is cut with an ellipsis.
 */
type Block = { placed: Placed[]; height: number; base: number };

function fitBlock(items: Item[], fonts: Fonts, width: number, height: number, max: number, min: number): Block {
  const measure = (base: number) => {
    const placed: Placed[] = [];
    let used = 0;
    for (const item of items) {
      const size = base * (item.scale ?? 1);
      const font = item.bold ? fonts.bold : fonts.regular;
      const labelText = item.label ? `${item.label}: ` : undefined;
      const indent = labelText ? fonts.bold.widthOfTextAtSize(labelText, size) : 0;
      const lines = wrap(item.text, font, size, width, indent);
      used += (item.gapBefore ?? 0) * base + lines.length * size * LINE;
      placed.push(labelText === undefined ? { item, size, lines } : { item, size, lines, labelText });
    }
    return { placed, used };
  };
  for (let base = max; base >= min; base -= 0.5) {
    const m = measure(base);
    if (m.used <= height) return { placed: m.placed, height: m.used, base };
  }
  const { placed } = measure(min);
  const kept: Placed[] = [];
  let used = 0;
  for (const p of placed) {
    const gap = (p.item.gapBefore ?? 0) * min;
    const lineH = p.size * LINE;
    const room = Math.floor((height - used - gap) / lineH);
    if (room <= 0) {
      const last = kept.at(-1);
      if (last && last.lines.length > 0) {
        const font = last.item.bold ? fonts.bold : fonts.regular;
        last.lines[last.lines.length - 1] = withEllipsis(last.lines.at(-1)!, font, last.size, width);
      }
      break;
    }
    if (room < p.lines.length) {
      const font = p.item.bold ? fonts.bold : fonts.regular;
      const lines = p.lines.slice(0, room);
      lines[room - 1] = withEllipsis(
        lines[room - 1]!,
        font,
        p.size,
        width - (room === 1 && p.labelText ? fonts.bold.widthOfTextAtSize(p.labelText, p.size) : 0),
      );
      kept.push({ ...p, lines });
      used += gap + room * lineH;
      break;
    }
    kept.push(p);
    used += gap + p.lines.length * lineH;
  }
  return { placed: kept, height: used, base: min };
}

/** Draws a fitted block from its top edge downwards. */
function drawBlock(page: PDFPage, fonts: Fonts, block: Block, x: number, top: number, width: number) {
  const base = block.base;
  let y = top;
  for (const p of block.placed) {
    y -= (p.item.gapBefore ?? 0) * base;
    const font = p.item.bold ? fonts.bold : fonts.regular;
    const color = p.item.color ?? INK;
    p.lines.forEach((line, i) => {
      y -= p.size * LINE;
      const baseline = y + (p.size * LINE - p.size) / 2 + p.size * 0.22;
      let lx = x;
      if (i === 0 && p.labelText) {
        page.drawText(p.labelText, { x, y: baseline, size: p.size, font: fonts.bold, color });
        lx += fonts.bold.widthOfTextAtSize(p.labelText, p.size);
      }
      if (p.item.center) lx = x + (width - font.widthOfTextAtSize(line, p.size)) / 2;
      if (line) page.drawText(line, { x: lx, y: baseline, size: p.size, font, color });
    });
  }
}

function fitOneLine(text: string, font: PDFFont, width: number, max: number, min: number): { text: string; size: number } {
  for (let size = max; size >= min; size -= 0.5) {
    if (font.widthOfTextAtSize(text, size) <= width) return { text, size };
  }
  return { text: withEllipsis(text, font, min, width), size: min };
}

function drawCentred(page: PDFPage, text: string, font: PDFFont, size: number, centreX: number, y: number, color: RGB) {
  page.drawText(text, { x: centreX - font.widthOfTextAtSize(text, size) / 2, y, size, font, color });
}

async function embedPhoto(doc: PDFDocument, photo: NonNullable<PosterInput['photo']>): Promise<PDFImage> {
  try {
    return photo.type === 'image/png' ? await doc.embedPng(photo.bytes) : await doc.embedJpg(photo.bytes);
  } catch {
    throw new PosterPhotoError();
  }
}

function dateText(d: Date, locale: string, timeZone: string | undefined): string {
  if (Number.isNaN(d.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: timeZone ?? 'UTC' }).format(d);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  }
}

/** A one-page US-letter PDF. Throws `PosterPhotoError` if the photo cannot be read. */
export async function renderPoster(input: PosterInput): Promise<Uint8Array> {
  const t = TEXT[input.lang ?? 'en'];
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const safe = makeSafe(fonts.regular);
  const oneLine = (s: string) => safe(s).replace(/\s+/g, ' ').trim();
  const page = doc.addPage([PAGE_W, PAGE_H]);
  const contentW = PAGE_W - 2 * MARGIN;

  doc.setTitle(`${t.missing}: ${oneLine(input.childName)}`);
  doc.setSubject(`${t.reference} ${oneLine(input.caseReference)}`);
  doc.setCreator('Beacon');
  doc.setProducer('Beacon');
  doc.setLanguage(t.locale);

  // Banner
  const bannerH = 92;
  const bannerTop = PAGE_H - MARGIN;
  page.drawRectangle({ x: MARGIN, y: bannerTop - bannerH, width: contentW, height: bannerH, color: RED });
  const title = fitOneLine(t.missing, fonts.bold, contentW - 40, 76, 30);
  drawCentred(page, title.text, fonts.bold, title.size, PAGE_W / 2, bannerTop - bannerH / 2 - title.size * 0.36, WHITE);

  // Organisation
  const org = fitOneLine(oneLine(input.orgName), fonts.bold, contentW, 15, 8);
  const y = bannerTop - bannerH - 8 - org.size;
  drawCentred(page, org.text, fonts.bold, org.size, PAGE_W / 2, y, NAVY);

  // Photo (left) and facts (right)
  const topOfMain = y - 14;
  const photoW = 216;
  const photoH = 270;
  const photoX = MARGIN;
  const photoY = topOfMain - photoH;
  if (input.photo) {
    const img = await embedPhoto(doc, input.photo);
    const scale = Math.min(photoW / img.width, photoH / img.height);
    const w = img.width * scale;
    const h = img.height * scale;
    page.drawImage(img, { x: photoX + (photoW - w) / 2, y: photoY + (photoH - h) / 2, width: w, height: h });
  } else {
    page.drawRectangle({ x: photoX, y: photoY, width: photoW, height: photoH, color: rgb(0.94, 0.94, 0.94) });
    const label = fitOneLine(t.noPhoto, fonts.regular, photoW - 20, 14, 8);
    drawCentred(page, label.text, fonts.regular, label.size, photoX + photoW / 2, photoY + photoH / 2 - label.size / 3, GREY);
  }
  page.drawRectangle({ x: photoX, y: photoY, width: photoW, height: photoH, borderColor: GREY, borderWidth: 1 });

  const factsX = photoX + photoW + 20;
  const factsW = PAGE_W - MARGIN - factsX;
  const facts: Item[] = [{ text: safe(input.childName.trim()), bold: true, scale: 1.9 }];
  const field = (label: string, value: string | undefined, gap = 0.35) => {
    if (value !== undefined && value.trim() !== '') facts.push({ label, text: oneLine(value), gapBefore: gap });
  };
  field(t.age, input.age === undefined ? undefined : String(input.age), 0.9);
  field(t.gender, input.gender);
  field(t.height, input.heightText);
  field(t.weight, input.weightText);
  field(t.since, dateText(input.missingSince, t.locale, input.timeZone), 0.9);
  field(t.lastSeen, input.lastSeenPlace);
  const factsBlock = fitBlock(facts, fonts, factsW, photoH, 15, 7);
  drawBlock(page, fonts, factsBlock, factsX, topOfMain, factsW);

  // Call box and footer (bottom up)
  const footerY = MARGIN + 3;
  const ref = fitOneLine(`${t.reference}: ${oneLine(input.caseReference)}`, fonts.regular, contentW, 9, 6);
  page.drawText(ref.text, { x: MARGIN, y: footerY, size: ref.size, font: fonts.regular, color: GREY });

  const callH = 112;
  const callY = footerY + 16;
  page.drawRectangle({ x: MARGIN, y: callY, width: contentW, height: callH, color: NAVY });
  const callBlock = fitBlock(
    [
      { text: safe(t.call), center: true, color: WHITE },
      { text: oneLine(input.hotlineDisplay), bold: true, scale: 2.3, center: true, color: WHITE, gapBefore: 0.2 },
      { text: safe(t.emergency(oneLine(input.emergencyNumber))), bold: true, center: true, color: WHITE, gapBefore: 0.3 },
    ],
    fonts,
    contentW - 32,
    callH - 16,
    14,
    7,
  );
  drawBlock(page, fonts, callBlock, MARGIN + 16, callY + callH - 8 - (callH - 16 - callBlock.height) / 2, contentW - 32);

  // Description and marks, between the photo and the call box
  const descTop = photoY - 16;
  const descBottom = callY + callH + 12;
  const details: Item[] = [
    { text: safe(t.description), bold: true, scale: 1.1 },
    { text: safe(input.description.trim()), gapBefore: 0.2 },
  ];
  if (input.distinguishingMarks?.trim()) {
    details.push({ text: safe(t.marks), bold: true, scale: 1.1, gapBefore: 0.7 });
    details.push({ text: safe(input.distinguishingMarks.trim()), gapBefore: 0.2 });
  }
  const detailsBlock = fitBlock(details, fonts, contentW, descTop - descBottom, 12, 7);
  drawBlock(page, fonts, detailsBlock, MARGIN, descTop, contentW);

  return doc.save();
}
