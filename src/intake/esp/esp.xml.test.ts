import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../core/validation.ts';
import { toCybertiplineXml } from '../export/index.ts';
import { reportInputSchema, type Report } from '../intake.schema.ts';
import { exampleReport, exampleReportXml } from './esp.schema.ts';
import { errorsInXml, labelled, parseBatchXml, parseReportXml } from './esp.xml.ts';

const rich = reportInputSchema.parse({
  incident: {
    type: 'child_sex_trafficking',
    description:
      'An ad offers a girl described as 16 for "dates" at a motel off I-44.\nThe same phone number appears in three ads & a chat.',
    occurredOn: '2026-02-14',
    escalationReason: 'The ad says she is available tonight.',
  },
  location: {
    address: '100 Example Road',
    city: 'Exampleton',
    state: 'OK',
    zip: '74103',
    details: 'Room on the second floor <near the ice machine>',
  },
  online: [
    {
      kind: 'web_page',
      identifier: 'https://classifieds.example/ad/90210',
      platform: 'Classifieds Example',
      details: 'Posted twice a day',
    },
    { kind: 'social_platform', platform: 'ExampleChat', identifier: 'user-48151623' },
    { kind: 'email', identifier: 'seller@mail.example' },
    { kind: 'phone_text', identifier: '918-555-0142', details: 'Texts only' },
    { kind: 'chat', platform: 'ExampleIM', identifier: 'im-user-7' },
  ],
  children: [
    {
      name: 'Tamsin Quorrel',
      approximateAge: 16,
      gender: 'female',
      missing: true,
      school: 'Example High School',
      currentLocation: 'Probably at the motel',
      description: 'Dark hair; a star tattoo on her wrist',
    },
    { approximateAge: 15 },
  ],
  persons: [
    {
      role: 'trafficker',
      name: 'Dorian Vale-Essen',
      approximateAge: 30,
      description: 'Drives her to the motel',
      identifiers: [
        { kind: 'phone', value: '918-555-0142' },
        { kind: 'email', value: 'seller@mail.example' },
        { kind: 'username', value: 'dv_main' },
        { kind: 'username', value: 'dv_alt' },
        { kind: 'url', value: 'https://social.example/dv' },
        { kind: 'other', value: 'Cash app tag $dv30' },
      ],
      vehicle: { plate: 'ABC1234', plateState: 'OK' },
    },
    { role: 'buyer', description: 'Older man seen twice' },
  ],
  reporter: {
    anonymous: false,
    name: 'Trust and Safety desk',
    email: 'safety@esp.example',
    phone: '918-555-0100',
    relationship: 'professional',
    consentToContact: true,
  },
  additionalInfo: 'Our case number 77-A.\n\nWe preserved the account.',
});

const exported = (report: Report) =>
  toCybertiplineXml([
    { reference: 'BCN-2026-000042', receivedAt: new Date('2026-03-02T15:04:05Z'), channel: 'esp', status: 'new', report },
  ]);

function reimport(report: Report): Report {
  const parsed = parseReportXml(exported(report));
  if (parsed.kind !== 'ok') throw new Error(JSON.stringify(parsed.errors));
  return reportInputSchema.parse(parsed.body);
}

