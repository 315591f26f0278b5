import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { iso } from './package.text.ts';
import type { LeadPackage, LeadPlace } from './package.types.ts';

export const LEAD_PACKAGE_FORMAT = 'beacon.lead-package';
export const LEAD_PACKAGE_VERSION = 1;

/** The package for machines: every field as given, dates in ISO 8601 UTC. */
export function leadPackageJson(pkg: LeadPackage): string {
  const { createdAt, referredAt, ...rest } = pkg;
  return JSON.stringify(
    {
      format: LEAD_PACKAGE_FORMAT,
      version: LEAD_PACKAGE_VERSION,
      ...rest,
      createdAt: iso(createdAt),
      referredAt: iso(referredAt),
    },
    null,
    2,
  );
}

/** As in the CyberTipline export: xmlbuilder2 would leave entity-shaped text (`&amp;`) unescaped. */
const asText = (value: string | number) => String(value).replace(/&/g, '&amp;');

function leaf(parent: XMLBuilder, name: string, value: string | number | undefined, attrs?: Record<string, string>): void {
  if (value === undefined || value === '') return;
  parent.ele(name, attrs).txt(asText(value));
}

/** Attribute values go through the same escaping as text. */
const attrs = (values: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values)
      .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => [k, asText(v)]),
  );

function place(parent: XMLBuilder, p: LeadPlace): void {
  // Element names follow the CyberTipline's nonInternetIncident/incidentAddress where they apply.
  const e = parent.ele('nonInternetIncident', attrs({ label: p.label }));
  const a = e.ele('incidentAddress');
  leaf(a, 'address', p.address);
  leaf(a, 'city', p.city);
  leaf(a, 'county', p.county);
  leaf(a, 'zipCode', p.zip);
  leaf(a, 'state', p.state);
  leaf(a, 'tribalLand', p.tribalLand);
  leaf(a, 'country', p.state ? 'US' : undefined);
  leaf(e, 'additionalInfo', p.details);
}

function people(root: XMLBuilder, pkg: LeadPackage): void {
  for (const c of pkg.children) {
    const v = root.ele('victim');
    const person = v.ele('victimPerson');
    leaf(person, 'age', c.approximateAge);
    leaf(v, 'gender', c.gender);
    leaf(v, 'additionalInfo', c.description);
  }
  for (const p of pkg.persons) {
    const e = root.ele('personOrUserReported', attrs({ role: p.role }));
    const person = e.ele('personOrUserReportedPerson');
    leaf(person, 'name', p.name);
    leaf(person, 'age', p.approximateAge);
    leaf(e, 'additionalInfo', p.description);
  }
}

/**
 * The package as XML, reusing the CyberTipline export's element names (incidentSummary, victim,
 * personOrUserReported, incidentAddress, additionalInfo) so one parser reads both. Characters
 * XML 1.0 cannot carry become U+FFFD.
 */
export function leadPackageXml(pkg: LeadPackage): string {
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }).ele('leadPackage', {
    generator: 'Beacon',
    format: LEAD_PACKAGE_FORMAT,
    version: String(LEAD_PACKAGE_VERSION),
  });
  leaf(root, 'reference', pkg.reference);
  leaf(root, 'tipReference', pkg.tipReference);
  leaf(root, 'createdAt', iso(pkg.createdAt));
  leaf(root, 'referredAt', iso(pkg.referredAt));
  leaf(root, 'handlingNotice', pkg.handlingNotice);
  const agency = root.ele('receivingAgency', attrs({ code: pkg.receivingAgency.code, kind: pkg.receivingAgency.kind }));
  leaf(agency, 'name', pkg.receivingAgency.name);
  leaf(agency, 'phone', pkg.receivingAgency.phone);
  leaf(agency, 'email', pkg.receivingAgency.email);
  leaf(root, 'referringAnalyst', pkg.referringAnalyst);
  const urgency = root.ele('urgency');
  for (const u of pkg.urgency) leaf(urgency, 'reason', u.explanation, attrs({ rule: u.rule }));
  const summary = root.ele('incidentSummary');
  leaf(summary, 'incidentType', pkg.incident.type);
  leaf(summary, 'incidentDate', pkg.incident.occurredOn);
  leaf(summary, 'additionalInfo', pkg.incident.summary);
  const places = root.ele('places');
  for (const p of pkg.places) place(places, p);
  people(root, pkg);
  const identifiers = root.ele('identifiers');
  for (const i of pkg.identifiers)
    leaf(identifiers, 'identifier', i.value, attrs({ kind: i.kind, obfuscated: i.obfuscated ? 'true' : undefined }));
  const linked = root.ele('linkedItems');
  for (const l of pkg.linkedItems) leaf(linked, 'linkedItem', l.reason, attrs({ kind: l.kind, reference: l.reference }));
  leaf(root, 'analystSummary', pkg.analystSummary);
  return root.end({ prettyPrint: true });
}
