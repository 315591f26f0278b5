import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Report } from '../intake.schema.ts';
import type { ExportedFile, ExportedReport } from './export.types.ts';
import { identifierKindText, lines, onlineKindText, roleText, splitName, vehicleText, yesNo } from './export.text.ts';

/**
 * Tips in the element structure of the CyberTipline reporting API (docs/export.md has the mapping),
 * so a clearinghouse can forward them to the national tipline. Element order follows the tipline's
 * sequences. Text is added as text nodes only (the builder escapes it); characters XML 1.0 cannot
 * carry become U+FFFD rather than breaking the document.
 */

const INCIDENT_TYPES: Record<string, string> = {
  child_sex_trafficking: 'Child Sex Trafficking',
  child_sex_tourism: 'Child Sex Tourism',
  online_enticement: 'Online Enticement of Children for Sexual Acts',
  // The tipline has no "other"; an analyst picks one of its types before submitting (docs/export.md).
  other: 'Other',
};

export const cybertiplineIncidentType = (type: string): string => INCIDENT_TYPES[type] ?? type;

/**
 * xmlbuilder2 leaves anything shaped like an entity (`&amp;`, `&x;`, `&#60;`) unescaped, which would
 * change the text or reference an undeclared entity; escaping every `&` first makes all of it text.
 */
const asText = (value: string | number) => String(value).replace(/&/g, '&amp;');

/** Adds `<name>text</name>` only when there is something to say. */
function leaf(parent: XMLBuilder, name: string, value: string | number | undefined, attrs?: Record<string, string>): void {
  if (value === undefined || value === '') return;
  parent.ele(name, attrs).txt(asText(value));
}

const isWebAddress = (text: string) => /^https?:\/\/\S+$/i.test(text);

const paragraphs = (...parts: (string | undefined)[]): string | undefined => {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length === 0 ? undefined : kept.join('\n\n');
};

function incidentSummary(report: XMLBuilder, tip: ExportedReport): void {
  const { incident } = tip.report;
  const summary = report.ele('incidentSummary');
  leaf(summary, 'incidentType', cybertiplineIncidentType(incident.type));
  leaf(summary, 'escalateToHighPriority', incident.escalationReason);
  if (incident.occurredOn !== undefined) {
    leaf(summary, 'incidentDateTime', `${incident.occurredOn}T00:00:00Z`);
    leaf(summary, 'incidentDateTimeDescription', `The reporter gave the date ${incident.occurredOn} without a time.`);
  } else {
    leaf(summary, 'incidentDateTime', tip.receivedAt.toISOString());
    leaf(summary, 'incidentDateTimeDescription', 'The reporter gave no date; this is when the clearinghouse received the tip.');
  }
}

type Online = NonNullable<Report['online']>[number];

function internetDetail(report: XMLBuilder, place: Online): void {
  const details = report.ele('internetDetails');
  const info = (identifierElsewhere: boolean) =>
    lines([
      ['Kind', onlineKindText(place.kind)],
      ['Platform', place.platform],
      ['Identifier', identifierElsewhere ? undefined : place.identifier],
      ['Details', place.details],
    ]);
  switch (place.kind) {
    case 'email': {
      const e = details.ele('emailIncident');
      leaf(e, 'emailAddress', place.identifier);
      leaf(e, 'additionalInfo', info(true));
      return;
    }
    case 'phone_text': {
      const e = details.ele('cellPhoneIncident');
      leaf(e, 'phoneNumber', place.identifier);
      leaf(e, 'additionalInfo', info(true));
      return;
    }
    case 'chat': {
      const e = details.ele('chatImIncident');
      leaf(e, 'chatClient', place.platform);
      leaf(e, 'additionalInfo', info(false));
      return;
    }
    case 'web_page':
    case 'social_platform':
    case 'other': {
      const e = details.ele('webPageIncident');
      const url = isWebAddress(place.identifier);
      if (url) leaf(e, 'url', place.identifier);
      leaf(e, 'additionalInfo', info(url));
      return;
    }
  }
}

function physicalPlace(report: XMLBuilder, location: Report['location']): void {
  if (location === undefined) return;
  const { address, city, state, zip, details } = location;
  if ([address, city, state, zip, details].every((v) => v === undefined || v === '')) return;
  const e = report.ele('internetDetails').ele('nonInternetIncident');
  if ([address, city, state, zip].some((v) => v !== undefined && v !== '')) {
    const a = e.ele('incidentAddress');
    leaf(a, 'address', address);
    leaf(a, 'city', city);
    leaf(a, 'zipCode', zip);
    leaf(a, 'state', state);
    leaf(a, 'country', 'US');
  }
  leaf(e, 'additionalInfo', details);
}

function reporter(report: XMLBuilder, r: Report['reporter']): void {
  const person = report.ele('reporter').ele('reportingPerson');
  if (r.anonymous) return;
  const { firstName, lastName } = splitName(r.name);
  leaf(person, 'firstName', firstName);
  leaf(person, 'lastName', lastName);
  leaf(person, 'phone', r.phone);
  leaf(person, 'email', r.email);
}

