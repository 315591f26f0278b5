import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalOf, VOLUNTEER_STAGES, type StageCompletion } from './approval.ts';
import { monthlyCallCounts } from './calls.ts';
import { LIVED_EXPERIENCES, shortlist, type Candidate, type FamilyNeeds } from './shortlist.ts';

const TODAY = '2026-12-06';
const approvedStages: StageCompletion[] = VOLUNTEER_STAGES.map((stage) => ({
  stage,
  completedOn: '2026-01-01',
  validUntil: null,
}));
const family: FamilyNeeds = { languages: ['en'], region: 'north', experience: ['runaway'], preferences: ['evenings'] };
const volunteer = (id: string, extra: Partial<Candidate> = {}): Candidate => ({
  id,
  name: `Volunteer ${id}`,
  completions: approvedStages,
  familyLimit: 2,
  activeMatches: 0,
  languages: ['en'],
  regions: ['north'],
  livedExperience: [],
  preferences: [],
  ...extra,
});

const candidate: fc.Arbitrary<Candidate> = fc.record({
  id: fc.uuid(),
  name: fc.string({ maxLength: 8 }),
  completions: fc.array(
    fc.record({
      stage: fc.constantFrom(...VOLUNTEER_STAGES),
      completedOn: fc.constantFrom('2025-01-01', '2026-06-01', '2027-01-01'),
      validUntil: fc.constantFrom(null, '2026-01-01', '2026-12-06', '2027-06-01'),
    }),
    { maxLength: 8 },
  ),
  familyLimit: fc.integer({ min: 0, max: 3 }),
  activeMatches: fc.integer({ min: 0, max: 4 }),
  languages: fc.subarray(['en', 'es', 'fr']),
  regions: fc.subarray(['north', 'south']),
  livedExperience: fc.subarray([...LIVED_EXPERIENCES]),
  preferences: fc.subarray(['evenings', 'weekends', 'phone']),
});
const needs: fc.Arbitrary<FamilyNeeds> = fc.record({
  languages: fc.subarray(['en', 'es', 'fr'], { minLength: 1 }),
  region: fc.constantFrom('north', 'south'),
  experience: fc.subarray([...LIVED_EXPERIENCES]),
  preferences: fc.subarray(['evenings', 'weekends', 'phone']),
});

describe('shortlist', () => {
  it('puts the closest lived experience first and says why', () => {
    const list = shortlist([volunteer('a'), volunteer('b', { livedExperience: ['runaway'] })], family, TODAY);
    expect(list.map((p) => p.volunteerId)).toEqual(['b', 'a']);
    expect(list[0]!.reasons).toContain('Lived experience: runaway');
  });

  it('leaves out the unapproved, the full, other languages and other regions', () => {
    const list = shortlist(
      [
        volunteer('expired', { completions: approvedStages.map((c) => ({ ...c, validUntil: '2026-12-01' })) }),
        volunteer('full', { activeMatches: 2 }),
        volunteer('spanish', { languages: ['es'] }),
        volunteer('south', { regions: ['south'] }),
        volunteer('ok'),
      ],
      family,
      TODAY,
    );
    expect(list.map((p) => p.volunteerId)).toEqual(['ok']);
  });

  it('never proposes an unapproved or full volunteer, and every proposal gives reasons', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), needs, (cs, f) => {
        for (const p of shortlist(cs, f, TODAY)) {
          const c = cs.find((x) => x.id === p.volunteerId)!;
          expect(approvalOf(c.completions, TODAY).approved).toBe(true);
          expect(c.activeMatches).toBeLessThan(c.familyLimit);
          expect(c.regions).toContain(f.region);
          expect(c.languages.some((l) => f.languages.includes(l))).toBe(true);
          expect(p.reasons.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('is ordered by score and never longer than asked', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), needs, fc.integer({ min: 1, max: 6 }), (cs, f, size) => {
        const list = shortlist(cs, f, TODAY, size);
        expect(list.length).toBeLessThanOrEqual(size);
        for (let i = 1; i < list.length; i++) expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score);
      }),
    );
  });
});

describe('monthlyCallCounts', () => {
  it('counts calls and minutes by month, oldest first', () => {
    expect(
      monthlyCallCounts([
        { calledOn: '2026-12-01', minutes: 20 },
        { calledOn: '2026-11-30', minutes: 10 },
        { calledOn: '2026-12-03', minutes: 15 },
      ]),
    ).toEqual([
      { month: '2026-11', calls: 1, minutes: 10 },
      { month: '2026-12', calls: 2, minutes: 35 },
    ]);
  });
});
