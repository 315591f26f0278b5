import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { certificatePdf } from './certificate.pdf.ts';

describe('certificate PDF', () => {
  it('is a one-page PDF titled with the course, and takes names beyond Latin-1', async () => {
    const bytes = await certificatePdf({
      lang: 'es',
      organisation: 'Example Clearinghouse',
      name: 'Zoë Ñúñez 李',
      courseTitle: 'Reconocer y responder',
      issuedAt: new Date('2026-12-01T10:00:00Z'),
      code: 'ABCD-2345',
      verifyUrl: 'https://beacon.example.org/verify/ABCD-2345',
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain('Reconocer y responder');
  });
});
