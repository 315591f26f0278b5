import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/dates.ts';
import { monthlyFamilySupport, monthsBetween, type SupportActivity } from './counts.ts';

const day = fc.integer({ min: 0, max: 420 }).map((n) => addDays('2026-01-01', n));
const family = fc.constantFrom('f1', 'f2', 'f3', 'f4');
const activity: fc.Arbitrary<SupportActivity> = fc.record({
  matches: fc.array(
    fc.tuple(family, day, fc.option(fc.integer({ min: 0, max: 200 }), { nil: null })).map(([familyId, startedOn, length]) => ({
      familyId,
      startedOn,
      endedOn: length === null ? null : addDays(startedOn, length),
    })),
    { maxLength: 8 },
  ),
  contacts: fc.array(fc.record({ familyId: family, contactedOn: day }), { maxLength: 8 }),
  calls: fc.array(fc.record({ calledOn: day }), { maxLength: 12 }),
});

describe('monthsBetween', () => {
  it('lists every month across a year end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2027-03', '2027-02')).toEqual([]);
  });
});

describe('monthlyFamilySupport', () => {
  it('counts a match in every month it is in force, and a family once a month', () => {
    const rows = monthlyFamilySupport(
      {
        matches: [{ familyId: 'f1', startedOn: '2026-10-20', endedOn: '2026-12-02' }],
        contacts: [
          { familyId: 'f1', contactedOn: '2026-11-03' },
          { familyId: 'f2', contactedOn: '2026-11-04' },
        ],
        calls: [{ calledOn: '2026-11-05' }, { calledOn: '2026-11-30' }],
      },
      '2026-10',
      '2027-01',
    );
    expect(rows).toEqual([
      { month: '2026-10', familiesSupported: 1, activeMatches: 1, peerCalls: 0 },
      { month: '2026-11', familiesSupported: 2, activeMatches: 1, peerCalls: 2 },
      { month: '2026-12', familiesSupported: 1, activeMatches: 1, peerCalls: 0 },
      { month: '2027-01', familiesSupported: 0, activeMatches: 0, peerCalls: 0 },
    ]);
  });

  it('counts every call in the period once, and never more families than there are', () => {
    fc.assert(
      fc.property(activity, (a) => {
        const rows = monthlyFamilySupport(a, '2026-01', '2027-02');
        expect(rows.reduce((n, r) => n + r.peerCalls, 0)).toBe(a.calls.length);
        for (const r of rows) {
          expect(r.familiesSupported).toBeLessThanOrEqual(4);
          if (r.activeMatches > 0) expect(r.familiesSupported).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('more activity never lowers a month’s counts', () => {
    fc.assert(
      fc.property(activity, activity, (a, b) => {
        const before = monthlyFamilySupport(a, '2026-01', '2027-02');
        const after = monthlyFamilySupport(
          { matches: [...a.matches, ...b.matches], contacts: [...a.contacts, ...b.contacts], calls: [...a.calls, ...b.calls] },
          '2026-01',
          '2027-02',
        );
        before.forEach((r, i) => {
          expect(after[i]!.familiesSupported).toBeGreaterThanOrEqual(r.familiesSupported);
          expect(after[i]!.activeMatches).toBeGreaterThanOrEqual(r.activeMatches);
          expect(after[i]!.peerCalls).toBeGreaterThanOrEqual(r.peerCalls);
        });
      }),
    );
  });
});
