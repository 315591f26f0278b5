import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECURRENCES } from '../../shared/recovery.ts';
import type { PlanAction, PlanContent, PlanGoal } from '../plan.schema.ts';
import { addDays, addMonths } from '../../core/dates.ts';
import { actionStatus, actionTasks, goalStatus, needStatus, planLate, planStatus, type ActionProgress } from './plan-status.ts';

const action = (over: Partial<PlanAction> = {}): PlanAction => ({
  id: 'a1',
  description: 'Dental check-up',
  owner: { kind: 'foster_parent', participantId: 'p2' },
  dueOn: '2026-03-10',
  ...over,
});
const goal = (over: Partial<PlanGoal> = {}): PlanGoal => ({
  id: 'g1',
  description: 'Teeth treated',
  measure: 'Dentist confirms',
  targetOn: '2026-06-30',
  actions: [],
  ...over,
});
const done = (actionId: string, ...dates: string[]): ActionProgress => dates.map((doneOn) => ({ actionId, doneOn }));

const isoDay = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2010-01-01', n));

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});

describe('actionStatus, one-off', () => {
  it('is open, due soon (within 7 days, the due day included) and overdue the day after', () => {
    expect(actionStatus(action(), [], '2026-03-02')).toEqual({ state: 'open', nextDueOn: '2026-03-10' });
    expect(actionStatus(action(), [], '2026-03-03').state).toBe('due_soon');
    expect(actionStatus(action(), [], '2026-03-10').state).toBe('due_soon');
    expect(actionStatus(action(), [], '2026-03-11').state).toBe('overdue');
  });

  it('is done once anyone marks it done, late or not, and says when', () => {
    expect(actionStatus(action(), done('a1', '2026-04-01'), '2026-04-02')).toEqual({ state: 'done', lastDoneOn: '2026-04-01' });
  });

  it('ignores progress on other actions and progress dated after today', () => {
    expect(actionStatus(action(), done('a2', '2026-03-01'), '2026-03-11').state).toBe('overdue');
    expect(actionStatus(action(), done('a1', '2026-03-12'), '2026-03-11').state).toBe('overdue');
  });
});

describe('actionStatus, recurring', () => {
  const weekly = action({ recurrence: 'weekly', dueOn: '2026-03-02' });

  it('is due on its first date until someone marks it done', () => {
    expect(actionStatus(weekly, [], '2026-03-05')).toEqual({ state: 'overdue', nextDueOn: '2026-03-02' });
  });

  it('falls due at the first occurrence after the latest completion and is never done', () => {
    expect(actionStatus(weekly, done('a1', '2026-03-02'), '2026-03-03')).toEqual({
      state: 'due_soon',
      nextDueOn: '2026-03-09',
      lastDoneOn: '2026-03-02',
    });
    // Done late on Wednesday: the next is the following Monday, not the Monday missed.
    expect(actionStatus(weekly, done('a1', '2026-03-11'), '2026-03-12').nextDueOn).toBe('2026-03-16');
  });

  it('does not count an early completion for the coming occurrence', () => {
    expect(actionStatus(weekly, done('a1', '2026-03-06'), '2026-03-07').nextDueOn).toBe('2026-03-09');
  });

  it('runs monthly from the first date, clamped at month ends without drifting', () => {
    const monthly = action({ recurrence: 'monthly', dueOn: '2026-01-31' });
    expect(actionStatus(monthly, done('a1', '2026-01-31'), '2026-02-01').nextDueOn).toBe('2026-02-28');
    expect(actionStatus(monthly, done('a1', '2026-02-28'), '2026-03-01').nextDueOn).toBe('2026-03-31');
    const quarterly = action({ recurrence: 'quarterly', dueOn: '2026-11-30' });
    expect(actionStatus(quarterly, done('a1', '2026-12-01'), '2026-12-02').nextDueOn).toBe('2027-02-28');
  });

  it('property: the next due date is an occurrence, after the latest completion, with none skipped in between', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RECURRENCES),
        isoDay,
        fc.array(fc.integer({ min: -40, max: 800 }), { maxLength: 5 }),
        (recurrence, dueOn, offsets) => {
          const dates = offsets.map((o) => addDays(dueOn, o));
          const today = addDays(dueOn, 1000);
          const s = actionStatus(action({ dueOn, recurrence }), done('a1', ...dates), today);
          expect(s.state).not.toBe('done');
          const occurrences = Array.from({ length: 200 }, (_, k) =>
            recurrence === 'weekly' ? addDays(dueOn, 7 * k) : addMonths(dueOn, (recurrence === 'monthly' ? 1 : 3) * k),
          );
          expect(occurrences).toContain(s.nextDueOn);
          const last = dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : undefined;
          expect(s.lastDoneOn).toBe(last);
          if (last !== undefined) {
            expect(s.nextDueOn! > last).toBe(true);
            expect(occurrences.filter((o) => o > last && o < s.nextDueOn!)).toEqual([]);
          } else expect(s.nextDueOn).toBe(dueOn);
        },
      ),
    );
  });

  it('property: the state is judged on the next due date alone', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...RECURRENCES), { nil: undefined }),
        isoDay,
        fc.integer({ min: -30, max: 30 }),
        (recurrence, dueOn, shift) => {
          const today = addDays(dueOn, shift);
          const s = actionStatus(action({ dueOn, ...(recurrence ? { recurrence } : {}) }), [], today);
          expect(s.state).toBe(shift > 0 ? 'overdue' : shift >= -7 ? 'due_soon' : 'open');
        },
      ),
    );
  });
});

