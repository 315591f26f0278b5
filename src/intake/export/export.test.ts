import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { reportInputSchema } from '../intake.schema.ts';
import { neutraliseFormula, toCsv, toCybertiplineXml, toJson, type ExportedReport } from './index.ts';

const full: ExportedReport = {
  reference: 'BCN-2026-000042',
  receivedAt: new Date('2026-03-04T14:05:00Z'),
  channel: 'web_form',
  status: 'new',
  report: reportInputSchema.parse({
    incident: {
      type: 'online_enticement',
      description: 'An adult messages a 14-year-old on a game chat and asks to meet at the bus station.',
      occurredOn: '2026-03-01',
      escalationReason: 'They plan to meet on Friday.',
    },
    location: { address: '100 Example Street', city: 'Tulsa', state: 'OK', zip: '74103', details: 'Bus station, north door' },
    online: [
      { kind: 'web_page', identifier: 'https://ads.example.test/listing/1', details: 'An advert' },
      { kind: 'chat', platform: 'GameChat', identifier: 'kid_hunter_99' },
      { kind: 'email', identifier: 'seller@example.test' },
      { kind: 'phone_text', identifier: '+1 918 555 0100' },
      { kind: 'social_platform', platform: 'Photo app', identifier: 'not-a-url-handle' },
    ],
    children: [
      {
        name: 'Jamie Example',
        approximateAge: 14,
        gender: 'female',
        missing: true,
        school: 'Example Middle School',
        currentLocation: 'With an aunt in Tulsa',
      },
    ],
    persons: [
      {
        role: 'trafficker',
        name: 'Pat Q Example',
        approximateAge: 35,
        description: 'Tall, beard',
        identifiers: [
          { kind: 'phone', value: '+1 918 555 0199' },
          { kind: 'email', value: 'pat@example.test' },
          { kind: 'username', value: 'patq' },
          { kind: 'username', value: 'patq2' },
          { kind: 'url', value: 'https://social.example.test/patq' },
          { kind: 'other', value: 'payment handle $patq' },
        ],
        vehicle: { make: 'Ford', model: 'Focus', colour: 'blue', plate: 'ABC1234', plateState: 'OK' },
      },
    ],
    reporter: {
      anonymous: false,
      name: 'Robin Reporter',
      email: 'robin@example.test',
      phone: '+1 918 555 0111',
      relationship: 'professional',
      consentToContact: true,
    },
    additionalInfo: 'The school counsellor knows.',
  }),
  files: [
    {
      fileName: 'chat.png',
      sha256: 'a'.repeat(64),
      md5: 'b'.repeat(32),
      size: 2048,
      mimeType: 'image/png',
      exif: { GPSLatitude: 36.15, Model: 'Phone' },
    },
  ],
};

const anonymous: ExportedReport = {
  reference: 'BCN-2026-000043',
  receivedAt: new Date('2026-03-05T10:00:00Z'),
  channel: 'api',
  status: 'new',
  report: reportInputSchema.parse({
    incident: { type: 'other', description: 'Something is wrong at the house on the corner.' },
    location: { city: 'Norman', state: 'OK' },
  }),
};

