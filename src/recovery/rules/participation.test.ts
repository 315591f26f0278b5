import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARTICIPANT_KINDS } from '../../shared/recovery.ts';
import type { PlanContent, PlanParticipant } from '../plan.schema.ts';
import { participationProblems } from './participation.ts';

const person = (id: string, kind: PlanParticipant['kind'], tookPart = true, notPartReason?: string): PlanParticipant => ({
  id,
  kind,
  name: `Person ${id}`,
  tookPart,
  ...(notPartReason === undefined ? {} : { notPartReason }),
});

const plan = (participants: PlanParticipant[], ownerIds: string[] = []): PlanContent => ({
  participants,
  youngPersonWords: '',
  sharing: { goals: true, youngPersonWords: false },
  needs: [
    {
      id: 'n1',
      domain: 'education',
      description: 'Back to school',
      goals: [
        {
          id: 'g1',
          description: 'Enrolled',
          measure: 'Attends',
          targetOn: '2026-09-01',
          actions: ownerIds.map((participantId, i) => ({
            id: `a${i}`,
            description: 'Call school',
            owner: { kind: 'other', participantId },
            dueOn: '2026-05-01',
          })),
        },
      ],
    },
  ],
});

const PARTICIPANT_FIELDS = { notPartReason: 1, tookPart: 1, kind: 1, participantId: 1 };

describe('participationProblems', () => {
  it('accepts a complete plan', () => {
    const p = plan(
      [person('yp', 'young_person'), person('gd', 'guardian'), person('x1', 'youth_named'), person('x2', 'youth_named')],
      ['gd', 'yp'],
    );
    expect(participationProblems(p, 15)).toEqual([]);
  });

  it('needs a guardian listed, and a reason when the guardian did not take part', () => {
    expect(participationProblems(plan([person('yp', 'young_person')]), 10)).toEqual([
      { path: 'participants', problem: 'guardian_missing' },
    ]);
    expect(participationProblems(plan([person('yp', 'young_person'), person('gd', 'guardian', false, '  ')]), 10)).toEqual([
      { path: 'participants[1].notPartReason', problem: 'reason_required' },
    ]);
    expect(participationProblems(plan([person('gd', 'guardian', false, 'Whereabouts unknown')]), 10)).toEqual([]);
  });

  it('needs a young person of 14 or over to take part, and not one younger', () => {
    expect(participationProblems(plan([person('gd', 'guardian')]), 14)).toEqual([
      { path: 'participants', problem: 'young_person_missing' },
    ]);
    expect(participationProblems(plan([person('gd', 'guardian'), person('yp', 'young_person', false)]), 16)).toEqual([
      { path: 'participants[1].tookPart', problem: 'young_person_must_take_part' },
    ]);
    expect(participationProblems(plan([person('gd', 'guardian')]), 13)).toEqual([]);
    expect(participationProblems(plan([person('gd', 'guardian')]), undefined)).toEqual([]);
  });

  it('allows people named by the young person only from 14, and at most two', () => {
    const named = [
      person('gd', 'guardian'),
      person('yp', 'young_person'),
      person('x1', 'youth_named'),
      person('x2', 'youth_named'),
      person('x3', 'youth_named'),
    ];
    expect(participationProblems(plan(named), 17)).toEqual([{ path: 'participants[4].kind', problem: 'youth_named_too_many' }]);
    expect(participationProblems(plan(named.slice(0, 3)), 13)).toEqual([
      { path: 'participants[2].kind', problem: 'youth_named_not_allowed' },
    ]);
    expect(participationProblems(plan(named.slice(0, 3)), undefined)).toEqual([
      { path: 'participants[2].kind', problem: 'youth_named_not_allowed' },
    ]);
  });

  it('needs every action owner to be a listed participant', () => {
    expect(participationProblems(plan([person('gd', 'guardian')], ['gd', 'gone']), 10)).toEqual([
      { path: 'needs[0].goals[0].actions[1].owner.participantId', problem: 'owner_not_listed' },
    ]);
  });

  const participants = fc
    .array(
      fc.record({
        kind: fc.constantFrom(...PARTICIPANT_KINDS),
        tookPart: fc.boolean(),
        reason: fc.option(fc.constantFrom('', 'Not reachable'), { nil: undefined }),
      }),
      { maxLength: 8 },
    )
    .map((ps) => ps.map((p, i) => person(`p${i}`, p.kind, p.tookPart, p.reason)));
  const age = fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined });

  it('property: every problem path names a field of the plan', () => {
    fc.assert(
      fc.property(participants, fc.array(fc.constantFrom('p0', 'p1', 'p9'), { maxLength: 3 }), age, (ps, owners, a) => {
        const content = plan(ps, owners);
        for (const { path } of participationProblems(content, a)) {
          const steps = path.split(/[.[\]]+/).filter((s) => s !== '');
          const parent = steps.slice(0, -1).reduce<unknown>((at, step) => (at as Record<string, unknown>)[step], content);
          expect(parent).toBeTypeOf('object');
          expect(steps.length === 1 || Object.keys(PARTICIPANT_FIELDS).includes(steps.at(-1)!)).toBe(true);
        }
      }),
    );
  });

  it('property: people named by the young person are flagged beyond two from 14, and all of them under 14', () => {
    fc.assert(
      fc.property(participants, age, (ps, a) => {
        const named = ps.filter((p) => p.kind === 'youth_named').length;
        const flagged = participationProblems(plan(ps), a).filter((p) => p.problem.startsWith('youth_named')).length;
        expect(flagged).toBe(a !== undefined && a >= 14 ? Math.max(0, named - 2) : named);
      }),
    );
  });

  it('property: a plan with a guardian and the young person both taking part, and no one else, has no problem at any age', () => {
    fc.assert(
      fc.property(age, (a) => {
        expect(participationProblems(plan([person('g', 'guardian'), person('y', 'young_person')], ['g']), a)).toEqual([]);
      }),
    );
  });
});