describe('goalStatus and needStatus', () => {
  it('is achieved once its date has come, else overdue after the target, else in progress', () => {
    expect(goalStatus(goal({ achievedOn: '2026-05-01' }), [], '2026-08-01')).toBe('achieved');
    expect(goalStatus(goal({ achievedOn: '2026-09-01' }), [], '2026-08-01')).toBe('overdue');
    expect(goalStatus(goal(), [], '2026-06-30')).toBe('in_progress');
    expect(goalStatus(goal(), [], '2026-07-01')).toBe('overdue');
  });

  it('meets a need only when it has goals and all are achieved', () => {
    const need = { id: 'n1', domain: 'medical_dental' as const, description: 'Untreated dental pain', goals: [] as PlanGoal[] };
    expect(needStatus(need, [], '2026-07-01')).toBe('open');
    expect(needStatus({ ...need, goals: [goal({ achievedOn: '2026-05-01' })] }, [], '2026-07-01')).toBe('met');
    expect(needStatus({ ...need, goals: [goal({ achievedOn: '2026-05-01' }), goal({ id: 'g2' })] }, [], '2026-07-01')).toBe(
      'open',
    );
  });
});

describe('planStatus', () => {
  it('runs draft, awaiting approval, active, review due, closed', () => {
    expect(planStatus({}, '2026-03-01')).toEqual({ state: 'draft' });
    expect(planStatus({ submittedOn: '2026-03-01' }, '2026-03-01')).toEqual({ state: 'awaiting_approval' });
    expect(planStatus({ submittedOn: '2026-03-01', approvedOn: '2026-03-04' }, '2026-09-03')).toEqual({
      state: 'active',
      reviewDueOn: '2026-09-04',
    });
    expect(planStatus({ approvedOn: '2026-03-04' }, '2026-09-04').state).toBe('review_due');
    expect(planStatus({ approvedOn: '2026-03-04', lastReviewedOn: '2026-09-01' }, '2026-09-04')).toEqual({
      state: 'active',
      reviewDueOn: '2027-03-01',
    });
    expect(planStatus({ approvedOn: '2026-03-04', reviewEveryMonths: 3 }, '2026-06-04').state).toBe('review_due');
    expect(planStatus({ approvedOn: '2026-03-04', closedOn: '2026-05-01' }, '2026-05-01')).toEqual({ state: 'closed' });
  });

  it('ignores facts dated after today', () => {
    expect(planStatus({ submittedOn: '2026-03-01', approvedOn: '2026-03-04', closedOn: '2026-05-01' }, '2026-03-02').state).toBe(
      'awaiting_approval',
    );
  });

  it('names the field when the review interval is not a whole number of months', () => {
    expect(() => planStatus({ reviewEveryMonths: 0 }, '2026-03-01')).toThrow(/reviewEveryMonths/);
  });

  it('property: an approved, unclosed plan is active before its review date and review due from it', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 900 }), (approvedOn, months, after) => {
        const today = addDays(approvedOn, after);
        const s = planStatus({ approvedOn, reviewEveryMonths: months }, today);
        expect(s.reviewDueOn).toBe(addMonths(approvedOn, months));
        expect(s.state).toBe(today >= s.reviewDueOn! ? 'review_due' : 'active');
      }),
    );
  });
});

