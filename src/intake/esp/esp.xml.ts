import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FieldError } from '../../core/result.ts';
import { cybertiplineIncidentType } from '../export/index.ts';
import { identifierKindText, onlineKindText, roleText } from '../export/export.text.ts';
import { INCIDENT_TYPES, ONLINE_KINDS, PERSON_ROLES } from '../intake.schema.ts';

/**
 * Reports in the CyberTipline element structure, the same one the export writes
 * (src/intake/export/cybertipline-xml.ts, docs/export.md), turned into the intake model so the
 * same zod schema validates them. Values the export folds into `additionalInfo` as "Label: value"
 * lines are read back from those lines, so an exported tip comes back as the same tip.
 */

type Node = Record<string, unknown>;
type Json = Record<string, unknown>;

export type XmlReport =
  { kind: 'ok'; body: Json; xmlPathOf: (jsonPath: string) => string } | { kind: 'invalid'; errors: FieldError[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Only the five XML entities and character references; a DOCTYPE (the only way to declare more) is refused before parsing.
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

const invalid = (path: string, message: string): XmlReport => ({ kind: 'invalid', errors: [{ path, message }] });

/** Parses a document whose root is `<report>` (or `<reports>` holding exactly one). */
export function parseReportXml(text: string): XmlReport {
  const doc = parseDocument(text);
  if ('errors' in doc) return { kind: 'invalid', errors: doc.errors };
  const reports = doc.root === 'reports' ? all(doc.node, 'report') : [doc.node];
  if (reports.length !== 1)
    return invalid('reports', 'must hold exactly one report on this route; send several to /api/v1/esp/batch');
  return reportFromNode(reports[0]!, 'report');
}

/** A batch: `<reports>` holding `<report key="...">` elements. */
export function parseBatchXml(
  text: string,
): { kind: 'ok'; items: { key: string | undefined; report: XmlReport }[] } | { kind: 'invalid'; errors: FieldError[] } {
  const doc = parseDocument(text);
  if ('errors' in doc) return { kind: 'invalid', errors: doc.errors };
  if (doc.root !== 'reports')
    return { kind: 'invalid', errors: [{ path: doc.root, message: 'must be <reports> holding <report key="..."> elements' }] };
  const items = all(doc.node, 'report').map((node, i) => {
    const key = node['@_key'];
    return { key: typeof key === 'string' ? key : undefined, report: reportFromNode(node, `reports/report[${i + 1}]`) };
  });
  return { kind: 'ok', items };
}

function parseDocument(text: string): { root: string; node: Node } | { errors: FieldError[] } {
  // No DTD at all: no external entities (XXE) and no entity expansion (billion laughs).
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return { errors: [{ path: 'body', message: 'must not contain a DOCTYPE or entity declarations' }] };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { errors: [{ path: 'body', message: `is not well-formed XML (line ${valid.err.line ?? 1})` }] };
  let parsed: Node;
  try {
    parsed = parser.parse(text) as Node;
  } catch {
    // The parser refuses names such as __proto__ or constructor, which could reach object prototypes.
    return { errors: [{ path: 'body', message: 'uses an element or attribute name that is not accepted' }] };
  }
  const roots = Object.keys(parsed).filter((k) => !k.startsWith('?'));
  const root = roots[0];
  if (roots.length !== 1 || (root !== 'report' && root !== 'reports'))
    return { errors: [{ path: 'body', message: 'must have <report> as its root element' }] };
  const node = (parsed[root] as unknown[])[0];
  return { root, node: isNode(node) ? node : {} };
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function all(node: Node | undefined, name: string): Node[] {
  const v = node !== undefined && Object.hasOwn(node, name) ? node[name] : undefined;
  return Array.isArray(v) ? v.map((x) => (isNode(x) ? x : { '#text': x })) : [];
}

const first = (node: Node | undefined, name: string): Node | undefined => all(node, name)[0];

function textOf(node: Node | undefined): string | undefined {
  const t = node?.['#text'];
  return typeof t === 'string' && t !== '' ? t : typeof t === 'number' ? String(t) : undefined;
}

const leaf = (node: Node | undefined, name: string): string | undefined => textOf(first(node, name));

/** Collects the intake body and, for each value, the XML element it came from. */
class Builder {
  readonly body: Json = {};
  readonly origins = new Map<string, string>();

  set(path: (string | number)[], value: unknown, from: string): void {
    if (value === undefined) return;
    let at: Record<string | number, unknown> = this.body;
    for (const [i, key] of path.slice(0, -1).entries()) {
      at[key] ??= typeof path[i + 1] === 'number' ? [] : {};
      at = at[key] as Record<string | number, unknown>;
    }
    at[path.at(-1)!] = value;
    this.origins.set(path.join('.'), from);
  }

  origin(path: (string | number)[], from: string): void {
    this.origins.set(path.join('.'), from);
  }
}

const REPORT_CHILDREN = new Set([
  'incidentSummary',
  'internetDetails',
  'reporter',
  'personOrUserReported',
  'victim',
  'additionalInfo',
]);

function reportFromNode(report: Node, at: string): XmlReport {
  const b = new Builder();
  const errors: FieldError[] = [];
  for (const name of Object.keys(report)) {
    if (name.startsWith('@_') || name === '#text' || REPORT_CHILDREN.has(name)) continue;
    const hint =
      name === 'fileDetails'
        ? 'upload files to /api/v1/esp/reports/{id}/files instead'
        : `is not accepted; use ${[...REPORT_CHILDREN].join(', ')}`;
    errors.push({ path: `${at}/${name}`, message: hint });
  }
  b.origin(['incident'], `${at}/incidentSummary`);
  b.origin(['incident', 'description'], `${at}/additionalInfo`);
  b.origin(['reporter'], `${at}/reporter`);
  b.origin(['location'], at);
  incidentSummary(b, first(report, 'incidentSummary'), `${at}/incidentSummary`);
  errors.push(...internetDetails(b, all(report, 'internetDetails'), at));
  const info = labelled(leaf(report, 'additionalInfo'), REPORT_LABELS);
  reportInfo(b, info, `${at}/additionalInfo`);
  reporter(b, first(first(report, 'reporter'), 'reportingPerson'), info, at);
  all(report, 'personOrUserReported').forEach((p, i) => personReported(b, p, i, `${at}/personOrUserReported[${i + 1}]`));
  all(report, 'victim').forEach((v, i) => victim(b, v, i, `${at}/victim[${i + 1}]`));
  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'ok', body: b.body, xmlPathOf: (path) => xmlPathOf(b.origins, path, at) };
}

/** The element a JSON path's value came from, or the nearest enclosing one. */
function xmlPathOf(origins: Map<string, string>, jsonPath: string, fallback: string): string {
  const parts = jsonPath.split('.');
  for (let n = parts.length; n > 0; n--) {
    const found = origins.get(parts.slice(0, n).join('.'));
    if (found !== undefined) return found;
  }
  return fallback;
}

/** Maps errors from the intake schema (JSON paths) to the elements they came from. */
export function errorsInXml(errors: readonly FieldError[], xmlPathOf: (jsonPath: string) => string): FieldError[] {
  return errors.map((e) => ({ path: xmlPathOf(e.path), message: e.message }));
}

const INCIDENT_BY_TEXT = new Map(INCIDENT_TYPES.map((t) => [cybertiplineIncidentType(t).toLowerCase(), t]));

function incidentSummary(b: Builder, summary: Node | undefined, at: string): void {
  const type = leaf(summary, 'incidentType');
  // Beacon's own value, or the tipline's wording; anything else goes through for the schema to name.
  const known =
    type === undefined
      ? undefined
      : (INCIDENT_TYPES as readonly string[]).includes(type)
        ? type
        : INCIDENT_BY_TEXT.get(type.toLowerCase());
  b.set(['incident', 'type'], known ?? type, `${at}/incidentType`);
  b.set(['incident', 'escalationReason'], leaf(summary, 'escalateToHighPriority'), `${at}/escalateToHighPriority`);
  const when = leaf(summary, 'incidentDateTime');
  // The export writes the arrival time when the reporter gave no date, and says so.
  const noDate = leaf(summary, 'incidentDateTimeDescription')?.startsWith('The reporter gave no date') ?? false;
  if (when !== undefined && !noDate)
    b.set(['incident', 'occurredOn'], /^\d{4}-\d{2}-\d{2}/.test(when) ? when.slice(0, 10) : when, `${at}/incidentDateTime`);
}

const ONLINE_ELEMENTS: Readonly<Record<string, { kind: string; identifier?: string }>> = {
  webPageIncident: { kind: 'web_page', identifier: 'url' },
  emailIncident: { kind: 'email', identifier: 'emailAddress' },
  cellPhoneIncident: { kind: 'phone_text', identifier: 'phoneNumber' },
  chatImIncident: { kind: 'chat' },
};
const ONLINE_LABELS = ['Kind', 'Platform', 'Identifier', 'Details'];
const KIND_BY_TEXT = new Map(ONLINE_KINDS.map((k) => [onlineKindText(k), k]));

function internetDetails(b: Builder, details: Node[], at: string): FieldError[] {
  const errors: FieldError[] = [];
  let online = 0;
  let places = 0;
  details.forEach((d, i) => {
    const here = `${at}/internetDetails[${i + 1}]`;
    for (const name of Object.keys(d)) {
      if (name === 'nonInternetIncident') {
        places += 1;
        if (places > 1) errors.push({ path: `${here}/${name}`, message: 'may appear once: a report has one physical place' });
        else place(b, first(d, name), `${here}/${name}`);
      } else if (Object.hasOwn(ONLINE_ELEMENTS, name)) {
        onlinePlace(b, name, first(d, name), online, `${here}/${name}`);
        online += 1;
      } else if (!name.startsWith('@_') && name !== '#text') {
        errors.push({
          path: `${here}/${name}`,
          message: `is not accepted; use nonInternetIncident, ${Object.keys(ONLINE_ELEMENTS).join(', ')}`,
        });
      }
    }
  });
  return errors;
}

function place(b: Builder, e: Node | undefined, at: string): void {
  const address = first(e, 'incidentAddress');
  const a = `${at}/incidentAddress`;
  b.set(['location', 'address'], leaf(address, 'address'), `${a}/address`);
  b.set(['location', 'city'], leaf(address, 'city'), `${a}/city`);
  b.set(['location', 'zip'], leaf(address, 'zipCode'), `${a}/zipCode`);
  b.set(['location', 'state'], leaf(address, 'state'), `${a}/state`);
  b.set(['location', 'details'], leaf(e, 'additionalInfo'), `${at}/additionalInfo`);
}

function onlinePlace(b: Builder, element: string, e: Node | undefined, i: number, at: string): void {
  const shape = ONLINE_ELEMENTS[element]!;
  const info = labelled(leaf(e, 'additionalInfo'), ONLINE_LABELS);
  const infoAt = `${at}/additionalInfo`;
  const kindText = info.one('Kind');
  b.origin(['online', i], at);
  b.set(
    ['online', i, 'kind'],
    kindText === undefined ? shape.kind : (KIND_BY_TEXT.get(kindText) ?? kindText),
    kindText === undefined ? at : infoAt,
  );
  const ownIdentifier = shape.identifier === undefined ? undefined : leaf(e, shape.identifier);
  const identifierAt = ownIdentifier === undefined ? infoAt : `${at}/${shape.identifier}`;
  b.set(['online', i, 'identifier'], ownIdentifier ?? info.one('Identifier') ?? '', identifierAt);
  b.set(
    ['online', i, 'platform'],
    info.one('Platform') ?? (element === 'chatImIncident' ? leaf(e, 'chatClient') : undefined),
    infoAt,
  );
  b.set(['online', i, 'details'], joinText(info.free, info.one('Details')), infoAt);
}

const REPORT_LABELS = [
  'Clearinghouse reference',
  'Received',
  'Received through',
  'What was seen or heard',
  'Reporter',
  'Reporter name as given',
  'Reporter relationship to the child',
  'Reporter agrees to be contacted',
];

function reportInfo(b: Builder, info: Labelled, at: string): void {
  const description = info.one('What was seen or heard');
  // Without the export's label, the whole text is the account of what happened.
  b.set(['incident', 'description'], description ?? info.free ?? '', at);
  if (description !== undefined) b.set(['additionalInfo'], info.free, at);
}

function reporter(b: Builder, person: Node | undefined, info: Labelled, at: string): void {
  const here = `${at}/reporter/reportingPerson`;
  const given = info.one('Reporter name as given');
  const name = given ?? joinName(leaf(person, 'firstName'), leaf(person, 'lastName'));
  const phone = leaf(person, 'phone');
  const email = leaf(person, 'email');
  const relationship = info.one('Reporter relationship to the child');
  const consent = info.one('Reporter agrees to be contacted');
  const anonymous = info.one('Reporter') === 'chose to stay anonymous';
  if (!anonymous && [name, phone, email, relationship, consent].every((v) => v === undefined)) return;
  b.set(['reporter', 'anonymous'], anonymous, `${at}/reporter`);
  b.set(['reporter', 'name'], name, given === undefined ? `${here}/firstName` : `${at}/additionalInfo`);
  b.set(['reporter', 'phone'], phone, `${here}/phone`);
  b.set(['reporter', 'email'], email, `${here}/email`);
  b.set(['reporter', 'relationship'], relationship, `${at}/additionalInfo`);
  b.set(['reporter', 'consentToContact'], yesNo(consent), `${at}/additionalInfo`);
}

type Id = [kind: string, value: string | undefined, from: string];

const PERSON_LABELS = ['Role', 'Name as given', 'Age', 'Description', 'Also uses the username', identifierKindText('other')];
const ROLE_BY_TEXT = new Map(PERSON_ROLES.map((r) => [roleText(r), r]));

function personReported(b: Builder, p: Node, i: number, at: string): void {
  const person = first(p, 'personOrUserReportedPerson');
  const here = `${at}/personOrUserReportedPerson`;
  const info = labelled(leaf(p, 'additionalInfo'), PERSON_LABELS);
  const infoAt = `${at}/additionalInfo`;
  const role = info.one('Role');
  const given = info.one('Name as given');
  b.origin(['persons', i], at);
  b.set(['persons', i, 'role'], role === undefined ? undefined : (ROLE_BY_TEXT.get(role) ?? role), infoAt);
  b.set(
    ['persons', i, 'name'],
    given ?? joinName(leaf(person, 'firstName'), leaf(person, 'lastName')),
    given === undefined ? `${here}/firstName` : infoAt,
  );
  b.set(['persons', i, 'approximateAge'], numberOf(leaf(person, 'age')), `${here}/age`);
  const vehicle = vehicleOf(leaf(p, 'vehicleDescription'));
  b.set(
    ['persons', i, 'description'],
    joinText(info.one('Description'), info.free, vehicle.rest === undefined ? undefined : `Vehicle: ${vehicle.rest}`),
    infoAt,
  );
  b.set(['persons', i, 'vehicle'], vehicle.plate, `${at}/vehicleDescription`);
  const id =
    (kind: string, from: string) =>
    (value: Node | string): Id => [kind, typeof value === 'string' ? value : textOf(value), from];
  const ids = [
    ...all(person, 'phone').map(id('phone', `${here}/phone`)),
    ...all(person, 'email').map(id('email', `${here}/email`)),
    ...all(p, 'screenName').map(id('username', `${at}/screenName`)),
    ...info.all('Also uses the username').map(id('username', infoAt)),
    ...all(p, 'profileUrl').map(id('url', `${at}/profileUrl`)),
    ...info.all(identifierKindText('other')).map(id('other', infoAt)),
  ];
  if ((b.body.persons as unknown[] | undefined)?.[i] === undefined) b.set(['persons', i], {}, at);
  ids.forEach(([kind, value, from], j) => {
    b.set(['persons', i, 'identifiers', j, 'kind'], kind, from);
    b.set(['persons', i, 'identifiers', j, 'value'], value ?? '', from);
  });
}

const VICTIM_LABELS = ['Name as given', 'Age', 'Gender', 'Missing', 'Where the child is now', 'Description'];

function victim(b: Builder, v: Node, i: number, at: string): void {
  const person = first(v, 'victimPerson');
  const here = `${at}/victimPerson`;
  const info = labelled(leaf(v, 'additionalInfo'), VICTIM_LABELS);
  const infoAt = `${at}/additionalInfo`;
  const given = info.one('Name as given');
  b.origin(['children', i], at);
  b.set(
    ['children', i, 'name'],
    given ?? joinName(leaf(person, 'firstName'), leaf(person, 'lastName')),
    given === undefined ? `${here}/firstName` : infoAt,
  );
  b.set(['children', i, 'approximateAge'], numberOf(leaf(person, 'age')), `${here}/age`);
  b.set(['children', i, 'school'], leaf(v, 'schoolName'), `${at}/schoolName`);
  b.set(['children', i, 'gender'], info.one('Gender'), infoAt);
  b.set(['children', i, 'missing'], yesNo(info.one('Missing')), infoAt);
  b.set(['children', i, 'currentLocation'], info.one('Where the child is now'), infoAt);
  b.set(['children', i, 'description'], joinText(info.one('Description'), info.free), infoAt);
  // A victim element with nothing in it still counts as a child the report is about.
  if ((b.body.children as unknown[] | undefined)?.[i] === undefined) b.set(['children', i], {}, at);
}

interface Labelled {
  free: string | undefined;
  one(label: string): string | undefined;
  all(label: string): string[];
}

/**
 * Reads "Label: value" lines (the export's `lines()`); a line without a known label continues the
 * value above it. Text before the first label is free text.
 */
export function labelled(text: string | undefined, labels: readonly string[]): Labelled {
  const found: [string, string[]][] = [];
  const free: string[] = [];
  for (const line of (text ?? '').split('\n')) {
    const label = labels.find((l) => line.startsWith(`${l}: `));
    if (label !== undefined) found.push([label, [line.slice(label.length + 2)]]);
    else if (found.length > 0) found.at(-1)![1].push(line);
    else free.push(line);
  }
  const values = (label: string) => found.filter(([l]) => l === label).map(([, v]) => v.join('\n').trim());
  const freeText = free.join('\n').trim();
  return { free: freeText === '' ? undefined : freeText, one: (label) => values(label)[0], all: values };
}

function joinName(firstName: string | undefined, lastName: string | undefined): string | undefined {
  const name = [firstName, lastName].filter((p) => p !== undefined).join(' ');
  return name === '' ? undefined : name;
}

function joinText(...parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length === 0 ? undefined : kept.join('\n\n');
}

/** A number when the text is one; otherwise the text, for the schema to refuse by name. */
const numberOf = (text: string | undefined): number | string | undefined =>
  text !== undefined && /^\d{1,3}$/.test(text) ? Number(text) : text;

const yesNo = (text: string | undefined): boolean | string | undefined => (text === 'yes' ? true : text === 'no' ? false : text);

/** "blue Ford Focus, plate ABC1234 (OK)": the plate comes back as data, the rest as words. */
function vehicleOf(text: string | undefined): { plate: Json | undefined; rest: string | undefined } {
  if (text === undefined) return { plate: undefined, rest: undefined };
  const m = /(?:^|, )plate (\S+)(?: \(([A-Z]{2})\))?$/.exec(text) ?? /(?:^|, )plate from ([A-Z]{2})$/.exec(text);
  if (!m) return { plate: undefined, rest: text };
  const plate = m[0].includes('plate from') ? { plateState: m[1] } : { plate: m[1], ...(m[2] ? { plateState: m[2] } : {}) };
  const rest = text.slice(0, m.index).trim();
  return { plate, rest: rest === '' ? undefined : rest };
}
