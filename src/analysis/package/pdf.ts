import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import {
  agencyKindText,
  calendarDate,
  childText,
  identifierKindText,
  incidentTypeText,
  LINKED_KIND_TEXT,
  localDateTime,
  personText,
  placeText,
} from './package.text.ts';
import type { LeadPackage } from './package.types.ts';
import { REPLACEMENT, toWinAnsi } from './winansi.ts';

const PAGE = { width: 612, height: 792 }; // US Letter
const MARGIN = 54;
const BODY = 10;
const LEADING = 1.35;
const TEXT_WIDTH = PAGE.width - 2 * MARGIN;
const TOP = PAGE.height - MARGIN - 28; // below the handling notice
const BOTTOM = MARGIN + 24; // above the footer

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** How many leading characters of `word` fit (at least one, so a line always moves on). */
function longestFit(word: string, fits: (s: string) => boolean): number {
  let low = 1;
  let high = word.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(word.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Breaks text into lines that fit `width`; a word longer than a line is cut. Input must be WinAnsi. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      let rest = word;
      while (!fits(rest)) {
        const cut = longestFit(rest, fits);
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

const questionMarks = (text: string) => text.split(REPLACEMENT).length - 1;

/** Lays text down the page, starting a new page when the next line would not fit. */
class Layout {
  private page!: PDFPage;
  private y = 0;
  /** Whether any character was replaced, so the reader can be told where the original is. */
  replaced = false;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = TOP;
  }

  private line(text: string, font: PDFFont, size: number, indent: number): void {
    if (this.y - size * LEADING < BOTTOM) this.newPage();
    this.y -= size * LEADING;
    this.page.drawText(text, { x: MARGIN + indent, y: this.y, size, font, color: rgb(0, 0, 0) });
  }

  text(raw: string, opts: { bold?: boolean; size?: number; indent?: number } = {}): void {
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const size = opts.size ?? BODY;
    const indent = opts.indent ?? 0;
    const drawable = toWinAnsi(raw);
    if (questionMarks(drawable) > questionMarks(raw)) this.replaced = true;
    for (const l of wrapText(drawable, font, size, TEXT_WIDTH - indent)) this.line(l, font, size, indent);
  }

  heading(title: string): void {
    this.y -= BODY * 0.8;
    this.text(title, { bold: true, size: 12 });
  }

  gap(): void {
    this.y -= BODY * 0.5;
  }
}

function section<T>(
  layout: Layout,
  title: string,
  items: readonly T[],
  render: (item: T, index: number) => string,
  empty: string,
): void {
  layout.heading(title);
  if (items.length === 0) layout.text(empty);
  items.forEach((item, i) => layout.text(`${i + 1}. ${render(item, i)}`, { indent: 8 }));
}

function body(layout: Layout, pkg: LeadPackage, timeZone: string): void {
  const agency = pkg.receivingAgency;
  layout.text(`Lead package ${pkg.reference}`, { bold: true, size: 16 });
  layout.gap();
  layout.text(
    `To: ${agency.name} (${agencyKindText(agency.kind)})${agency.phone ? `, ${agency.phone}` : ''}${agency.email ? `, ${agency.email}` : ''}`,
  );
  layout.text(`Referred by: ${pkg.referringAnalyst}`);
  layout.text(`Created: ${localDateTime(pkg.createdAt, timeZone)} | Referred: ${localDateTime(pkg.referredAt, timeZone)}`);
  if (pkg.tipReference) layout.text(`Tip: ${pkg.tipReference}`);
  section(layout, 'Why this is urgent', pkg.urgency, (u) => `${u.rule}: ${u.explanation}`, 'No urgency rule applied.');
  layout.heading('What was reported');
  layout.text(
    `Type: ${incidentTypeText(pkg.incident.type) ?? 'not given'}${pkg.incident.occurredOn ? ` | Happened on: ${calendarDate(pkg.incident.occurredOn)}` : ''}`,
  );
  layout.text(pkg.incident.summary);
  section(
    layout,
    'Places',
    pkg.places,
    (p) => `${p.label ? `${p.label}: ` : ''}${placeText(p) || 'no address given'}${p.details ? `. ${p.details}` : ''}`,
    'No place given.',
  );
  section(layout, 'Children described', pkg.children, childText, 'No child described.');
  section(layout, 'Persons reported', pkg.persons, personText, 'No person described.');
  section(
    layout,
    'Identifiers',
    pkg.identifiers,
    (i) => `${identifierKindText(i.kind) ?? 'Identifier'}: ${i.value}${i.obfuscated ? ' (written in disguise in the tip)' : ''}`,
    'No identifiers found.',
  );
  section(
    layout,
    'Linked items',
    pkg.linkedItems,
    (l) => `${[LINKED_KIND_TEXT[l.kind], l.reference].filter(Boolean).join(' ')}: ${l.reason}`,
    'Nothing linked.',
  );
  layout.heading("Analyst's summary");
  layout.text(pkg.analystSummary || 'No summary written.');
  if (layout.replaced) {
    layout.gap();
    layout.text(
      'Characters the PDF fonts cannot show appear as "?"; the JSON and XML files of this package hold the original text.',
      { size: 8 },
    );
  }
}

/** The handling notice above and the reference and page number below, on every page. */
function frame(doc: PDFDocument, fonts: Fonts, pkg: LeadPackage): void {
  const notice = wrapText(toWinAnsi(pkg.handlingNotice), fonts.bold, 9, TEXT_WIDTH)[0] ?? '';
  const reference = wrapText(toWinAnsi(pkg.reference), fonts.regular, 8, TEXT_WIDTH / 2)[0] ?? '';
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    page.drawText(notice, { x: MARGIN, y: PAGE.height - MARGIN, size: 9, font: fonts.bold, color: rgb(0.6, 0, 0) });
    page.drawText(`Lead package ${reference}    Page ${i + 1} of ${pages.length}`, {
      x: MARGIN,
      y: MARGIN,
      size: 8,
      font: fonts.regular,
    });
  });
}

/** The package as a PDF for people: standard fonts only, text the fonts cannot draw shown as "?". */
export async function renderLeadPackagePdf(pkg: LeadPackage, opts: { timeZone?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  // The package's own dates rather than now: the same package renders to the same bytes.
  doc.setTitle(`Lead package ${pkg.reference}`);
  doc.setSubject(pkg.handlingNotice);
  doc.setProducer('Beacon');
  doc.setCreator('Beacon');
  if (!Number.isNaN(pkg.createdAt.getTime())) doc.setCreationDate(pkg.createdAt);
  if (!Number.isNaN(pkg.referredAt.getTime())) doc.setModificationDate(pkg.referredAt);
  body(new Layout(doc, fonts), pkg, opts.timeZone ?? 'UTC');
  frame(doc, fonts, pkg);
  return doc.save();
}
