import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AFCARS_FIELDS, afcarsCsv, afcarsDate, toAfcarsRecord, type AfcarsEpisode } from './afcars.ts';

const d = (iso: string) => new Date(iso);

describe('toAfcarsRecord', () => {
  it('reports a child missing from care, not yet found, with the report to law enforcement', () => {
    const r = toAfcarsRecord({
      childId: 'C-1',
      episodes: [
        { leftFrom: 'home', knownMissingAt: d('2025-01-05T10:00:00Z'), recoveredAt: d('2025-01-06T10:00:00Z') },
        {
          leftFrom: 'placement',
          knownMissingAt: d('2026-03-10T20:00:00Z'),
          reportedToLawEnforcementAt: d('2026-03-10T22:00:00Z'),
        },
      ],
    });
    expect(r).toMatchObject({
      child_record_id: 'C-1',
      runaway_or_whereabouts_unknown: true,
      runaway_or_whereabouts_unknown_since: '2026-03-10',
      episodes_from_care: 1,
      episodes_from_care_not_recovered: 1,
      missing_reported_to_law_enforcement: true,
      missing_report_to_law_enforcement_date: '2026-03-10',
      sex_trafficking_victim_prior_to_foster_care: null,
      sex_trafficking_victim_while_in_foster_care: false,
      in_care_victim_reported_to_law_enforcement: null,
    });
    expect(Object.keys(r)).toEqual([...AFCARS_FIELDS]);
  });

  it('reports a victim identified while in care and whether and when that was reported', () => {
    const ep: AfcarsEpisode = {
      leftFrom: 'facility',
      knownMissingAt: d('2026-01-01T00:00:00Z'),
      recoveredAt: d('2026-01-03T00:00:00Z'),
      screening: { outcome: 'identified_victim', at: d('2026-01-04T00:00:00Z') },
    };
    expect(toAfcarsRecord({ childId: 'C-2', episodes: [ep] })).toMatchObject({
      runaway_or_whereabouts_unknown: false,
      last_return_from_missing_date: '2026-01-03',
      sex_trafficking_victim_while_in_foster_care: true,
      in_care_victim_reported_to_law_enforcement: false,
      in_care_victim_report_to_law_enforcement_date: null,
      missing_reported_to_law_enforcement: false,
    });
    expect(
      toAfcarsRecord({ childId: 'C-2', episodes: [{ ...ep, victimReportedToLawEnforcementAt: d('2026-01-04T09:00:00Z') }] }),
    ).toMatchObject({
      in_care_victim_reported_to_law_enforcement: true,
      in_care_victim_report_to_law_enforcement_date: '2026-01-04',
    });
  });

  it('reports victimisation before care only as the case records it', () => {
    expect(
      toAfcarsRecord({
        childId: 'C',
        episodes: [],
        victimBeforeCare: true,
        victimBeforeCareReportedAt: d('2024-06-01T12:00:00Z'),
      }),
    ).toMatchObject({
      sex_trafficking_victim_prior_to_foster_care: true,
      prior_victim_reported_to_law_enforcement: true,
      prior_victim_report_to_law_enforcement_date: '2024-06-01',
      sex_trafficking_victim_while_in_foster_care: null,
    });
    expect(toAfcarsRecord({ childId: 'C', episodes: [], victimBeforeCare: false })).toMatchObject({
      sex_trafficking_victim_prior_to_foster_care: false,
      prior_victim_reported_to_law_enforcement: null,
    });
  });

  it('counts recovered episodes from care with no screening, or a declined one', () => {
    const base = {
      leftFrom: 'placement' as const,
      knownMissingAt: d('2026-01-01T00:00:00Z'),
      recoveredAt: d('2026-01-02T00:00:00Z'),
    };
    const r = toAfcarsRecord({
      childId: 'C',
      episodes: [
        base,
        { ...base, screening: { outcome: 'declined', at: d('2026-01-03T00:00:00Z') } },
        { ...base, screening: { outcome: 'screened_no_indication', at: d('2026-01-03T00:00:00Z') } },
      ],
    });
    expect(r.episodes_from_care_without_screening).toBe(2);
  });

  it('writes dates in the agency time zone when given', () => {
    const late = d('2026-03-11T03:00:00Z'); // still 10 March in Chicago
    expect(afcarsDate(late)).toBe('2026-03-11');
    expect(afcarsDate(late, 'America/Chicago')).toBe('2026-03-10');
    expect(
      toAfcarsRecord(
        { childId: 'C', episodes: [{ leftFrom: 'placement', knownMissingAt: late }] },
        { timeZone: 'America/Chicago' },
      ).runaway_or_whereabouts_unknown_since,
    ).toBe('2026-03-10');
  });
});

describe('afcarsCsv', () => {
  it('writes a header, yes/no and empty cells, with a byte-order mark and CRLF', () => {
    const csv = afcarsCsv([toAfcarsRecord({ childId: 'C-1', episodes: [] })]);
    expect(csv.startsWith('\uFEFF"child_record_id","runaway_or_whereabouts_unknown"')).toBe(true);
    const [, row] = csv.split('\r\n');
    expect(row).toMatch(/^"C-1","no","","0","0","",/);
  });

  it('turns a cell a spreadsheet would run as a formula into text', () => {
    const csv = afcarsCsv([
      toAfcarsRecord({ childId: '=HYPERLINK("http://example.test")', episodes: [] }),
      toAfcarsRecord({ childId: '@SUM(A1)', episodes: [] }),
      toAfcarsRecord({ childId: ' -2+3', episodes: [] }),
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.test"")"`);
    expect(csv).toContain(`"'@SUM(A1)"`);
    expect(csv).toContain(`"' -2+3"`);
  });

  it('never lets a cell start with a formula character (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (ids) => {
        const csv = afcarsCsv(ids.map((childId) => toAfcarsRecord({ childId, episodes: [] })));
        expect(csv).not.toMatch(/(^|,|\r\n)"\s*[=+\-@]/);
      }),
    );
  });
});
