import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/dates.ts';
import { approvalOf, expiringRequirements, VOLUNTEER_STAGES, type StageCompletion } from './approval.ts';

const TODAY = '2026-12-06';
const day = fc.integer({ min: -800, max: 800 }).map((n) => addDays(TODAY, n));
const completion: fc.Arbitrary<StageCompletion> = fc.record({
  stage: fc.constantFrom(...VOLUNTEER_STAGES),
  completedOn: day,
  validUntil: fc.option(day, { nil: null }),
});
const past = fc.integer({ min: -800, max: 0 }).map((n) => addDays(TODAY, n));
const future = fc.integer({ min: 0, max: 800 }).map((n) => addDays(TODAY, n));
/** One completion in force today for every stage, plus any other completions. */
const approvedSet = fc
  .tuple(
    fc.tuple(
      ...VOLUNTEER_STAGES.map((stage) =>
        fc.record({ stage: fc.constant(stage), completedOn: past, validUntil: fc.option(future, { nil: null }) }),
      ),
    ),
    fc.array(completion, { maxLength: 8 }),
  )
  .map(([inForce, others]): StageCompletion[] => [...inForce, ...others]);
const allDone = (validUntil: string | null): StageCompletion[] =>
  VOLUNTEER_STAGES.map((stage) => ({ stage, completedOn: '2026-01-10', validUntil }));

describe('approvalOf', () => {
  it('approves a volunteer whose every stage is complete and unexpired', () => {
    expect(approvalOf(allDone(null), TODAY)).toEqual({ approved: true, missing: [], validUntil: null });
  });

  it('un-approves on the day after a background check lapses, and names it', () => {
    const done = allDone('2027-06-01').map((c) => (c.stage === 'background_check' ? { ...c, validUntil: '2026-12-05' } : c));
    expect(approvalOf(done, TODAY)).toEqual({ approved: false, missing: ['background_check'], validUntil: null });
  });

  it('approved exactly when every stage has a completion in force today', () => {
    fc.assert(
      fc.property(fc.array(completion, { maxLength: 15 }), (cs) => {
        const inForce = (s: string) =>
          cs.some((c) => c.stage === s && c.completedOn <= TODAY && (c.validUntil === null || c.validUntil >= TODAY));
        const a = approvalOf(cs, TODAY);
        expect(a.approved).toBe(VOLUNTEER_STAGES.every(inForce));
        expect(a.missing).toEqual(VOLUNTEER_STAGES.filter((s) => !inForce(s)));
      }),
    );
  });

  it('stays approved every day up to the date it reports, and not the day after', () => {
    fc.assert(
      fc.property(approvedSet, (cs) => {
        const a = approvalOf(cs, TODAY);
        fc.pre(a.validUntil !== null);
        expect(approvalOf(cs, a.validUntil!).approved).toBe(true);
        // A completion dated later could still start in between; only completions in force today count here.
        const known = cs.filter((c) => c.completedOn <= TODAY);
        expect(approvalOf(known, addDays(a.validUntil!, 1)).approved).toBe(false);
      }),
    );
  });

  it('a renewal recorded ahead of time never makes a volunteer less approved', () => {
    fc.assert(
      fc.property(approvedSet, completion, (cs, renewal) => {
        expect(approvalOf(cs, TODAY).approved).toBe(true);
        expect(approvalOf([...cs, renewal], TODAY).approved).toBe(true);
      }),
    );
  });
});

describe('expiringRequirements', () => {
  it('raises a reminder 45 days before a background check runs out', () => {
    const done = allDone(null).map((c) => (c.stage === 'background_check' ? { ...c, validUntil: '2027-01-10' } : c));
    expect(expiringRequirements(done, TODAY)).toEqual([
      { stage: 'background_check', validUntil: '2027-01-10', remindOn: '2026-11-26' },
    ]);
  });

  it('the reminder goes once the renewal is recorded', () => {
    const done = [
      ...allDone(null).map((c) => (c.stage === 'background_check' ? { ...c, validUntil: '2027-01-10' } : c)),
      { stage: 'background_check' as const, completedOn: TODAY, validUntil: '2029-12-06' },
    ];
    expect(expiringRequirements(done, TODAY)).toEqual([]);
  });

  it('only ever names requirements in force today that lapse within the window', () => {
    fc.assert(
      fc.property(fc.array(completion, { maxLength: 15 }), fc.integer({ min: 1, max: 120 }), (cs, ahead) => {
        for (const r of expiringRequirements(cs, TODAY, ahead)) {
          expect(r.validUntil >= TODAY && r.validUntil <= addDays(TODAY, ahead)).toBe(true);
          expect(approvalOf(cs, TODAY).missing).not.toContain(r.stage);
        }
      }),
    );
  });
});
