import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageProblems, episodePattern, episodeProblems, parseDateOfBirth } from './episodes.ts';

const H = 3_600_000;
const now = new Date('2026-05-01T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * H);
const paths = (ps: { path: string }[]) => ps.map((p) => p.path);

describe('episodeProblems', () => {
  it('accepts a consistent episode', () => {
    const e = {
      knownMissingAt: ago(100),
      lastSeenAt: ago(102),
      reportedToLawEnforcementAt: ago(99),
      reportedToClearinghouseAt: ago(90),
      recoveredAt: ago(50),
      returnInterviewAt: ago(30),
      screeningAt: ago(30),
    };
    expect(episodeProblems(e, { dateOfBirth: '2011-02-03' }, [{ knownMissingAt: ago(2000) }], now)).toEqual([]);
  });

  it('refuses a recovery before the child was missing, naming the field', () => {
    const ps = episodeProblems({ knownMissingAt: ago(10), recoveredAt: ago(20) }, {}, [], now);
    expect(ps).toEqual([{ path: 'recoveredAt', message: expect.stringMatching(/recovery time is before/) }]);
  });

  it('allows a report a little before the known-missing time but not long before', () => {
    expect(
      episodeProblems(
        { knownMissingAt: ago(10), reportedToLawEnforcementAt: new Date(ago(10).getTime() - 10 * 60_000) },
        {},
        [],
        now,
      ),
    ).toEqual([]);
    expect(paths(episodeProblems({ knownMissingAt: ago(10), reportedToClearinghouseAt: ago(12) }, {}, [], now))).toEqual([
      'reportedToClearinghouseAt',
    ]);
  });

  it('refuses dates in the future beyond five minutes of clock skew', () => {
    expect(episodeProblems({ knownMissingAt: new Date(now.getTime() + 4 * 60_000) }, {}, [], now)).toEqual([]);
    const ps = episodeProblems({ knownMissingAt: ago(1), recoveredAt: new Date(now.getTime() + H) }, {}, [], now);
    expect(ps).toEqual([{ path: 'recoveredAt', message: 'The recovery time is in the future.' }]);
  });

  it('refuses an episode that starts before the child was born', () => {
    const ps = episodeProblems({ knownMissingAt: new Date('2010-01-01T00:00:00Z') }, { dateOfBirth: '2011-02-03' }, [], now);
    expect(ps).toEqual([{ path: 'knownMissingAt', message: expect.stringMatching(/before the child's date of birth/) }]);
  });

  it('refuses a duplicate of another episode within an hour', () => {
    expect(
      paths(
        episodeProblems({ knownMissingAt: ago(10) }, {}, [{ knownMissingAt: new Date(ago(10).getTime() + 59 * 60_000) }], now),
      ),
    ).toEqual(['knownMissingAt']);
    expect(episodeProblems({ knownMissingAt: ago(10) }, {}, [{ knownMissingAt: ago(11) }], now)).toEqual([]);
  });

  it('refuses a return interview or screening before recovery, or without one', () => {
    expect(
      paths(episodeProblems({ knownMissingAt: ago(100), recoveredAt: ago(50), returnInterviewAt: ago(60) }, {}, [], now)),
    ).toEqual(['returnInterviewAt']);
    expect(paths(episodeProblems({ knownMissingAt: ago(100), screeningAt: ago(60) }, {}, [], now))).toEqual(['screeningAt']);
  });

  it('refuses an invalid date object without throwing', () => {
    expect(paths(episodeProblems({ knownMissingAt: new Date('nope') }, {}, [], now))).toEqual(['knownMissingAt']);
  });

  it('never throws and every problem names a field and says something (property)', () => {
    const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z') });
    const e = fc.record(
      {
        knownMissingAt: date,
        reportedToLawEnforcementAt: date,
        reportedToClearinghouseAt: date,
        lastSeenAt: date,
        recoveredAt: date,
        returnInterviewAt: date,
        screeningAt: date,
      },
      { requiredKeys: ['knownMissingAt'] },
    );
    fc.assert(
      fc.property(
        e,
        fc.array(fc.record({ knownMissingAt: date }), { maxLength: 3 }),
        fc.option(fc.string(), { nil: undefined }),
        (ep, others, dob) => {
          for (const p of episodeProblems(ep, { dateOfBirth: dob }, others, now)) {
            expect(
              p.path in
                {
                  knownMissingAt: 1,
                  reportedToLawEnforcementAt: 1,
                  reportedToClearinghouseAt: 1,
                  lastSeenAt: 1,
                  recoveredAt: 1,
                  returnInterviewAt: 1,
                  screeningAt: 1,
                },
            ).toBe(true);
            expect(p.message).toMatch(/^[A-Z].*\.$/);
          }
        },
      ),
    );
  });

  it('finds no problem when every date is in order and in the past (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 5, maxLength: 5 }), (gaps) => {
        // missing, reported, recovered, interview, screening: each at or after the one before
        let t = new Date('2020-01-01T00:00:00Z').getTime();
        const at = gaps.map((g) => new Date((t += g * 60_000)));
        const e = {
          knownMissingAt: at[0]!,
          reportedToLawEnforcementAt: at[1],
          reportedToClearinghouseAt: at[1],
          recoveredAt: at[2],
          returnInterviewAt: at[3],
          screeningAt: at[4],
        };
        expect(episodeProblems(e, { dateOfBirth: '2008-06-01' }, [], now)).toEqual([]);
      }),
    );
  });
});

describe('ageProblems', () => {
  it('accepts a consistent age', () => {
    expect(ageProblems('2011-02-03', 15, now)).toEqual([]);
    expect(ageProblems('2011-02-03', 14, now)).toEqual([]);
    expect(ageProblems(undefined, 16, now)).toEqual([]);
    expect(ageProblems(undefined, undefined, now)).toEqual([]);
  });

  it('refuses a birth in the future', () => {
    expect(ageProblems('2030-01-01', undefined, now)).toEqual([
      { path: 'dateOfBirth', message: 'The date of birth is in the future.' },
    ]);
  });

  it('refuses a date that does not exist or is badly written', () => {
    expect(paths(ageProblems('2011-02-30', undefined, now))).toEqual(['dateOfBirth']);
    expect(paths(ageProblems('03/02/2011', undefined, now))).toEqual(['dateOfBirth']);
  });

  it('refuses someone over 21 for a child case', () => {
    expect(paths(ageProblems('2000-01-01', undefined, now))).toEqual(['dateOfBirth']);
    expect(paths(ageProblems(undefined, 30, now))).toEqual(['approximateAge']);
    expect(paths(ageProblems(undefined, -1, now))).toEqual(['approximateAge']);
  });

  it('refuses an age that disagrees with the date of birth by more than a year', () => {
    expect(ageProblems('2011-02-03', 12, now)).toEqual([
      { path: 'approximateAge', message: expect.stringMatching(/\(15\) by more than a year/) },
    ]);
  });

  it('counts birthdays on the calendar, including 29 February', () => {
    expect(parseDateOfBirth('2012-02-29')).toEqual(new Date('2012-02-29T00:00:00Z'));
    expect(parseDateOfBirth('2013-02-29')).toBeUndefined();
  });
});

describe('episodePattern', () => {
  const ep = (leftFrom: 'home' | 'placement' | 'facility', iso: string) => ({ leftFrom, knownMissingAt: new Date(iso) });

  it('says nothing about a single episode from home', () => {
    expect(episodePattern([ep('home', '2025-01-01')])).toEqual([]);
    expect(episodePattern([])).toEqual([]);
  });

  it('states 3+ episodes, episodes from care and a 90-day cluster as counted facts', () => {
    const facts = episodePattern([
      ep('home', '2024-01-01'),
      ep('placement', '2025-03-01'),
      ep('facility', '2025-04-15'),
      ep('placement', '2025-05-20'),
    ]);
    expect(facts).toEqual([
      { kind: 'repeated_missing', count: 4, text: expect.stringMatching(/^4 missing episodes recorded\. .*3 or more/) },
      { kind: 'missing_from_care', count: 3, text: expect.stringMatching(/^3 of 4 episodes began in care/) },
      { kind: 'recent_cluster', count: 3, text: '3 episodes began within 90 days of each other.' },
    ]);
  });

  it('does not call episodes more than 90 days apart a cluster', () => {
    expect(episodePattern([ep('home', '2025-01-01'), ep('home', '2025-04-02')]).map((f) => f.kind)).toEqual([]);
    expect(episodePattern([ep('home', '2025-01-01'), ep('home', '2025-03-31')]).map((f) => f.kind)).toEqual(['recent_cluster']);
  });

  it('never gives a score: counts stay within the number of episodes (property)', () => {
    const e = fc.record({
      leftFrom: fc.constantFrom('home' as const, 'placement' as const, 'facility' as const),
      knownMissingAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
    });
    fc.assert(
      fc.property(fc.array(e, { maxLength: 20 }), (eps) => {
        for (const f of episodePattern(eps)) {
          expect(f.count).toBeGreaterThan(0);
          expect(f.count).toBeLessThanOrEqual(eps.length);
          expect(f.text).not.toMatch(/score|risk level|likely/i);
        }
      }),
    );
  });
});
