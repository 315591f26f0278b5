import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { US_STATE_CODES } from '../../shared/places.ts';
import { AGENCY_KINDS, AREA_KINDS, type AgencyArea, type AgencyDetails } from './agencies.types.ts';
import { areaKey } from './jurisdiction.ts';

/** One row per (agency, area); the agency's own columns repeat on each of its rows. */
export const CSV_COLUMNS = [
  'agency_code',
  'agency_name',
  'agency_kind',
  'phone',
  'email',
  'active',
  'area_kind',
  'state',
  'county',
  'city',
  'tribal_land',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = ['agency_code', 'agency_name', 'agency_kind', 'area_kind'];
export const MAX_ROWS = 50_000;

export interface CsvProblem {
  /** Line in the file; the header is line 1. */
  line: number;
  column: string;
  message: string;
}

export interface DirectoryEntry extends AgencyDetails {
  areas: AgencyArea[];
}

export type CsvOutcome = { kind: 'ok'; agencies: DirectoryEntry[]; rows: number } | { kind: 'invalid'; problems: CsvProblem[] };

const blankToUndefined = (v: unknown) =>
  typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v;
const optionalText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(max, { error: `must be at most ${max} characters` })
      .optional(),
  );

/** Agency contact numbers are checked like any number a person would dial, and kept as E.164. */
const phone = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((v, ctx) => {
      const parsed = parsePhoneNumberFromString(v, 'US');
      if (parsed?.isValid()) return parsed.number;
      ctx.addIssue({ code: 'custom', message: 'must be a valid phone number, like 405-555-0100 or +1 405 555 0100' });
      return z.NEVER;
    })
    .optional(),
);

const active = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(['', 'true', 'false', 'yes', 'no', '1', '0'], { error: 'must be true or false (or left empty for true)' }).optional(),
  )
  .transform((v) => v === undefined || ['', 'true', 'yes', '1'].includes(v));

const rowSchema = z.object({
  agency_code: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'is required' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'must be 1 to 64 letters, digits, dots, dashes or underscores' })
      .transform((v) => v.toUpperCase()),
  ),
  agency_name: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'is required' })
      .min(2, { error: 'must be at least 2 characters' })
      .max(200, { error: 'must be at most 200 characters' }),
  ),
  agency_kind: z.preprocess(blankToUndefined, z.enum(AGENCY_KINDS, { error: `must be one of ${AGENCY_KINDS.join(', ')}` })),
  phone,
  email: z.preprocess(
    blankToUndefined,
    z
      .email({ error: 'must be an email address, like intake@agency.example.org' })
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  active,
  area_kind: z.preprocess(blankToUndefined, z.enum(AREA_KINDS, { error: `must be one of ${AREA_KINDS.join(', ')}` })),
  state: z.preprocess(
    (v) => (typeof blankToUndefined(v) === 'string' ? (v as string).trim().toUpperCase() : undefined),
    z.enum(US_STATE_CODES, { error: 'must be a USPS state or territory code, like OK or PR' }).optional(),
  ),
  county: optionalText(120),
  city: optionalText(120),
  tribal_land: optionalText(200),
});
type Row = z.output<typeof rowSchema>;

/** Which place columns each kind of area needs, and which it must leave empty. */
const AREA_SHAPE: Record<AgencyArea['kind'], { needs: Column[]; empty: Column[] }> = {
  state: { needs: ['state'], empty: ['county', 'city', 'tribal_land'] },
  county: { needs: ['state', 'county'], empty: ['city', 'tribal_land'] },
  city: { needs: ['state', 'city'], empty: ['county', 'tribal_land'] },
  tribal: { needs: ['tribal_land'], empty: ['county', 'city'] },
};

function areaProblems(row: Row, line: number): CsvProblem[] {
  const shape = AREA_SHAPE[row.area_kind];
  return [
    ...shape.needs
      .filter((c) => row[c] === undefined)
      .map((column) => ({ line, column, message: `is required when area_kind is ${row.area_kind}` })),
    ...shape.empty
      .filter((c) => row[c] !== undefined)
      .map((column) => ({ line, column, message: `must be empty when area_kind is ${row.area_kind}` })),
  ];
}

const areaOf = (row: Row): AgencyArea => ({
  kind: row.area_kind,
  ...(row.state ? { state: row.state } : {}),
  ...(row.county ? { county: row.county } : {}),
  ...(row.city ? { city: row.city } : {}),
  ...(row.tribal_land ? { tribalLand: row.tribal_land } : {}),
});

