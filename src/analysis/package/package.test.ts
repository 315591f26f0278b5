import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfPageTexts as pageTexts } from '../../../test/pdf.ts';
import { leadPackageJson, leadPackageXml } from './bundle.ts';
import { HANDLING_NOTICE, type LeadPackage } from './package.types.ts';
import { renderLeadPackagePdf, wrapText } from './pdf.ts';
import { isWinAnsi, toWinAnsi } from './winansi.ts';

const pkg: LeadPackage = {
  reference: 'REF-2026-000042',
  tipReference: 'TIP-2026-000777',
  createdAt: new Date('2026-11-20T10:00:00Z'),
  referredAt: new Date('2026-11-20T11:30:00Z'),
  urgency: [{ rule: 'child_in_danger_now', explanation: 'The tip says the child is with the adult tonight.' }],
  incident: {
    type: 'child_sex_trafficking',
    occurredOn: '2026-11-18',
    summary: 'A synthetic summary of what the reporter saw at a motel.',
  },
  places: [{ label: 'Motel', address: '100 Example Road', city: 'Tulsa', county: 'Tulsa', state: 'OK', zip: '74103' }],
  children: [{ approximateAge: 15, gender: 'female', description: 'Synthetic: short dark hair, red jacket.' }],
  persons: [{ role: 'trafficker', name: 'Synthetic Adult Example', approximateAge: 30 }],
  identifiers: [
    { kind: 'phone', value: '+1 918 555 0142' },
    { kind: 'username', value: 'synthetic_user_1', obfuscated: true },
  ],
  linkedItems: [{ kind: 'advert', reference: 'AD-2026-000010', reason: 'Same phone number' }],
  analystSummary: 'Synthetic analyst summary: refer to the city police.',
  receivingAgency: {
    code: 'OK-TULSA-PD',
    name: 'Tulsa Police Department (demo)',
    kind: 'law_enforcement',
    phone: '+19185550101',
    email: 'ok-tulsa-pd@example.org',
  },
  referringAnalyst: 'Demo analyst',
  handlingNotice: HANDLING_NOTICE,
};

describe('renderLeadPackagePdf', () => {
  it('parses back, with the reference, the agency and the handling notice on the page', async () => {
    const bytes = await renderLeadPackagePdf(pkg);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(0);
    expect(doc.getTitle()).toBe('Lead package REF-2026-000042');
    const [first] = await pageTexts(bytes);
    expect(first).toContain('Lead package REF-2026-000042');
    expect(first).toContain('Tulsa Police Department (demo)');
    expect(first).toContain(HANDLING_NOTICE);
    expect(first).toContain('(written in disguise in the tip)');
    expect(first).toContain('Motel: 100 Example Road, Tulsa, Tulsa County, OK, 74103');
    expect(first).not.toContain('original text');
  });

  it('survives hostile text: emoji, Chinese, RTL, control characters, a 10,000-character narrative', async () => {
    const hostile =
      '👩‍👧 儿童 طفل \u202Eevil\u202C \u0000\u0007\u001b[31m \uD800 lone ﬁ Ωmega Zürich ő\t\r\n<script>alert(1)</script>';
    const bytes = await renderLeadPackagePdf({
      ...pkg,
      reference: `REF-${hostile}`,
      incident: { ...pkg.incident, summary: `${'word '.repeat(1_000)}${'x'.repeat(10_000)}` },
      analystSummary: hostile.repeat(50),
      identifiers: Array.from({ length: 300 }, (_, i) => ({ kind: 'url', value: `https://example.org/${hostile}/${i}` })),
      persons: [{ name: hostile, description: hostile }],
      handlingNotice: `${HANDLING_NOTICE} ${hostile}`,
    });
    const texts = await pageTexts(bytes);
    expect(texts.length).toBeGreaterThan(3);
    // Every page carries the notice and its page number.
    texts.forEach((t, i) => {
      expect(t).toContain(HANDLING_NOTICE);
      expect(t).toContain(`Page ${i + 1} of ${texts.length}`);
    });
    const all = texts.join('\n');
    expect(all).toContain('Zürich');
    expect(all).toContain('the JSON and XML files of this package hold the original text');
    expect(all).toContain('fi Ωmega'.replace('Ω', '?'));
    expect([...all].filter((c) => c !== '\n' && c.charCodeAt(0) < 0x20)).toEqual([]);
  });

  it('renders a package with nothing optional', async () => {
    const bytes = await renderLeadPackagePdf({
      ...pkg,
      tipReference: undefined,
      urgency: [],
      places: [],
      children: [],
      persons: [],
      identifiers: [],
      linkedItems: [],
      analystSummary: '',
    });
    expect((await pageTexts(bytes)).join('\n')).toContain('Nothing linked.');
  });
});

