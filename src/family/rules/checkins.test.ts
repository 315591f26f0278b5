import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/dates.ts';
import { addMonth, DUE_DAYS_AHEAD, nextCheckIn } from './checkins.ts';

const TODAY = '2026-12-07';
const day = fc.integer({ min: -500, max: 500 }).map((n) => addDays(TODAY, n));

describe('addMonth', () => {
  it('keeps the day, or takes the month’s last day when it has fewer', () => {
    expect(addMonth('2026-01-15')).toBe('2026-02-15');
    expect(addMonth('2026-01-31')).toBe('2026-02-28');
    expect(addMonth('2028-01-31')).toBe('2028-02-29');
    expect(addMonth('2026-12-20')).toBe('2027-01-20');
  });

  it('is always 28 to 31 days later', () => {
    fc.assert(
      fc.property(day, (d) => {
        const next = addMonth(d);
        const days = (Date.parse(next) - Date.parse(d)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(31);
      }),
    );
  });
});

describe('nextCheckIn', () => {
  it('falls a month after the start, then a month after each check-in', () => {
    expect(nextCheckIn({ startedOn: '2026-11-01', endedOn: null, checkIns: [] }, TODAY)).toEqual({
      dueOn: '2026-12-01',
      state: 'overdue',
    });
    expect(nextCheckIn({ startedOn: '2026-11-01', endedOn: null, checkIns: [TODAY] }, TODAY)).toEqual({
      dueOn: '2027-01-07',
      state: 'upcoming',
    });
    expect(nextCheckIn({ startedOn: '2026-11-10', endedOn: null, checkIns: [] }, TODAY)).toEqual({
      dueOn: '2026-12-10',
      state: 'due',
    });
  });

  it('an ended match has no check-in', () => {
    fc.assert(
      fc.property(day, day, fc.array(day), (start, end, cs) => {
        expect(nextCheckIn({ startedOn: start, endedOn: end, checkIns: cs }, TODAY)).toBeNull();
      }),
    );
  });

  it('is after the start and after every check-in, and a month after the latest', () => {
    fc.assert(
      fc.property(day, fc.array(day, { maxLength: 6 }), (start, cs) => {
        const task = nextCheckIn({ startedOn: start, endedOn: null, checkIns: cs }, TODAY)!;
        for (const d of [start, ...cs]) expect(task.dueOn > d).toBe(true);
        expect(task.dueOn).toBe(addMonth([start, ...cs].sort().at(-1)!));
      }),
    );
  });

  it('recording a check-in never brings the next one forward', () => {
    fc.assert(
      fc.property(day, fc.array(day, { maxLength: 6 }), day, (start, cs, extra) => {
        const before = nextCheckIn({ startedOn: start, endedOn: null, checkIns: cs }, TODAY)!;
        const after = nextCheckIn({ startedOn: start, endedOn: null, checkIns: [...cs, extra] }, TODAY)!;
        expect(after.dueOn >= before.dueOn).toBe(true);
      }),
    );
  });

  it('is overdue exactly when its day has passed, due within the week ahead', () => {
    fc.assert(
      fc.property(day, (start) => {
        const task = nextCheckIn({ startedOn: start, endedOn: null, checkIns: [] }, TODAY)!;
        const expected = task.dueOn < TODAY ? 'overdue' : task.dueOn <= addDays(TODAY, DUE_DAYS_AHEAD) ? 'due' : 'upcoming';
        expect(task.state).toBe(expected);
      }),
    );
  });
});