function headerProblems(header: string[]): CsvProblem[] {
  const seen = new Set<string>();
  const problems: CsvProblem[] = [];
  for (const name of header) {
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      problems.push({ line: 1, column: name || '(empty)', message: `is not a known column (known: ${CSV_COLUMNS.join(', ')})` });
    else if (seen.has(name)) problems.push({ line: 1, column: name, message: 'appears twice in the header' });
    seen.add(name);
  }
  for (const name of REQUIRED_COLUMNS)
    if (!seen.has(name)) problems.push({ line: 1, column: name, message: 'is missing from the header' });
  return problems;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

function readRecords(text: string): { records: ParsedRecord[] } | { problem: CsvProblem } {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
    return { records };
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : 1;
    // csv-parse messages describe the syntax only (quotes, delimiters), never the field's content.
    const what = err instanceof Error ? err.message.split(':')[0] : 'unreadable CSV';
    return { problem: { line, column: '(file)', message: `is not valid CSV here (${what})` } };
  }
}

const DETAIL_COLUMNS = [
  ['agency_name', 'name'],
  ['agency_kind', 'kind'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['active', 'active'],
] as const;

/**
 * Parses and checks the whole file: every problem in every row, with its line and column. Only a
 * file without a single problem yields agencies, so an import is all or nothing.
 */
export function parseAgencyCsv(text: string): CsvOutcome {
  const read = readRecords(text);
  if ('problem' in read) return { kind: 'invalid', problems: [read.problem] };
  const [head, ...rows] = read.records;
  if (!head)
    return {
      kind: 'invalid',
      problems: [{ line: 1, column: '(file)', message: 'is empty: it needs a header line and at least one agency row' }],
    };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const problems = headerProblems(header);
  if (problems.length > 0) return { kind: 'invalid', problems };
  if (rows.length === 0)
    return { kind: 'invalid', problems: [{ line: 2, column: '(file)', message: 'has no agency rows under the header' }] };
  if (rows.length > MAX_ROWS)
    return {
      kind: 'invalid',
      problems: [{ line: MAX_ROWS + 2, column: '(file)', message: `has more than ${MAX_ROWS} rows; split it` }],
    };

  const byCode = new Map<string, DirectoryEntry & { line: number; areaLines: Map<string, number> }>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length > header.length)
      problems.push({
        line,
        column: '(row)',
        message: `has ${record.length} values but the header has ${header.length} columns`,
      });
    const raw = Object.fromEntries(header.map((name, i) => [name, record[i] ?? '']));
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.map((issue) => ({ line, column: String(issue.path[0] ?? '(row)'), message: issue.message })),
      );
      continue;
    }
    const row = parsed.data;
    const shapeProblems = areaProblems(row, line);
    if (shapeProblems.length > 0) {
      problems.push(...shapeProblems);
      continue;
    }
    problems.push(...addRow(byCode, row, line));
  }
  if (problems.length > 0) return { kind: 'invalid', problems };
  const agencies = [...byCode.values()].map(({ line: _line, areaLines: _areaLines, ...entry }) => entry);
  return { kind: 'ok', agencies, rows: rows.length };
}

function addRow(
  byCode: Map<string, DirectoryEntry & { line: number; areaLines: Map<string, number> }>,
  row: Row,
  line: number,
): CsvProblem[] {
  const details: AgencyDetails = {
    code: row.agency_code,
    name: row.agency_name,
    kind: row.agency_kind,
    active: row.active,
    ...(row.phone ? { phone: row.phone } : {}),
    ...(row.email ? { email: row.email } : {}),
  };
  const area = areaOf(row);
  const areaId = `${area.kind}|${area.state ?? ''}|${areaKey(area)}`;
  const known = byCode.get(details.code);
  if (!known) {
    byCode.set(details.code, { ...details, areas: [area], line, areaLines: new Map([[areaId, line]]) });
    return [];
  }
  const problems: CsvProblem[] = DETAIL_COLUMNS.filter(([, field]) => known[field] !== details[field]).map(([column]) => ({
    line,
    column,
    message: `differs from line ${known.line} for the same agency_code; an agency's columns must be the same on each of its rows`,
  }));
  const twin = known.areaLines.get(areaId);
  if (twin !== undefined)
    problems.push({ line, column: 'area_kind', message: `repeats the area on line ${twin} for the same agency` });
  if (problems.length === 0) {
    known.areas.push(area);
    known.areaLines.set(areaId, line);
  }
  return problems;
}

const quoted = (cell: string) => (/[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell);

/** National format for US numbers, so a spreadsheet does not take a leading + for a formula. */
function phoneCell(e164: string | undefined): string {
  if (!e164) return '';
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.country === 'US' ? parsed.formatNational() : e164;
}

/** The directory as the import reads it: one line per (agency, area). */
export function toAgencyCsv(agencies: readonly DirectoryEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const a of agencies) {
    for (const area of a.areas) {
      const cells: Record<Column, string> = {
        agency_code: a.code,
        agency_name: a.name,
        agency_kind: a.kind,
        phone: phoneCell(a.phone),
        email: a.email ?? '',
        active: a.active ? 'true' : 'false',
        area_kind: area.kind,
        state: area.state ?? '',
        county: area.county ?? '',
        city: area.city ?? '',
        tribal_land: area.tribalLand ?? '',
      };
      lines.push(CSV_COLUMNS.map((c) => quoted(cells[c])).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
