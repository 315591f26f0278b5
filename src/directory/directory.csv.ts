import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { GENDERS_SERVED, NEED_DOMAINS, SERVICE_KINDS } from '../shared/directory.ts';
import { US_STATE_CODES } from '../shared/places.ts';
import type { ProviderEntry, ProviderService, ServiceArea } from './directory.types.ts';
import { stateOfCounty, zipPlace } from './zip-places.ts';

/** One row per service; a provider's own columns repeat on each of its rows. Lists are separated by `;`. */
export const PROVIDER_COLUMNS = [
  'provider_code',
  'name',
  'description',
  'phone',
  'email',
  'website',
  'address',
  'zip',
  'languages',
  'hours',
  'accessibility',
  'areas',
  'verified_on',
  'service',
  'needs',
  'min_age',
  'max_age',
  'genders',
  'service_notes',
] as const;
type Column = (typeof PROVIDER_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['provider_code', 'name', 'zip', 'languages', 'areas', 'service', 'needs'];
const PROVIDER_FIELDS: readonly Column[] = PROVIDER_COLUMNS.slice(0, PROVIDER_COLUMNS.indexOf('service'));
export const MAX_PROVIDER_ROWS = 20_000;

/** A problem in the file: `row` is the spreadsheet's row number (the header is row 1). */
export interface ProviderCsvProblem {
  row: number;
  field: string;
  message: string;
}

export type ProviderCsvOutcome =
  { kind: 'ok'; providers: ProviderEntry[]; rows: number } | { kind: 'invalid'; problems: ProviderCsvProblem[] };

const blank = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);
const text = (max: number) =>
  z.preprocess(
    blank,
    z
      .string()
      .max(max, { error: `must be at most ${max} characters` })
      .optional(),
  );
const required = (max: number) =>
  z.preprocess(
    blank,
    z
      .string({ error: 'is required' })
      .min(2, { error: 'must be at least 2 characters' })
      .max(max, { error: `must be at most ${max} characters` }),
  );
const items = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : v;
const age = z.preprocess(
  blank,
  z.coerce
    .number({ error: 'must be a whole number of years' })
    .int({ error: 'must be a whole number of years' })
    .min(0, { error: 'must be from 0 to 30' })
    .max(30, { error: 'must be from 0 to 30' })
    .optional(),
);

const phone = z.preprocess(
  blank,
  z
    .string()
    .transform((v, ctx) => {
      const parsed = parsePhoneNumberFromString(v, 'US');
      if (parsed?.isValid()) return parsed.number;
      ctx.addIssue({ code: 'custom', message: 'must be a valid phone number, like 614-555-0100' });
      return z.NEVER;
    })
    .optional(),
);

const area = z.string().transform((v, ctx): ServiceArea => {
  const [kind, rawCode = ''] = v.split(':').map((s) => s.trim());
  const code = rawCode.toUpperCase();
  if (kind === 'state' && (US_STATE_CODES as readonly string[]).includes(code)) return { kind, code, state: code };
  const county = kind === 'county' ? stateOfCounty(code) : undefined;
  if (county) return { kind: 'county', code, state: county };
  const zip = kind === 'zip' ? zipPlace(code) : undefined;
  if (zip) return { kind: 'zip', code, state: zip.state };
  ctx.addIssue({
    code: 'custom',
    message: `has "${v.slice(0, 40)}", which is not state:XX, county:<5-digit FIPS code> or zip:<ZIP code> of a known place`,
  });
  return z.NEVER;
});

