import { stringify } from 'csv-stringify/sync';
import { cybertiplineIncidentType } from './cybertipline-xml.ts';
import type { ExportedReport } from './export.types.ts';
import { identifierKindText, lines, onlineKindText, roleText, vehicleText, yesNo } from './export.text.ts';
import { neutraliseFormula } from '../../core/spreadsheet.ts';

const COLUMNS = [
  'reference',
  'received_at',
  'channel',
  'status',
  'incident_type',
  'incident_type_cybertipline',
  'occurred_on',
  'description',
  'escalation_reason',
  'address',
  'city',
  'state',
  'zip',
  'place_details',
  'online_places',
  'children',
  'persons_reported',
  'reporter_anonymous',
  'reporter_name',
  'reporter_email',
  'reporter_phone',
  'reporter_relationship',
  'reporter_consent_to_contact',
  'additional_info',
  'files',
] as const;

const joinEntries = (entries: (string | undefined)[]) => entries.filter((e) => e !== undefined && e !== '').join('\n---\n');

function row(tip: ExportedReport): Record<(typeof COLUMNS)[number], string> {
  const { incident, location, reporter } = tip.report;
  return {
    reference: tip.reference,
    received_at: tip.receivedAt.toISOString(),
    channel: tip.channel,
    status: tip.status,
    incident_type: incident.type,
    incident_type_cybertipline: cybertiplineIncidentType(incident.type),
    occurred_on: incident.occurredOn ?? '',
    description: incident.description,
    escalation_reason: incident.escalationReason ?? '',
    address: location?.address ?? '',
    city: location?.city ?? '',
    state: location?.state ?? '',
    zip: location?.zip ?? '',
    place_details: location?.details ?? '',
    online_places: joinEntries(
      (tip.report.online ?? []).map((o) =>
        lines([
          ['Kind', onlineKindText(o.kind)],
          ['Platform', o.platform],
          ['Identifier', o.identifier],
          ['Details', o.details],
        ]),
      ),
    ),
    children: joinEntries(
      (tip.report.children ?? []).map((c) =>
        lines([
          ['Name', c.name],
          ['Approximate age', c.approximateAge],
          ['Gender', c.gender],
          ['Missing', yesNo(c.missing)],
          ['School', c.school],
          ['Where now', c.currentLocation],
          ['Description', c.description],
        ]),
      ),
    ),
    persons_reported: joinEntries(
      (tip.report.persons ?? []).map((p) =>
        lines([
          ['Role', roleText(p.role)],
          ['Name', p.name],
          ['Approximate age', p.approximateAge],
          ['Description', p.description],
          ...(p.identifiers ?? []).map((i) => [identifierKindText(i.kind), i.value] as const),
          ['Vehicle', vehicleText(p.vehicle)],
        ]),
      ),
    ),
    reporter_anonymous: reporter.anonymous ? 'yes' : 'no',
    reporter_name: reporter.name ?? '',
    reporter_email: reporter.email ?? '',
    reporter_phone: reporter.phone ?? '',
    reporter_relationship: reporter.relationship ?? '',
    reporter_consent_to_contact: reporter.anonymous ? '' : reporter.consentToContact ? 'yes' : 'no',
    additional_info: tip.report.additionalInfo ?? '',
    files: (tip.files ?? []).map((f) => `${f.fileName} sha256:${f.sha256}`).join('\n'),
  };
}

/** One row a tip, a header row first, UTF-8 with a byte-order mark so spreadsheets read accents. */
export function toCsv(reports: readonly ExportedReport[]): string {
  return stringify(reports.map(row), {
    header: true,
    columns: [...COLUMNS],
    bom: true,
    quoted_string: true,
    record_delimiter: 'windows',
    cast: { string: (value) => neutraliseFormula(value) },
  });
}

export { neutraliseFormula };