describe('text for the standard fonts', () => {
  it('keeps Windows-1252 text, strips accents it lacks, and replaces the rest', () => {
    expect(toWinAnsi('Café “quoted” – €5')).toBe('Café “quoted” – €5');
    expect(toWinAnsi('Łódź ő')).toBe('?ódz o');
    expect(toWinAnsi('a👍🏽b 儿\u200Fc\u0000d')).toBe('a??b ?cd');
    expect([...toWinAnsi('\uD800 \uDFFF 𝒳 ①')].every((c) => c === '\n' || isWinAnsi(c.codePointAt(0)!))).toBe(true);
  });

  it('wraps to the width, cutting words longer than a line', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const lines = wrapText(`short words here\n${'y'.repeat(500)}`, font, 10, 200);
    expect(lines[0]).toBe('short words here');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(200);
    expect(lines.slice(1).join('')).toBe('y'.repeat(500));
  });
});

describe('leadPackageJson', () => {
  it('carries every field, with a format marker and ISO dates', () => {
    const parsed = JSON.parse(leadPackageJson(pkg)) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      format: 'beacon.lead-package',
      version: 1,
      reference: 'REF-2026-000042',
      referredAt: '2026-11-20T11:30:00.000Z',
    });
    expect(parsed.identifiers).toEqual(pkg.identifiers);
  });
});

describe('leadPackageXml', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

  it('is well-formed and uses the tipline export element names', () => {
    const xml = leadPackageXml(pkg);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml).leadPackage;
    expect(doc.reference).toBe('REF-2026-000042');
    expect(doc.incidentSummary.incidentType).toBe('child_sex_trafficking');
    expect(doc.victim.victimPerson.age).toBe('15');
    expect(doc.places.nonInternetIncident.incidentAddress.city).toBe('Tulsa');
    expect(doc.identifiers.identifier[1]).toEqual({ '#text': 'synthetic_user_1', '@kind': 'username', '@obfuscated': 'true' });
    expect(doc.receivingAgency['@code']).toBe('OK-TULSA-PD');
  });

  it('escapes markup and entities in text and attributes, and replaces characters XML cannot carry', () => {
    const evil = '<script>alert("x")</script> &amp; &lt; & \u0000\u0008 👍';
    const xml = leadPackageXml({
      ...pkg,
      analystSummary: evil,
      linkedItems: [{ kind: 'report', reference: evil, reason: evil }],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script>');
    const doc = parser.parse(xml).leadPackage;
    const kept = '<script>alert("x")</script> &amp; &lt; & \uFFFD\uFFFD 👍';
    expect(doc.analystSummary).toBe(kept);
    expect(doc.linkedItems.linkedItem['@reference']).toBe(kept);
  });
});

describe('the PDF for people', () => {
  it('writes words and local dates, not raw codes and machine timestamps', async () => {
    const [first] = await pageTexts(await renderLeadPackagePdf(pkg, { timeZone: 'America/Chicago' }));
    expect(first).toContain('Type: Child sex trafficking | Happened on: November 18, 2026');
    expect(first).toContain('Created: November 20, 2026, 4:00 AM CST | Referred: November 20, 2026, 5:30 AM CST');
    expect(first).toContain('about 15 years old; female');
    expect(first).toContain('Possible trafficker; Synthetic Adult Example');
    expect(first).toContain('Phone: +1 918 555 0142');
    expect(first).not.toMatch(/child_sex_trafficking|2026-11-20T|law_enforcement|\bphone:/);
  });
});
