import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEED_DOMAINS, PARTICIPANT_KINDS } from '../../shared/recovery.ts';
import type { PlanAction, PlanContent, PlanGoal, PlanNeed, PlanParticipant } from '../plan.schema.ts';
import { comparePlans, type ComparedRow } from './compare.ts';

const participant = (id: string, name = `Person ${id}`): PlanParticipant => ({ id, kind: 'advocate', name, tookPart: true });
const action = (id: string, description = `Do ${id}`): PlanAction => ({
  id,
  description,
  owner: { kind: 'advocate', participantId: 'p1' },
  dueOn: '2026-05-01',
});
const goal = (id: string, actions: PlanAction[] = [], description = `Goal ${id}`): PlanGoal => ({
  id,
  description,
  measure: 'Seen',
  targetOn: '2026-09-01',
  actions,
});
const need = (id: string, goals: PlanGoal[]): PlanNeed => ({ id, domain: 'education', description: `Need ${id}`, goals });
const plan = (participants: PlanParticipant[], needs: PlanNeed[]): PlanContent => ({
  participants,
  youngPersonWords: 'I want to go back to school',
  sharing: { goals: true, youngPersonWords: false },
  needs,
});
const brief = (rows: ComparedRow[]) => rows.map((r) => `${r.key} ${r.change}`);