describe('XML in the CyberTipline shape', () => {
  it('gives back the same report that was exported', () => {
    expect(reimport(rich)).toEqual(rich);
  });

  it('gives back an anonymous report without a date, an "other" incident, and a person with only a plate state', () => {
    const bare = reportInputSchema.parse({
      incident: { type: 'other', description: 'Someone online keeps asking a 13-year-old for photos.' },
      children: [{ approximateAge: 13 }],
      persons: [{ vehicle: { plateState: 'TX' } }],
    });
    expect(reimport(bare)).toEqual(bare);
  });

  it('takes the vehicle words it cannot split into make and model as the person’s description', () => {
    const withCar = reportInputSchema.parse({
      ...rich,
      persons: [{ role: 'buyer', vehicle: { colour: 'blue', make: 'Ford', model: 'Focus', plate: 'XYZ987' } }],
    });
    expect(reimport(withCar).persons).toEqual([
      { role: 'buyer', description: 'Vehicle: blue Ford Focus', vehicle: { plate: 'XYZ987' } },
    ]);
  });

  it('reads the documented example as the documented JSON example', () => {
    const parsed = parseReportXml(exampleReportXml);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(reportInputSchema.parse(parsed.body)).toEqual(reportInputSchema.parse(exampleReport));
  });

  it('takes an ESP’s own plain text as the account of what happened', () => {
    const xml = `<report><incidentSummary><incidentType>Child Sex Trafficking</incidentType><incidentDateTime>2026-01-05T21:15:00-06:00</incidentDateTime></incidentSummary>
      <internetDetails><emailIncident><emailAddress>seller@mail.example</emailAddress></emailIncident></internetDetails>
      <additionalInfo>A user sent our abuse desk screenshots of an ad &amp; a price list.</additionalInfo></report>`;
    const parsed = parseReportXml(xml);
    if (parsed.kind !== 'ok') throw new Error('not ok');
    expect(reportInputSchema.parse(parsed.body)).toMatchObject({
      incident: {
        type: 'child_sex_trafficking',
        occurredOn: '2026-01-05',
        description: 'A user sent our abuse desk screenshots of an ad & a price list.',
      },
      online: [{ kind: 'email', identifier: 'seller@mail.example' }],
      reporter: { anonymous: true },
    });
  });

  it('names the element of a value the schema refuses', () => {
    const xml = exported(rich)
      .replace('<age>16</age>', '<age>sixteen</age>')
      .replace('<zipCode>74103</zipCode>', '<zipCode>7410</zipCode>');
    const parsed = parseReportXml(xml);
    if (parsed.kind !== 'ok') throw new Error('not ok');
    const result = reportInputSchema.safeParse(parsed.body, { reportInput: true });
    expect(result.success).toBe(false);
    if (result.success) return;
    const paths = errorsInXml(fieldErrors(result.error, 'en'), parsed.xmlPathOf).map((e) => e.path);
    expect(paths).toContain('report/victim[1]/victimPerson/age');
    expect(paths).toContain('report/internetDetails[1]/nonInternetIncident/incidentAddress/zipCode');
  });

  it('names elements it does not take', () => {
    const files = parseReportXml(
      '<report><additionalInfo>Something happened to a child online.</additionalInfo><fileDetails/><lawEnforcement/></report>',
    );
    expect(files).toMatchObject({ kind: 'invalid', errors: [{ path: 'report/fileDetails' }, { path: 'report/lawEnforcement' }] });
    const p2p = parseReportXml('<report><internetDetails><peer2peerIncident/></internetDetails></report>');
    expect(p2p).toMatchObject({ kind: 'invalid', errors: [{ path: 'report/internetDetails[1]/peer2peerIncident' }] });
  });

  it('refuses what is not one well-formed report', () => {
    expect(parseReportXml('<report><a></report>')).toMatchObject({ kind: 'invalid', errors: [{ path: 'body' }] });
    expect(parseReportXml('<tip/>')).toMatchObject({
      kind: 'invalid',
      errors: [{ path: 'body', message: 'must have <report> as its root element' }],
    });
    expect(parseReportXml('<reports><report/><report/></reports>')).toMatchObject({
      kind: 'invalid',
      errors: [{ path: 'reports' }],
    });
    expect(parseReportXml('')).toMatchObject({ kind: 'invalid', errors: [{ path: 'body' }] });
  });

  it('refuses element names that could reach object prototypes', () => {
    for (const name of ['__proto__', 'constructor']) {
      expect(parseReportXml(`<report><${name}><polluted>1</polluted></${name}></report>`)).toEqual({
        kind: 'invalid',
        errors: [{ path: 'body', message: 'uses an element or attribute name that is not accepted' }],
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('XML attacks', () => {
  it('refuses an external entity (XXE) without reading it', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE report [<!ENTITY secret SYSTEM "file:///etc/passwd">]><report><additionalInfo>&secret;</additionalInfo></report>';
    const parsed = parseReportXml(xxe);
    expect(parsed).toEqual({
      kind: 'invalid',
      errors: [{ path: 'body', message: 'must not contain a DOCTYPE or entity declarations' }],
    });
    expect(JSON.stringify(parsed)).not.toContain('root:');
  });

  it('refuses entity expansion (billion laughs)', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><report><additionalInfo>&lol9;</additionalInfo></report>`;
    expect(parseReportXml(bomb)).toMatchObject({ kind: 'invalid', errors: [{ path: 'body' }] });
    // An undeclared entity stays text; it never reaches a DTD.
    const undeclared = parseReportXml(
      '<report><additionalInfo>Ten words about &lol9; and a child online.</additionalInfo></report>',
    );
    expect(undeclared).toMatchObject({
      kind: 'ok',
      body: { incident: { description: 'Ten words about &lol9; and a child online.' } },
    });
  });
});

describe('batch XML', () => {
  it('reads each report with its key', () => {
    const xml = `<reports><report key="k-1"><additionalInfo>Something happened to a child online.</additionalInfo></report><report><bogus/></report></reports>`;
    const parsed = parseBatchXml(xml);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.items[0]).toMatchObject({ key: 'k-1', report: { kind: 'ok' } });
    expect(parsed.items[1]).toMatchObject({
      key: undefined,
      report: { kind: 'invalid', errors: [{ path: 'reports/report[2]/bogus' }] },
    });
  });
});

describe('labelled lines', () => {
  it('reads labels, continuation lines and free text before them', () => {
    const l = labelled('Our note\n\nKind: Web page\nDetails: line one\nline two\nKind: again', ['Kind', 'Details']);
    expect(l.free).toBe('Our note');
    expect(l.one('Details')).toBe('line one\nline two');
    expect(l.all('Kind')).toEqual(['Web page', 'again']);
  });
});

describe('XML input under random data', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `<report><additionalInfo>${s}</additionalInfo></report>`),
        ),
        (text) => {
          expect(['ok', 'invalid']).toContain(parseReportXml(text).kind);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives back single-line descriptions and names with any characters', () => {
    const line = fc
      .string({ minLength: 10, maxLength: 200 })
      .map((s) => s.replace(/[\r\n]/g, ' ').trim())
      .filter((s) => s.length >= 10);
    fc.assert(
      fc.property(
        line,
        fc
          .string({ minLength: 1, maxLength: 50 })
          .map((s) => s.replace(/[\r\n]/g, ' ').trim())
          .filter((s) => s !== ''),
        (description, name) => {
          const r = reportInputSchema.safeParse({ incident: { description }, children: [{ name }] });
          fc.pre(r.success);
          if (r.success) expect(reimport(r.data)).toEqual(r.data);
        },
      ),
      { numRuns: 200 },
    );
  });
});