describe('planLate', () => {
  it('flags a plan not approved within 60 days of recovery from day 61', () => {
    expect(planLate('2026-01-01', undefined, '2026-03-02')).toBe(false);
    expect(planLate('2026-01-01', undefined, '2026-03-03')).toBe(true);
    expect(planLate('2026-01-01', '2026-03-02', '2026-04-01')).toBe(false);
    expect(planLate('2026-01-01', '2026-03-10', '2026-04-01')).toBe(true);
  });

  it('property: never late on or before day 60; from day 61, late exactly when not approved by day 60', () => {
    fc.assert(
      fc.property(
        isoDay,
        fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
        fc.integer({ min: 0, max: 200 }),
        (recoveredOn, approvedAfter, todayAfter) => {
          const approvedOn = approvedAfter === undefined ? undefined : addDays(recoveredOn, approvedAfter);
          const late = planLate(recoveredOn, approvedOn, addDays(recoveredOn, todayAfter));
          if (todayAfter <= 60) expect(late).toBe(false);
          else expect(late).toBe(approvedAfter === undefined || approvedAfter > 60);
        },
      ),
    );
  });
});

describe('actionTasks', () => {
  const content: PlanContent = {
    participants: [],
    youngPersonWords: '',
    sharing: { goals: false, youngPersonWords: false },
    needs: [
      {
        id: 'n1',
        domain: 'medical_dental',
        description: 'Dental pain',
        goals: [
          goal({
            actions: [
              action({ id: 'a1', dueOn: '2026-04-01' }),
              action({ id: 'a2', dueOn: '2026-03-01', description: 'Book dentist' }),
            ],
          }),
          goal({ id: 'g2', achievedOn: '2026-02-01', actions: [action({ id: 'a3', dueOn: '2026-02-15' })] }),
        ],
      },
      {
        id: 'n2',
        domain: 'education',
        description: 'Back to school',
        goals: [
          goal({
            id: 'g3',
            actions: [
              action({
                id: 'a4',
                dueOn: '2026-03-20',
                recurrence: 'weekly',
                owner: { kind: 'advocate', name: 'School advocate' },
              }),
            ],
          }),
        ],
      },
    ],
  };

  it('lists open actions soonest first, leaving out done ones and those of achieved goals', () => {
    const tasks = actionTasks(content, done('a2', '2026-03-01'), '2026-03-15');
    expect(tasks).toEqual([
      {
        actionId: 'a4',
        needDomain: 'education',
        title: 'Dental check-up',
        dueOn: '2026-03-20',
        state: 'due_soon',
        owner: { kind: 'advocate', name: 'School advocate' },
      },
      {
        actionId: 'a1',
        needDomain: 'medical_dental',
        title: 'Dental check-up',
        dueOn: '2026-04-01',
        state: 'open',
        owner: { kind: 'foster_parent', participantId: 'p2' },
      },
    ]);
  });

  it('property: tasks are sorted by due date and none is done', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            due: fc.integer({ min: 0, max: 90 }),
            doneAt: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
          }),
          { maxLength: 12 },
        ),
        (items) => {
          const actions = items.map((it, i) => action({ id: `a${i}`, dueOn: addDays('2026-01-01', it.due) }));
          const progress = items.flatMap((it, i) =>
            it.doneAt === undefined ? [] : done(`a${i}`, addDays('2026-01-01', it.doneAt)),
          );
          const plan: PlanContent = {
            ...content,
            needs: [{ id: 'n', domain: 'education', description: 'x', goals: [goal({ actions })] }],
          };
          const tasks = actionTasks(plan, progress, '2026-04-15');
          expect(tasks.map((t) => t.dueOn)).toEqual([...tasks.map((t) => t.dueOn)].sort());
          expect(tasks.length).toBe(items.filter((it) => it.doneAt === undefined).length);
        },
      ),
    );
  });
});