type Person = NonNullable<Report['persons']>[number];

function personReported(report: XMLBuilder, p: Person): void {
  const e = report.ele('personOrUserReported');
  const ids = p.identifiers ?? [];
  const of = (kind: string) => ids.filter((i) => i.kind === kind).map((i) => i.value);
  const phones = of('phone');
  const emails = of('email');
  const usernames = of('username');
  const urls = of('url');
  const { firstName, lastName } = splitName(p.name);
  if (firstName !== undefined || phones.length > 0 || emails.length > 0 || p.approximateAge !== undefined) {
    const person = e.ele('personOrUserReportedPerson');
    leaf(person, 'firstName', firstName);
    leaf(person, 'lastName', lastName);
    for (const phone of phones) leaf(person, 'phone', phone);
    for (const email of emails) leaf(person, 'email', email);
    leaf(person, 'age', p.approximateAge);
  }
  const vehicle = vehicleText(p.vehicle);
  leaf(e, 'vehicleDescription', vehicle === undefined ? undefined : vehicle.slice(0, 300));
  leaf(e, 'screenName', usernames[0]);
  for (const url of urls) leaf(e, 'profileUrl', url);
  const others = ids.filter((i) => i.kind === 'other').map((i) => `${identifierKindText(i.kind)}: ${i.value}`);
  const moreUsernames = usernames.slice(1).map((u) => `Also uses the username: ${u}`);
  leaf(
    e,
    'additionalInfo',
    paragraphs(
      lines([
        ['Role', roleText(p.role)],
        ['Name as given', p.name],
        ['Age', p.approximateAge === undefined ? undefined : `about ${p.approximateAge} (approximate)`],
        ['Description', p.description],
      ]),
      [...moreUsernames, ...others].join('\n'),
    ),
  );
}

type Child = NonNullable<Report['children']>[number];

function victim(report: XMLBuilder, c: Child): void {
  const e = report.ele('victim');
  const person = e.ele('victimPerson');
  const { firstName, lastName } = splitName(c.name);
  leaf(person, 'firstName', firstName);
  leaf(person, 'lastName', lastName);
  leaf(person, 'age', c.approximateAge);
  leaf(e, 'schoolName', c.school);
  leaf(
    e,
    'additionalInfo',
    lines([
      ['Name as given', c.name],
      ['Age', c.approximateAge === undefined ? undefined : `about ${c.approximateAge} (approximate)`],
      ['Gender', c.gender],
      ['Missing', yesNo(c.missing)],
      ['Where the child is now', c.currentLocation],
      ['Description', c.description],
    ]),
  );
}

function reportInfo(tip: ExportedReport): string | undefined {
  const r = tip.report.reporter;
  return paragraphs(
    tip.report.additionalInfo,
    lines([
      ['Clearinghouse reference', tip.reference],
      ['Received', tip.receivedAt.toISOString()],
      ['Received through', tip.channel],
      ['What was seen or heard', tip.report.incident.description],
      ['Reporter', r.anonymous ? 'chose to stay anonymous' : undefined],
      ['Reporter name as given', r.anonymous ? undefined : r.name],
      ['Reporter relationship to the child', r.relationship],
      ['Reporter agrees to be contacted', r.anonymous ? undefined : yesNo(r.consentToContact)],
    ]),
  );
}

function fileDetails(report: XMLBuilder, f: ExportedFile): void {
  const e = report.ele('fileDetails');
  leaf(e, 'originalFileName', f.fileName);
  leaf(e, 'originalFileHash', f.sha256, { hashType: 'SHA256' });
  leaf(e, 'originalFileHash', f.md5, { hashType: 'MD5' });
  const exif = Object.entries(f.exif ?? {});
  if (exif.length > 0) {
    const d = e.ele('details', { type: 'EXIF' });
    for (const [name, value] of exif) {
      const pair = d.ele('nameValuePair');
      leaf(pair, 'name', name.slice(0, 64));
      pair.ele('value').txt(asText(value));
    }
  }
  leaf(e, 'additionalInfo', `Size: ${f.size} bytes`);
  leaf(e, 'additionalInfo', `Type: ${f.mimeType}`);
}

function addReport(root: XMLBuilder, tip: ExportedReport): void {
  const report = root.ele('report');
  incidentSummary(report, tip);
  physicalPlace(report, tip.report.location);
  for (const place of tip.report.online ?? []) internetDetail(report, place);
  reporter(report, tip.report.reporter);
  for (const p of tip.report.persons ?? []) personReported(report, p);
  for (const c of tip.report.children ?? []) victim(report, c);
  leaf(report, 'additionalInfo', reportInfo(tip));
  for (const f of tip.files ?? []) fileDetails(report, f);
}

export function toCybertiplineXml(reports: readonly ExportedReport[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }).ele('reports', {
    generator: 'Beacon',
    count: String(reports.length),
  });
  for (const tip of reports) addReport(root, tip);
  return root.end({ prettyPrint: true });
}