type Node = Record<string, unknown>;
/** Parses the XML back into plain objects (xmlbuilder2 reads what it wrote). */
const parse = (xml: string) => create(xml).end({ format: 'object' }) as unknown as { reports: Node & { report: Node | Node[] } };
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('toCybertiplineXml', () => {
  it('writes one report a tip with the tipline’s element names', () => {
    const doc = parse(toCybertiplineXml([full, anonymous]));
    const reports = asList(doc.reports.report);
    expect(reports).toHaveLength(2);
    const r = reports[0]! as Record<string, Node & Node[]>;
    expect(Object.keys(r)).toEqual([
      'incidentSummary',
      'internetDetails',
      'reporter',
      'personOrUserReported',
      'victim',
      'additionalInfo',
      'fileDetails',
    ]);
    expect(r.incidentSummary).toEqual({
      incidentType: 'Online Enticement of Children for Sexual Acts',
      escalateToHighPriority: 'They plan to meet on Friday.',
      incidentDateTime: '2026-03-01T00:00:00Z',
      incidentDateTimeDescription: 'The reporter gave the date 2026-03-01 without a time.',
    });
  });

  it('maps the place and every online place to internetDetails', () => {
    const r = asList(parse(toCybertiplineXml([full])).reports.report)[0]! as Record<string, unknown>;
    const details = asList(r.internetDetails as Node[]);
    expect(details).toHaveLength(6);
    expect(details[0]).toEqual({
      nonInternetIncident: {
        incidentAddress: { address: '100 Example Street', city: 'Tulsa', zipCode: '74103', state: 'OK', country: 'US' },
        additionalInfo: 'Bus station, north door',
      },
    });
    expect(details[1]).toMatchObject({ webPageIncident: { url: 'https://ads.example.test/listing/1' } });
    expect(details[2]).toMatchObject({ chatImIncident: { chatClient: 'GameChat' } });
    expect((details[2]!.chatImIncident as Node).additionalInfo).toContain('Identifier: kid_hunter_99');
    expect(details[3]).toMatchObject({ emailIncident: { emailAddress: 'seller@example.test' } });
    expect(details[4]).toMatchObject({ cellPhoneIncident: { phoneNumber: '+1 918 555 0100' } });
    expect(details[5]!.webPageIncident).not.toHaveProperty('url');
    expect((details[5]!.webPageIncident as Node).additionalInfo).toContain('Identifier: not-a-url-handle');
  });

  it('maps the reporter, the person reported, the child and the files', () => {
    const r = asList(parse(toCybertiplineXml([full])).reports.report)[0]! as Record<string, Node>;
    expect(r.reporter).toEqual({
      reportingPerson: { firstName: 'Robin', lastName: 'Reporter', phone: '+1 918 555 0111', email: 'robin@example.test' },
    });
    const p = r.personOrUserReported!;
    expect(p.personOrUserReportedPerson).toEqual({
      firstName: 'Pat Q',
      lastName: 'Example',
      phone: '+1 918 555 0199',
      email: 'pat@example.test',
      age: '35',
    });
    expect(p.vehicleDescription).toBe('blue Ford Focus, plate ABC1234 (OK)');
    expect(p.screenName).toBe('patq');
    expect(p.profileUrl).toBe('https://social.example.test/patq');
    expect(p.additionalInfo).toContain('Role: Trafficker');
    expect(p.additionalInfo).toContain('patq2');
    expect(p.additionalInfo).toContain('payment handle $patq');
    expect(r.victim).toMatchObject({
      victimPerson: { firstName: 'Jamie', lastName: 'Example', age: '14' },
      schoolName: 'Example Middle School',
    });
    expect(r.victim!.additionalInfo).toContain('Missing: yes');
    expect(r.victim!.additionalInfo).toContain('Where the child is now: With an aunt in Tulsa');
    expect(r.additionalInfo).toContain('The school counsellor knows.');
    expect(r.additionalInfo).toContain('Clearinghouse reference: BCN-2026-000042');
    expect(r.additionalInfo).toContain('Reporter relationship to the child: professional');
    expect(r.fileDetails).toMatchObject({
      originalFileName: 'chat.png',
      originalFileHash: [
        { '@hashType': 'SHA256', '#': 'a'.repeat(64) },
        { '@hashType': 'MD5', '#': 'b'.repeat(32) },
      ],
      details: {
        '@type': 'EXIF',
        nameValuePair: [
          { name: 'GPSLatitude', value: '36.15' },
          { name: 'Model', value: 'Phone' },
        ],
      },
      additionalInfo: ['Size: 2048 bytes', 'Type: image/png'],
    });
  });

  it('leaves an anonymous reporter empty and dates an undated tip by its arrival', () => {
    const r = asList(parse(toCybertiplineXml([anonymous])).reports.report)[0]! as Record<string, Node>;
    expect(r.reporter).toEqual({ reportingPerson: {} });
    expect(r.incidentSummary).toMatchObject({ incidentType: 'Other', incidentDateTime: '2026-03-05T10:00:00.000Z' });
    expect(r.additionalInfo).toContain('Reporter: chose to stay anonymous');
    expect(r).not.toHaveProperty('victim');
    expect(r).not.toHaveProperty('personOrUserReported');
  });

  it('writes an empty document for no tips', () => {
    expect(parse(toCybertiplineXml([])).reports).toMatchObject({ '@count': '0' });
  });

  it('carries hostile text as text: markup, entities, CDATA ends and control characters', () => {
    const hostile = '<script>alert(1)</script>]]><!ENTITY x SYSTEM "file:///etc/passwd">&x;&amp;&#60;&#x3c;\u0000\u0007\uFFFF"\'';
    const tip: ExportedReport = {
      ...anonymous,
      report: reportInputSchema.parse({
        incident: { type: 'child_sex_trafficking', description: hostile },
        children: [{ name: hostile, description: hostile }],
        persons: [{ name: '</name><evil/>', identifiers: [{ kind: 'url', value: hostile }] }],
        additionalInfo: hostile,
      }),
    };
    const xml = toCybertiplineXml([tip]);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<evil/>');
    expect(xml).not.toContain('<!ENTITY');
    expect(xml).not.toContain('\u0000');
    // Every ampersand starts one of the five predefined entities: nothing undeclared, nothing double-read.
    expect(xml.match(/&(?!amp;|lt;|gt;|quot;|apos;)/g)).toBeNull();
    const r = asList(parse(xml).reports.report)[0]! as Record<string, Node>;
    expect(Object.keys(r)).toEqual(['incidentSummary', 'reporter', 'personOrUserReported', 'victim', 'additionalInfo']);
    // xmlbuilder2's object view re-escapes text and its reader decodes `&amp;#60;` twice, so read
    // the raw element and decode the five predefined entities in one pass, as a conforming parser does.
    const raw = (name: string) =>
      [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) =>
        m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!),
      );
    const expected = [...hostile].map((c) => (['\u0000', '\u0007', '\uFFFF'].includes(c) ? '\uFFFD' : c)).join('');
    expect(raw('profileUrl')).toEqual([expected]);
    expect(raw('firstName')[0]).toBe('</name><evil/>');
    expect(`${raw('firstName')[1]} ${raw('lastName')[0]}`).toBe(expected);
    expect(raw('additionalInfo').filter((t) => t.includes(`Description: ${expected}`))).toHaveLength(1);
    expect(raw('additionalInfo').filter((t) => t.startsWith(expected))).toHaveLength(1);
  });
});