const rowSchema = z.object({
  provider_code: z.preprocess(
    blank,
    z
      .string({ error: 'is required' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'must be 1 to 64 letters, digits, dots, dashes or underscores' })
      .transform((v) => v.toUpperCase()),
  ),
  name: required(200),
  description: text(2000),
  phone,
  email: z.preprocess(
    blank,
    z
      .email({ error: 'must be an email address, like help@provider.example.org' })
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  website: z.preprocess(
    blank,
    z
      .url({ protocol: /^https?$/, error: 'must be a web address starting with https://' })
      .max(300)
      .optional(),
  ),
  address: text(300),
  zip: z.preprocess(
    blank,
    z
      .string({ error: 'is required' })
      .refine((v) => zipPlace(v) !== undefined, { error: 'is not a ZIP code in the bundled ZIP table' }),
  ),
  languages: z.preprocess(
    items,
    z
      .array(z.string().regex(/^[\p{L}][\p{L} '-]{1,39}$/u, { error: 'must be language names separated by ;' }))
      .min(1, { error: 'is required: the languages spoken, separated by ;' }),
  ),
  hours: text(300),
  accessibility: text(500),
  areas: z.preprocess(items, z.array(area).min(1, { error: 'is required: e.g. state:OH; county:39049; zip:43215' })),
  verified_on: z.preprocess(
    blank,
    z.iso
      .date({ error: 'must be a date like 2026-03-31' })
      .transform((v) => new Date(`${v}T00:00:00Z`))
      .optional(),
  ),
  service: z.preprocess(blank, z.enum(SERVICE_KINDS, { error: `must be one of ${SERVICE_KINDS.join(', ')}` })),
  needs: z.preprocess(
    items,
    z
      .array(z.enum(NEED_DOMAINS, { error: `must be from ${NEED_DOMAINS.join(', ')}, separated by ;` }))
      .min(1, { error: 'is required: the needs the service meets, separated by ;' }),
  ),
  min_age: age,
  max_age: age,
  genders: z.preprocess(
    items,
    z.array(z.enum(GENDERS_SERVED, { error: `must be from ${GENDERS_SERVED.join(', ')}, separated by ; (empty for all)` })),
  ),
  service_notes: text(1000),
});
type Row = z.output<typeof rowSchema>;

function headerProblems(header: readonly string[]): ProviderCsvProblem[] {
  const problems: ProviderCsvProblem[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!(PROVIDER_COLUMNS as readonly string[]).includes(name))
      problems.push({
        row: 1,
        field: name || '(empty)',
        message: `is not a known column (known: ${PROVIDER_COLUMNS.join(', ')})`,
      });
    else if (seen.has(name)) problems.push({ row: 1, field: name, message: 'appears twice in the header' });
    seen.add(name);
  }
  for (const name of REQUIRED) if (!seen.has(name)) problems.push({ row: 1, field: name, message: 'is missing from the header' });
  return problems;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

function readRecords(csv: string): { records: ParsedRecord[] } | { problem: ProviderCsvProblem } {
  try {
    const options = { bom: true, info: true, skip_empty_lines: true, relax_column_count: true };
    return { records: parse(csv, options) as unknown as ParsedRecord[] };
  } catch (err) {
    const row = typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : 1;
    // csv-parse names the syntax (quotes, delimiters), never the field's content.
    const what = err instanceof Error ? (err.message.split(':')[0] ?? 'unreadable CSV') : 'unreadable CSV';
    return { problem: { row, field: '(file)', message: `is not valid CSV here (${what})` } };
  }
}

const serviceOf = (r: Row): ProviderService => ({
  kind: r.service,
  needs: [...new Set(r.needs)],
  ...(r.min_age !== undefined ? { minAge: r.min_age } : {}),
  ...(r.max_age !== undefined ? { maxAge: r.max_age } : {}),
  genders: r.genders.length > 0 ? [...new Set(r.genders)] : [...GENDERS_SERVED],
  ...(r.service_notes ? { notes: r.service_notes } : {}),
});

function entryOf(r: Row): ProviderEntry {
  const unique = new Map(r.areas.map((a) => [`${a.kind}:${a.code}`, a]));
  return {
    code: r.provider_code,
    name: r.name,
    zip: r.zip,
    languages: [...new Set(r.languages)],
    areas: [...unique.values()],
    services: [serviceOf(r)],
    ...(r.description ? { description: r.description } : {}),
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.email ? { email: r.email } : {}),
    ...(r.website ? { website: r.website } : {}),
    ...(r.address ? { addressLine: r.address } : {}),
    ...(r.hours ? { hours: r.hours } : {}),
    ...(r.accessibility ? { accessibility: r.accessibility } : {}),
    ...(r.verified_on ? { verifiedOn: r.verified_on } : {}),
  };
}

function rowProblems(r: Row, row: number, now: Date): ProviderCsvProblem[] {
  const problems: ProviderCsvProblem[] = [];
  if (r.min_age !== undefined && r.max_age !== undefined && r.min_age > r.max_age)
    problems.push({ row, field: 'max_age', message: 'must not be below min_age' });
  if (r.verified_on && r.verified_on.getTime() > now.getTime())
    problems.push({ row, field: 'verified_on', message: 'must not be in the future' });
  return problems;
}

/** The provider's own columns on a later row must repeat those on its first row. */
function differences(first: { raw: Record<string, string>; row: number }, raw: Record<string, string>, row: number) {
  return PROVIDER_FIELDS.filter((f) => (first.raw[f] ?? '').trim() !== (raw[f] ?? '').trim()).map((field) => ({
    row,
    field,
    message: `differs from row ${first.row} for the same provider_code; a provider's columns must be the same on each of its rows`,
  }));
}

/**
 * Checks every row of the file and reports every problem by row and field. Only a file without a
 * single problem yields providers, so an import is all or nothing.
 */
export function parseProviderCsv(csv: string, now = new Date()): ProviderCsvOutcome {
  const read = readRecords(csv);
  if ('problem' in read) return { kind: 'invalid', problems: [read.problem] };
  const [head, ...rows] = read.records;
  if (!head) return { kind: 'invalid', problems: [{ row: 1, field: '(file)', message: 'is empty: it needs a header row' }] };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const problems = headerProblems(header);
  if (problems.length > 0) return { kind: 'invalid', problems };
  if (rows.length === 0)
    return { kind: 'invalid', problems: [{ row: 2, field: '(file)', message: 'has no rows under the header' }] };
  if (rows.length > MAX_PROVIDER_ROWS)
    return {
      kind: 'invalid',
      problems: [{ row: MAX_PROVIDER_ROWS + 2, field: '(file)', message: `has more than ${MAX_PROVIDER_ROWS} rows; split it` }],
    };

  const byCode = new Map<string, { entry: ProviderEntry; raw: Record<string, string>; row: number }>();
  for (const { record, info } of rows) {
    const row = info.lines;
    const raw = Object.fromEntries(header.map((name, i) => [name, record[i] ?? '']));
    if (record.length > header.length)
      problems.push({ row, field: '(row)', message: `has ${record.length} values but the header has ${header.length} columns` });
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => ({ row, field: String(i.path[0] ?? '(row)'), message: i.message })));
      continue;
    }
    const own = rowProblems(parsed.data, row, now);
    problems.push(...own);
    const first = byCode.get(parsed.data.provider_code);
    if (!first) {
      if (own.length === 0) byCode.set(parsed.data.provider_code, { entry: entryOf(parsed.data), raw, row });
      continue;
    }
    const diff = differences(first, raw, row);
    problems.push(...diff);
    if (own.length === 0 && diff.length === 0) first.entry.services.push(serviceOf(parsed.data));
  }
  if (problems.length > 0) return { kind: 'invalid', problems };
  return { kind: 'ok', providers: [...byCode.values()].map((p) => p.entry), rows: rows.length };
}

