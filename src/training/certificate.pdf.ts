import { PDFDocument, PageSizes, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { Lang } from '../core/deployment.ts';

export interface CertificateInput {
  lang: Lang;
  organisation: string;
  name: string;
  courseTitle: string;
  issuedAt: Date;
  code: string;
  verifyUrl: string;
}

const WORDS = {
  en: {
    heading: 'Certificate of completion',
    completed: 'has completed the course',
    on: 'on',
    verify: 'Verify this certificate',
  },
  es: {
    heading: 'Certificado de finalización',
    completed: 'ha completado el curso',
    on: 'el',
    verify: 'Verifique este certificado',
  },
} as const;

/** The standard PDF fonts cover Latin-1 only; anything else is shown as "?" rather than failing. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function centred(page: PDFPage, text: string, y: number, font: PDFFont, size: number): void {
  const safe = printable(text);
  const width = font.widthOfTextAtSize(safe, size);
  page.drawText(safe, { x: (page.getWidth() - width) / 2, y, size, font, color: rgb(0.1, 0.1, 0.1) });
}

/** Draws the QR code from its modules: no image decoding, and crisp at any zoom. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) {
        page.drawRectangle({ x: x + col * cell, y: y + size - (row + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }
    }
  }
}

export async function certificatePdf(c: CertificateInput): Promise<Uint8Array> {
  const w = WORDS[c.lang];
  const doc = await PDFDocument.create();
  doc.setTitle(`${w.heading}: ${printable(c.courseTitle)}`);
  doc.setLanguage(c.lang);
  const [height, width] = PageSizes.Letter;
  const page = doc.addPage([width, height]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: rgb(0.1, 0.3, 0.5), borderWidth: 3 });
  centred(page, c.organisation, height - 90, regular, 16);
  centred(page, w.heading, height - 150, bold, 32);
  centred(page, c.name, height - 220, bold, 28);
  centred(page, w.completed, height - 260, regular, 16);
  centred(page, c.courseTitle, height - 295, bold, 18);
  const date = new Intl.DateTimeFormat(c.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(c.issuedAt);
  centred(page, `${w.on} ${date}`, height - 330, regular, 14);
  drawQr(page, c.verifyUrl, 60, 60, 110);
  page.drawText(w.verify, { x: 190, y: 140, size: 12, font: bold });
  page.drawText(printable(c.verifyUrl), { x: 190, y: 120, size: 11, font: regular });
  page.drawText(c.code, { x: 190, y: 92, size: 20, font: bold });
  return doc.save();
}