describe('toJson', () => {
  it('keeps the whole model and escapes markup characters', () => {
    const tip = { ...anonymous, report: { ...anonymous.report, additionalInfo: '<img src=x onerror=alert(1)> & more' } };
    const text = toJson([full, tip]);
    expect(text).not.toMatch(/[<>&]/);
    const doc = JSON.parse(text);
    expect(doc.format).toBe('beacon.reports');
    expect(doc.reports[0].report).toEqual(JSON.parse(JSON.stringify(full.report)));
    expect(doc.reports[0].files[0].sha256).toBe('a'.repeat(64));
    expect(doc.reports[1].report.additionalInfo).toBe('<img src=x onerror=alert(1)> & more');
  });
});

/** A small reader for the CSV the builder writes (quoted fields, "" escapes, CRLF). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('toCsv', () => {
  it('writes a header and one row a tip, with a byte-order mark', () => {
    const text = toCsv([full, anonymous]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = readCsv(text.slice(1));
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    expect(first).toMatchObject({
      reference: 'BCN-2026-000042',
      city: 'Tulsa',
      reporter_name: 'Robin Reporter',
      incident_type_cybertipline: 'Online Enticement of Children for Sexual Acts',
    });
    expect(first.persons_reported).toContain('Vehicle: blue Ford Focus, plate ABC1234 (OK)');
    expect(first.children).toContain('School: Example Middle School');
    expect(first.files).toBe(`chat.png sha256:${'a'.repeat(64)}`);
  });

  it('turns cells a spreadsheet would run as formulas into text', () => {
    const attacks = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A2)', '\t=1', '=1'];
    for (const attack of attacks) expect(neutraliseFormula(attack)).toBe(`'${attack}`);
    expect(neutraliseFormula('A normal sentence = fine')).toBe('A normal sentence = fine');
    const tip: ExportedReport = {
      ...anonymous,
      report: reportInputSchema.parse({
        incident: { type: 'other', description: '=HYPERLINK("http://evil.example","Click me")' },
        location: { city: '+cmd|calc', details: "@SUM(1+1)*cmd|' /C calc'!A0" },
        additionalInfo: '-1+1',
      }),
    };
    const rows = readCsv(toCsv([tip]).slice(1));
    const cells = rows[1]!;
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const record = Object.fromEntries(rows[0]!.map((h, i) => [h, cells[i]]));
    expect(record.description).toBe('\'=HYPERLINK("http://evil.example","Click me")');
    expect(record.city).toBe("'+cmd|calc");
    expect(record.additional_info).toBe("'-1+1");
  });

  it('keeps commas, quotes and line breaks inside a cell', () => {
    const tip: ExportedReport = { ...anonymous, report: { ...anonymous.report, additionalInfo: 'a, "b"\r\nc' } };
    const rows = readCsv(toCsv([tip]).slice(1));
    const record = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(record.additional_info).toBe('a, "b"\r\nc');
  });
});
