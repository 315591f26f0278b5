/**
 * The referral form sent to a provider with a referral: US-letter pages in the standard PDF fonts
 * (nothing fetched or embedded). The child's details on it are cut down here, by the consent given
 * with the input, so no caller can put more on the form than the consent allows.
 */
import { PDFDocument, PageSizes, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { NEED_DOMAIN_LABELS, type RecipientKind, type ServiceKind } from '../shared/recovery.ts';
import { shareableDetails, type ChildDetails, type Consent } from './rules/consent.ts';

export type ReferralFormInput = {
  reference: string;
  /** The day the referral is made, YYYY-MM-DD. */
  date: string;
  provider: { name: string; contact?: string };
  /** A `ServiceKind` and `NeedDomain`s; plain strings as a database row holds them, an unknown one printed as it is. */
  serviceKind: string;
  needDomains: readonly string[];
  note?: string;
  /** All the details held; the form keeps only what `consent.shares` allows. */
  details: ChildDetails;
  /** Absent (a referral made on a supervisor's legal reason, without consent): no personal detail goes on the form. */
  consent?: Consent;
  /** The sending organisation and the role of the person to contact; never a staff member's name. */
  clearinghouse: { organisation: string; role: string; phone?: string; email?: string };
};

const SERVICE_LABELS: Readonly<Record<ServiceKind, string>> = {
  shelter: 'Shelter',
  medical: 'Medical care',
  mental_health: 'Mental health care',
  legal: 'Legal services',
  education: 'Education',
  drop_in: 'Drop-in centre',
  anti_trafficking: 'Anti-trafficking services',
  other: 'Other services',
};

const RECIPIENT_LABELS: Readonly<Record<RecipientKind, string>> = {
  health: 'health care providers',
  mental_health: 'mental health providers',
  legal: 'legal services',
  shelter: 'shelters',
  education: 'schools and education services',
  law_enforcement: 'law enforcement',
  other: 'other organisations',
};

/** The details in the order and words the form shows them. */
const DETAIL_LINES: readonly [keyof ChildDetails, string][] = [
  ['firstName', 'First name'],
  ['fullName', 'Full name'],
  ['dateOfBirth', 'Date of birth'],
  ['gender', 'Gender'],
  ['languages', 'Languages'],
  ['placement', 'Placement'],
  ['contact', 'Contact'],
  ['needs', 'Needs'],
  ['medicalNotes', 'Medical notes'],
];

export const CONSENT_LIMIT_LINE =
  'This form holds only the details about the young person that the consent above allows to be shared.';

const [PAGE_W, PAGE_H] = PageSizes.Letter;
const MARGIN = 54;
const WIDTH = PAGE_W - 2 * MARGIN;
const SIZE = 10.5;
const LEADING = 1.35;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.42, 0.42, 0.42);
const RULE = rgb(0.75, 0.75, 0.75);

/**
 * The standard fonts draw only Windows-1252 characters; anything else is written without its
 * accents when that suffices (ł stays "?", é becomes e), so drawing never throws.
 */
function winAnsi(font: PDFFont): (s: string) => string {
  const known = new Set(font.getCharacterSet());
  const drawable = (ch: string) => known.has(ch.codePointAt(0)!);
  return (s) =>
    [...s.replace(/\r\n?/g, '\n').replace(/[\t\f\v]/g, ' ')]
      .map((ch) => {
        if (ch === '\n' || drawable(ch)) return ch;
        const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
        return plain !== '' && [...plain].every(drawable) ? plain : '?';
      })
      .join('');
}

/** Splits text into lines no wider than `width`; a word too long for a line is cut between characters. */
function lines(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ').filter((w) => w !== '')) {
      if (fits(line ? `${line} ${word}` : word)) {
        line = line ? `${line} ${word}` : word;
        continue;
      }
      if (line) out.push(line);
      while (!fits(word)) {
        const chars = [...word];
        let n = chars.length - 1;
        while (n > 1 && !fits(chars.slice(0, n).join(''))) n--;
        n = Math.max(1, n);
        out.push(chars.slice(0, n).join(''));
        word = chars.slice(n).join('');
      }
      line = word;
    }
    out.push(line);
  }
  return out;
}

