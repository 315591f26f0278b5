/**
 * A child's missing-episode and sex-trafficking facts in the shape of the federal foster-care
 * reporting elements (AFCARS, 45 CFR 1355.44 as revised in 2020), so an agency can feed its state
 * system. Beacon reports what it holds and leaves the rest to the state system: this is not a
 * complete AFCARS record. The mapping is documented in docs/afcars.md.
 */
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../core/spreadsheet.ts';

export type ScreeningOutcome = 'screened_no_indication' | 'indicators_present' | 'identified_victim' | 'declined';

export type AfcarsEpisode = {
  knownMissingAt: Date;
  leftFrom: 'home' | 'placement' | 'facility';
  reportedToLawEnforcementAt?: Date;
  recoveredAt?: Date;
  screening?: { outcome: ScreeningOutcome; at: Date };
  /** When an identification as a victim during this episode was reported to law enforcement. */
  victimReportedToLawEnforcementAt?: Date;
};

export type AfcarsInput = {
  childId: string;
  episodes: AfcarsEpisode[];
  /** Known to have been a sex-trafficking victim before entering care; undefined when not known. */
  victimBeforeCare?: boolean;
  /** When that earlier victimisation was reported to law enforcement, if it was. */
  victimBeforeCareReportedAt?: Date;
};

export type AfcarsRecord = Record<string, string | number | boolean | null>;

/** Column order of the export; every record has exactly these keys. */
export const AFCARS_FIELDS = [
  'child_record_id',
  'runaway_or_whereabouts_unknown',
  'runaway_or_whereabouts_unknown_since',
  'episodes_from_care',
  'episodes_from_care_not_recovered',
  'last_return_from_missing_date',
  'missing_reported_to_law_enforcement',
  'missing_report_to_law_enforcement_date',
  'sex_trafficking_victim_prior_to_foster_care',
  'prior_victim_reported_to_law_enforcement',
  'prior_victim_report_to_law_enforcement_date',
  'sex_trafficking_victim_while_in_foster_care',
  'in_care_victim_reported_to_law_enforcement',
  'in_care_victim_report_to_law_enforcement_date',
  'episodes_from_care_without_screening',
] as const;

const inCare = (e: AfcarsEpisode) => e.leftFrom === 'placement' || e.leftFrom === 'facility';

/** A calendar date (YYYY-MM-DD) in the given time zone; AFCARS dates have no time of day. */
export function afcarsDate(d: Date | undefined, timeZone = 'UTC'): string | null {
  if (!d || Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    d,
  );
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const latest = <T>(items: T[], at: (t: T) => Date | undefined): T | undefined =>
  items.reduce<T | undefined>((best, it) => {
    const t = at(it)?.getTime();
    if (t === undefined || Number.isNaN(t)) return best;
    const b = best === undefined ? undefined : at(best)?.getTime();
    return b === undefined || t > b ? it : best;
  }, undefined);

export function toAfcarsRecord(input: AfcarsInput, opts: { timeZone?: string } = {}): AfcarsRecord {
  const tz = opts.timeZone ?? 'UTC';
  const fromCare = input.episodes.filter(inCare);
  const open = fromCare.filter((e) => !e.recoveredAt);
  const openLatest = latest(open, (e) => e.knownMissingAt);
  const lastReturn = latest(fromCare, (e) => e.recoveredAt);
  const lastEpisode = latest(fromCare, (e) => e.knownMissingAt);
  const victims = fromCare.filter((e) => e.screening?.outcome === 'identified_victim');
  // The earliest identification in care is the one whose report the element asks about.
  const firstVictim = victims.reduce<AfcarsEpisode | undefined>(
    (a, e) => (a === undefined || e.screening!.at.getTime() < a.screening!.at.getTime() ? e : a),
    undefined,
  );
  const prior = input.victimBeforeCare ?? null;

  const record: Record<(typeof AFCARS_FIELDS)[number], string | number | boolean | null> = {
    child_record_id: input.childId,
    runaway_or_whereabouts_unknown: open.length > 0,
    runaway_or_whereabouts_unknown_since: afcarsDate(openLatest?.knownMissingAt, tz),
    episodes_from_care: fromCare.length,
    episodes_from_care_not_recovered: open.length,
    last_return_from_missing_date: afcarsDate(lastReturn?.recoveredAt, tz),
    missing_reported_to_law_enforcement: lastEpisode ? lastEpisode.reportedToLawEnforcementAt !== undefined : null,
    missing_report_to_law_enforcement_date: afcarsDate(lastEpisode?.reportedToLawEnforcementAt, tz),
    sex_trafficking_victim_prior_to_foster_care: prior,
    prior_victim_reported_to_law_enforcement: prior === true ? input.victimBeforeCareReportedAt !== undefined : null,
    prior_victim_report_to_law_enforcement_date: prior === true ? afcarsDate(input.victimBeforeCareReportedAt, tz) : null,
    sex_trafficking_victim_while_in_foster_care: fromCare.length === 0 ? null : victims.length > 0,
    in_care_victim_reported_to_law_enforcement: firstVictim ? firstVictim.victimReportedToLawEnforcementAt !== undefined : null,
    in_care_victim_report_to_law_enforcement_date: afcarsDate(firstVictim?.victimReportedToLawEnforcementAt, tz),
    episodes_from_care_without_screening: fromCare.filter(
      (e) => e.recoveredAt && (!e.screening || e.screening.outcome === 'declined'),
    ).length,
  };
  return record;
}

/**
 * One row per record, a header first, yes/no for booleans, empty for null. UTF-8 with a byte-order
 * mark and CRLF line ends so spreadsheets read it as written; every cell quoted.
 */
export function afcarsCsv(records: readonly AfcarsRecord[]): string {
  const columns = [
    ...AFCARS_FIELDS,
    ...new Set(records.flatMap((r) => Object.keys(r)).filter((k) => !(AFCARS_FIELDS as readonly string[]).includes(k))),
  ];
  const rows = records.map((r) =>
    Object.fromEntries(
      columns.map((c) => {
        const v = r[c];
        return [c, v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)];
      }),
    ),
  );
  return stringify(rows, {
    header: true,
    columns,
    bom: true,
    quoted_string: true,
    record_delimiter: 'windows',
    cast: { string: (value) => neutraliseFormula(value) },
  });
}

export { neutraliseFormula };