describe('comparePlans', () => {
  it('matches items by id: a reworded goal is changed, not removed and added', () => {
    const before = plan([participant('p1')], [need('n1', [goal('g1', [action('a1')])])]);
    const after = plan([participant('p1')], [need('n1', [goal('g1', [action('a1')], 'Enrolled at the new school')])]);
    const rows = comparePlans(before, after);
    expect(brief(rows)).toEqual([
      'participant:p1 same',
      'young_person_words same',
      'sharing.goals same',
      'sharing.youngPersonWords same',
      'need:n1 same',
      'goal:g1 changed',
      'action:a1 same',
    ]);
    expect(rows.find((r) => r.key === 'goal:g1')).toMatchObject({
      before: 'Goal g1. Measure: Seen. Target 2026-09-01.',
      after: expect.stringContaining('Enrolled'),
    });
  });

  it('follows the newer order and puts a removed item where it was', () => {
    const before = plan(
      [participant('p1'), participant('p2'), participant('p3')],
      [need('n1', [goal('g1'), goal('g2'), goal('g3')])],
    );
    const after = plan(
      [participant('p3'), participant('p1'), participant('p4')],
      [need('n1', [goal('g3'), goal('g1'), goal('g4')])],
    );
    expect(brief(comparePlans(before, after)).filter((r) => !r.startsWith('sharing') && !r.startsWith('young'))).toEqual([
      'participant:p3 same',
      'participant:p1 same',
      'participant:p2 removed',
      'participant:p4 added',
      'need:n1 same',
      'goal:g3 same',
      'goal:g1 same',
      'goal:g2 removed',
      'goal:g4 added',
    ]);
  });

  it('shows the children of a removed need as removed under it, and a goal moved to another need once, as changed', () => {
    const before = plan([participant('p1')], [need('n1', [goal('g1', [action('a1')]), goal('g2')]), need('n2', [])]);
    const after = plan([participant('p1')], [need('n2', [goal('g2')])]);
    const rows = comparePlans(before, after);
    expect(brief(rows).slice(4)).toEqual([
      'need:n1 removed',
      'goal:g1 removed',
      'action:a1 removed',
      'need:n2 same',
      'goal:g2 changed',
    ]);
    expect(rows.find((r) => r.key === 'goal:g2')?.after).toContain('moved from need: education: Need n1');
  });

  it('shows the owner by name and a change of the young person words or sharing', () => {
    const before = plan([participant('p1', 'Ana Example')], [need('n1', [goal('g1', [action('a1')])])]);
    const after = { ...before, youngPersonWords: 'I want my own room', sharing: { goals: false, youngPersonWords: false } };
    const rows = comparePlans(before, after);
    expect(rows.find((r) => r.key === 'action:a1')?.after).toBe('Do a1. Ana Example, by 2026-05-01.');
    expect(rows.find((r) => r.key === 'young_person_words')).toMatchObject({ change: 'changed', after: 'I want my own room' });
    expect(rows.find((r) => r.key === 'sharing.goals')).toMatchObject({ change: 'changed', before: 'Yes', after: 'No' });
  });

  // Ids come from small pools so that two random plans share some of them.
  const id = (prefix: string) => fc.constantFrom(...[1, 2, 3, 4, 5].map((n) => `${prefix}${n}`));
  const anyPlan = fc
    .record({
      participants: fc.uniqueArray(
        fc.record({
          id: id('p'),
          kind: fc.constantFrom(...PARTICIPANT_KINDS),
          name: fc.constantFrom('Ana', 'Ben'),
          tookPart: fc.boolean(),
        }),
        { selector: (p) => p.id, maxLength: 4 },
      ),
      needs: fc.uniqueArray(
        fc.record({
          id: id('n'),
          domain: fc.constantFrom(...NEED_DOMAINS),
          description: fc.constantFrom('x', 'y'),
          goals: fc.array(
            fc.record({
              id: id('g'),
              description: fc.constantFrom('x', 'y'),
              actions: fc.array(fc.record({ id: id('a'), description: fc.constantFrom('x', 'y') }), { maxLength: 3 }),
            }),
            { maxLength: 3 },
          ),
        }),
        { selector: (n) => n.id, maxLength: 3 },
      ),
    })
    .map(({ participants, needs }) => {
      // Goal and action ids are unique across the whole plan, as the editor keeps them.
      const seen = new Set<string>();
      const fresh = (k: string) => !seen.has(k) && (seen.add(k), true);
      return plan(
        participants,
        needs.map((n) => ({
          ...n,
          goals: n.goals
            .filter((g) => fresh(g.id))
            .map((g) =>
              goal(
                g.id,
                g.actions.filter((a) => fresh(a.id)).map((a) => action(a.id, a.description)),
                g.description,
              ),
            ),
        })),
      );
    });

  const itemKeys = (p: PlanContent) => [
    ...p.participants.map((x) => `participant:${x.id}`),
    ...p.needs.flatMap((n) => [
      `need:${n.id}`,
      ...n.goals.flatMap((g) => [`goal:${g.id}`, ...g.actions.map((a) => `action:${a.id}`)]),
    ]),
  ];

  it('property: a plan compared with itself is all the same', () => {
    fc.assert(
      fc.property(anyPlan, (p) => {
        expect(comparePlans(p, p).every((r) => r.change === 'same')).toBe(true);
      }),
    );
  });

  it('property: every item of either version appears exactly once, added, removed or matched', () => {
    fc.assert(
      fc.property(anyPlan, anyPlan, (before, after) => {
        const rows = comparePlans(before, after);
        const keys = rows.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        const b = new Set(itemKeys(before));
        const a = new Set(itemKeys(after));
        expect(new Set(keys.filter((k) => k.includes(':')))).toEqual(new Set([...b, ...a]));
        for (const r of rows.filter((x) => x.key.includes(':'))) {
          expect(r.change).toBe(!b.has(r.key) ? 'added' : !a.has(r.key) ? 'removed' : r.change === 'same' ? 'same' : 'changed');
          if (r.change === 'same') expect(r.before).toBe(r.after);
        }
      }),
    );
  });

  it('property: without the removed rows, the rows follow the newer version in order', () => {
    fc.assert(
      fc.property(anyPlan, anyPlan, (before, after) => {
        const kept = comparePlans(before, after).filter((r) => r.change !== 'removed' && r.key.includes(':'));
        expect(kept.map((r) => r.key)).toEqual(itemKeys(after));
      }),
    );
  });
});
