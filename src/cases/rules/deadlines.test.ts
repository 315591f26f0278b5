import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockText, durationText, episodeDeadlines, type Deadline } from './deadlines.ts';

const H = 3_600_000;
const t0 = new Date('2026-03-10T20:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);

describe('episodeDeadlines', () => {
  it('runs both 24-hour report clocks from the moment the child is known missing', () => {
    const ds = episodeDeadlines({ knownMissingAt: t0 }, at(3));
    expect(ds.map((d) => d.kind)).toEqual(['report_law_enforcement', 'report_clearinghouse']);
    for (const d of ds) {
      expect(d.dueAt).toEqual(at(24));
      expect(d.state).toBe('due');
      expect(d.metAt).toBeUndefined();
    }
  });

  it('marks a report made in time as met and a late one as met late', () => {
    const [le, ch] = episodeDeadlines(
      { knownMissingAt: t0, reportedToLawEnforcementAt: at(2), reportedToClearinghouseAt: at(30) },
      at(40),
    );
    expect(le).toMatchObject({ state: 'met', metAt: at(2) });
    expect(ch).toMatchObject({ state: 'met_late', metAt: at(30) });
  });

  it('counts a report made exactly at the deadline as on time', () => {
    const [le] = episodeDeadlines({ knownMissingAt: t0, reportedToLawEnforcementAt: at(24) }, at(30));
    expect(le?.state).toBe('met');
  });

  it('is overdue one millisecond after the deadline, not at it', () => {
    expect(episodeDeadlines({ knownMissingAt: t0 }, at(24))[0]?.state).toBe('due');
    expect(episodeDeadlines({ knownMissingAt: t0 }, new Date(at(24).getTime() + 1))[0]?.state).toBe('overdue');
  });

  it('adds the return interview and screening, 72 hours from recovery, once the child is recovered', () => {
    const ds = episodeDeadlines({ knownMissingAt: t0, recoveredAt: at(48), returnInterviewAt: at(60) }, at(130));
    const byKind = Object.fromEntries(ds.map((d) => [d.kind, d]));
    expect(byKind.return_interview).toMatchObject({ dueAt: at(120), state: 'met', metAt: at(60) });
    expect(byKind.trafficking_screening).toMatchObject({ dueAt: at(120), state: 'overdue' });
  });

  it('adds the 24-hour victim report once the child is identified as a victim', () => {
    const ds = episodeDeadlines(
      { knownMissingAt: t0, recoveredAt: at(48), screeningAt: at(50), identifiedVictimAt: at(50) },
      at(51),
    );
    expect(ds.map((d) => d.kind)).toContain('victim_report');
    expect(ds.find((d) => d.kind === 'victim_report')).toMatchObject({ dueAt: at(74), state: 'due' });
  });

  const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true });
  const episode = fc.record(
    {
      knownMissingAt: date,
      reportedToLawEnforcementAt: date,
      reportedToClearinghouseAt: date,
      recoveredAt: date,
      returnInterviewAt: date,
      screeningAt: date,
      identifiedVictimAt: date,
      victimReportedAt: date,
    },
    { requiredKeys: ['knownMissingAt'] },
  );

  it('holds its invariants for any dates (property)', () => {
    fc.assert(
      fc.property(episode, date, (e, now) => {
        for (const d of episodeDeadlines(e, now)) {
          const met = d.state === 'met' || d.state === 'met_late';
          // met iff a completion time is set; never both met and overdue
          expect(met).toBe(d.metAt !== undefined);
          // overdue iff not met and now is past the deadline
          expect(d.state === 'overdue').toBe(!met && now.getTime() > d.dueAt.getTime());
          // late iff completed after the deadline
          if (met) expect(d.state === 'met_late').toBe(d.metAt!.getTime() > d.dueAt.getTime());
          expect(clockText(d, now)).toMatch(/^(due in|overdue by|met) /);
        }
      }),
    );
  });

  it('has the follow-up clocks exactly when their trigger is recorded (property)', () => {
    fc.assert(
      fc.property(episode, date, (e, now) => {
        const kinds = episodeDeadlines(e, now).map((d) => d.kind);
        expect(kinds.includes('return_interview')).toBe(e.recoveredAt !== undefined);
        expect(kinds.includes('trafficking_screening')).toBe(e.recoveredAt !== undefined);
        expect(kinds.includes('victim_report')).toBe(e.identifiedVictimAt !== undefined);
        expect(new Set(kinds).size).toBe(kinds.length);
      }),
    );
  });

  it('gives a later deadline when the clock starts later (property)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 10_000_000 }), (start, shift) => {
        const a = episodeDeadlines({ knownMissingAt: start }, start)[0]!;
        const b = episodeDeadlines({ knownMissingAt: new Date(start.getTime() + shift) }, start)[0]!;
        expect(b.dueAt.getTime() - a.dueAt.getTime()).toBe(shift);
      }),
    );
  });
});

describe('clockText', () => {
  const d = (over: Partial<Deadline>): Deadline => ({ kind: 'report_law_enforcement', dueAt: at(24), state: 'due', ...over });

  it('says how long is left, rounded down', () => {
    expect(clockText(d({}), new Date(at(24).getTime() - (3 * H + 12 * 60_000 + 59_000)))).toBe('due in 3 h 12 min');
    expect(clockText(d({}), new Date(at(24).getTime() - 45 * 60_000))).toBe('due in 45 min');
    expect(clockText(d({}), new Date(at(24).getTime() - 30_000))).toBe('due in less than a minute');
  });

  it('says how far past it is', () => {
    expect(clockText(d({ state: 'overdue' }), at(26))).toBe('overdue by 2 h');
    expect(clockText(d({ state: 'overdue' }), at(24 + 75))).toBe('overdue by 3 d 3 h');
  });

  it('says how it was met', () => {
    expect(clockText(d({ state: 'met', metAt: at(5) }), at(30))).toBe('met with 19 h to spare');
    expect(clockText(d({ state: 'met', metAt: at(24) }), at(30))).toBe('met on time');
    expect(clockText(d({ state: 'met_late', metAt: at(29) }), at(30))).toBe('met 5 h late');
  });

  it('formats spans of days, hours and minutes', () => {
    expect(durationText(0)).toBe('less than a minute');
    expect(durationText(60_000)).toBe('1 min');
    expect(durationText(H)).toBe('1 h');
    expect(durationText(47 * H + 59 * 60_000)).toBe('47 h 59 min');
    expect(durationText(48 * H)).toBe('2 d');
  });
});