const quoted = (cell: string) => (/[",\r\n;]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Providers as the import reads them: one row per service. */
export function toProviderCsv(providers: readonly ProviderEntry[]): string {
  const lines = [PROVIDER_COLUMNS.join(',')];
  for (const p of providers) {
    for (const s of p.services) {
      const cells: Record<Column, string> = {
        provider_code: p.code,
        name: p.name,
        description: p.description ?? '',
        phone: p.phone ? (parsePhoneNumberFromString(p.phone)?.formatNational() ?? p.phone) : '',
        email: p.email ?? '',
        website: p.website ?? '',
        address: p.addressLine ?? '',
        zip: p.zip,
        languages: p.languages.join('; '),
        hours: p.hours ?? '',
        accessibility: p.accessibility ?? '',
        areas: p.areas.map((a) => `${a.kind}:${a.code}`).join('; '),
        verified_on: p.verifiedOn ? p.verifiedOn.toISOString().slice(0, 10) : '',
        service: s.kind,
        needs: s.needs.join('; '),
        min_age: s.minAge === undefined ? '' : String(s.minAge),
        max_age: s.maxAge === undefined ? '' : String(s.maxAge),
        genders: s.genders.join('; '),
        service_notes: s.notes ?? '',
      };
      lines.push(PROVIDER_COLUMNS.map((c) => quoted(cells[c])).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