/** Writes down the page, starting a new page when the next line would not fit. */
class Writer {
  private page: PDFPage;
  private y: number;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly safe: (s: string) => string,
  ) {
    this.page = this.newPage();
    this.y = PAGE_H - MARGIN;
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(page);
    return page;
  }

  private room(height: number) {
    if (this.y - height >= MARGIN + 24) return;
    this.page = this.newPage();
    this.y = PAGE_H - MARGIN;
  }

  gap(points: number) {
    this.y -= points;
  }

  text(text: string, opts: { size?: number; bold?: boolean; color?: typeof INK } = {}) {
    const size = opts.size ?? SIZE;
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    for (const line of lines(this.safe(text), font, size, WIDTH)) {
      this.room(size * LEADING);
      this.y -= size * LEADING;
      if (line) this.page.drawText(line, { x: MARGIN, y: this.y, size, font, color: opts.color ?? INK });
    }
  }

  /** "Label: value", the label bold, the value wrapped below the label when it does not fit beside it. */
  field(label: string, value: string) {
    const labelText = `${label}: `;
    const indent = this.fonts.bold.widthOfTextAtSize(labelText, SIZE);
    const [first = '', ...rest] = lines(this.safe(value), this.fonts.regular, SIZE, WIDTH - indent);
    this.room(SIZE * LEADING);
    this.y -= SIZE * LEADING;
    this.page.drawText(labelText, { x: MARGIN, y: this.y, size: SIZE, font: this.fonts.bold, color: INK });
    if (first) this.page.drawText(first, { x: MARGIN + indent, y: this.y, size: SIZE, font: this.fonts.regular, color: INK });
    for (const line of rest) {
      this.room(SIZE * LEADING);
      this.y -= SIZE * LEADING;
      if (line) this.page.drawText(line, { x: MARGIN + indent, y: this.y, size: SIZE, font: this.fonts.regular, color: INK });
    }
  }

  heading(text: string) {
    this.room(40);
    this.gap(12);
    this.text(text, { size: 12.5, bold: true });
    this.gap(3);
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + WIDTH, y: this.y }, thickness: 0.6, color: RULE });
    this.gap(2);
  }

  footers(reference: string) {
    this.pages.forEach((page, i) => {
      const text = this.safe(`Referral ${reference} - page ${i + 1} of ${this.pages.length}`);
      page.drawText(text, { x: MARGIN, y: MARGIN - 14, size: 8, font: this.fonts.regular, color: GREY });
    });
  }
}

function wordFor<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return Object.hasOwn(labels, key) ? labels[key as K] : key.replace(/_/g, ' ');
}

function dateText(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

function detailText(value: string | string[]): string {
  return Array.isArray(value) ? value.join(', ') : value;
}

function writeChild(w: Writer, input: ReferralFormInput) {
  w.heading('About the young person');
  const shared = shareableDetails(input.details, input.consent?.shares ?? []);
  const present = DETAIL_LINES.filter(([key]) => shared[key] !== undefined && detailText(shared[key]).trim() !== '');
  if (present.length === 0)
    w.text(
      input.consent
        ? 'No personal details are shared under this consent.'
        : 'No personal details are included: no consent to share was recorded.',
    );
  for (const [key, label] of present) w.field(label, key === 'dateOfBirth' ? dateText(shared[key]!) : detailText(shared[key]!));
}

function writeConsent(w: Writer, consent: Consent | undefined) {
  w.heading('Consent to share');
  if (!consent) return w.text('No consent to share was recorded for this referral.');
  w.field('Given by', consent.givenBy === 'young_person' ? 'the young person' : 'a parent or guardian');
  w.field('Given on', dateText(consent.givenOn));
  w.field('Expires on', dateText(consent.expiresOn));
  const scope = consent.organisation === undefined ? 'any organisation of this kind' : 'the organisation named on this form only';
  w.field('Shared with', `${RECIPIENT_LABELS[consent.recipientKind]} (${scope})`);
}

/** The referral form as PDF bytes. */
export async function referralFormPdf(input: ReferralFormInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const safe = winAnsi(fonts.regular);
  const oneLine = (s: string) => safe(s).replace(/\s+/g, ' ').trim();
  // The metadata names the referral, never the child.
  doc.setTitle(`Referral for services ${oneLine(input.reference)}`);
  doc.setCreator('Beacon');
  doc.setProducer('Beacon');
  doc.setLanguage('en-US');

  const w = new Writer(doc, fonts, safe);
  w.text('Referral for services', { size: 20, bold: true });
  w.gap(4);
  w.field('Reference', oneLine(input.reference));
  w.field('Date', dateText(input.date));

  w.heading('To');
  w.field('Provider', oneLine(input.provider.name));
  if (input.provider.contact?.trim()) w.field('Contact', input.provider.contact.trim());

  w.heading('Service requested');
  w.field('Service', wordFor(SERVICE_LABELS, input.serviceKind));
  if (input.needDomains.length > 0)
    w.field('Needs it addresses', input.needDomains.map((d) => wordFor(NEED_DOMAIN_LABELS, d)).join('; '));
  if (input.note?.trim()) w.field('Note', input.note.trim());

  writeChild(w, input);
  writeConsent(w, input.consent);

  const from = input.clearinghouse;
  w.heading('From');
  w.field('Organisation', oneLine(from.organisation));
  w.field('Contact person', oneLine(from.role));
  if (from.phone?.trim()) w.field('Phone', oneLine(from.phone));
  if (from.email?.trim()) w.field('Email', oneLine(from.email));

  w.gap(14);
  w.text(CONSENT_LIMIT_LINE, { color: GREY, size: 9.5 });
  w.footers(oneLine(input.reference));
  return doc.save();
}
