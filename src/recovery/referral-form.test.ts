import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfPageTexts } from '../../test/pdf.ts';
import { SHAREABLE_DETAILS, type ShareableDetail } from '../shared/recovery.ts';
import { CONSENT_LIMIT_LINE, referralFormPdf, type ReferralFormInput } from './referral-form.ts';
import type { ChildDetails } from './rules/consent.ts';

// Every value is a word found nowhere else on the form, so its presence can be read back.
const details: Required<ChildDetails> = {
  firstName: 'Zorvina',
  fullName: 'Z. Quelbrook',
  dateOfBirth: '2011-04-02',
  gender: 'Nonbinaryx',
  languages: ['Tagalogx', 'Englishx'],
  placement: 'Willowmere foster home',
  contact: '555-0199',
  needs: ['Dentalwork urgently'],
  medicalNotes: 'Abscessx lower molar',
};
const MARKERS: Record<ShareableDetail, string> = {
  first_name: 'Zorvina',
  full_name: 'Quelbrook',
  date_of_birth: '2011',
  gender: 'Nonbinaryx',
  languages: 'Tagalogx',
  placement: 'Willowmere',
  contact: '555-0199',
  needs: 'Dentalwork',
  medical_notes: 'Abscessx',
};

const input = (shares: ShareableDetail[]): ReferralFormInput => ({
  reference: 'RF-2026-0042',
  date: '2026-05-04',
  provider: { name: 'Example Dental Clinic', contact: 'intake@clinic.example, 555-0100' },
  serviceKind: 'medical',
  needDomains: ['medical_dental', 'mental_health'],
  details,
  consent: {
    id: 'c1',
    givenBy: 'young_person',
    recipientKind: 'health',
    shares,
    givenOn: '2026-05-01',
    expiresOn: '2026-11-01',
  },
  clearinghouse: { organisation: 'Example State Clearinghouse', role: 'Recovery specialist', phone: '555-0111' },
});

const textOf = async (bytes: Uint8Array) => (await pdfPageTexts(bytes)).join('\n');

describe('referralFormPdf', () => {
  it('makes a PDF that parses, with the referral, provider, service, consent and sender', async () => {
    const bytes = await referralFormPdf(input(['first_name']));
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('Referral for services RF-2026-0042');
    const text = await textOf(bytes);
    for (const expected of [
      'Referral for services',
      'RF-2026-0042',
      'May 4, 2026',
      'Example Dental Clinic',
      'intake@clinic.example, 555-0100',
      'Medical care',
      'Medical and dental care; Mental health and trauma care',
      'the young person',
      'May 1, 2026',
      'November 1, 2026',
      'health care providers (any organisation of this kind)',
      'Example State Clearinghouse',
      'Recovery specialist',
      CONSENT_LIMIT_LINE.slice(0, 40),
    ])
      expect(text).toContain(expected);
  });

  it('shows a shared detail and leaves out one the consent does not share', async () => {
    const text = await textOf(await referralFormPdf(input(['first_name', 'languages'])));
    expect(text).toContain('Zorvina');
    expect(text).toContain('Tagalogx, Englishx');
    expect(text).not.toContain('Quelbrook');
    expect(text).not.toContain('Abscessx');
    expect(text).not.toContain('555-0199');
  });

  it('says so when the consent shares no personal detail', async () => {
    const text = await textOf(await referralFormPdf(input(['needs'])));
    expect(text).toContain('Dentalwork urgently');
    expect(text).not.toContain('Zorvina');
  });

  it('puts no personal detail on a referral made without consent', async () => {
    const { consent: _none, ...withoutConsent } = input(['first_name']);
    const text = await textOf(await referralFormPdf(withoutConsent));
    for (const marker of Object.values(MARKERS)) expect(text).not.toContain(marker);
    expect(text).toContain('No consent to share was recorded');
  });

  it('property: a detail is on the form exactly when the consent shares it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray([...SHAREABLE_DETAILS], { minLength: 1 }), async (shares) => {
        const text = await textOf(await referralFormPdf(input(shares)));
        for (const share of SHAREABLE_DETAILS) expect(text.includes(MARKERS[share]), share).toBe(shares.includes(share));
      }),
      { numRuns: 25 },
    );
  });

  it('draws text the standard fonts lack, and runs long notes onto another page', async () => {
    const long = {
      ...input(['medical_notes', 'full_name']),
      details: { ...details, fullName: 'Łucja Szőke Núñez 李', medicalNotes: 'word '.repeat(2500) },
    };
    const bytes = await referralFormPdf(long);
    const pages = await pdfPageTexts(bytes);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.join('\n')).toContain('?ucja Szoke Núñez ?');
    expect(pages.at(-1)).toContain(`of ${pages.length}`);
  });
});
