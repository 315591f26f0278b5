import { approvalOf, type StageCompletion } from './approval.ts';

/**
 * Beacon proposes volunteers for a family; a staff member decides. Hard filters first (approved
 * today, under their family limit, a shared language, the family's region), then closeness of lived
 * experience and preferences. Every proposal carries its reasons so the person confirming can judge.
 */
export const LIVED_EXPERIENCES = ['family_abduction', 'runaway', 'exploitation', 'recovery'] as const;
export type LivedExperience = (typeof LIVED_EXPERIENCES)[number];

export interface Candidate {
  id: string;
  name: string;
  completions: readonly StageCompletion[];
  familyLimit: number;
  activeMatches: number;
  languages: readonly string[];
  regions: readonly string[];
  livedExperience: readonly LivedExperience[];
  preferences: readonly string[];
}

export interface FamilyNeeds {
  languages: readonly string[];
  region: string;
  experience: readonly LivedExperience[];
  preferences: readonly string[];
}

export interface Proposal {
  volunteerId: string;
  name: string;
  score: number;
  reasons: string[];
}

export const SHORTLIST_SIZE = 5;
const EXPERIENCE_WEIGHT = 3;

const words = (s: string) => s.replaceAll('_', ' ');
const shared = <T>(a: readonly T[], b: readonly T[]) => a.filter((x) => b.includes(x));

/** Whether a volunteer may be proposed at all today; the hard filters. */
export function eligible(c: Candidate, family: FamilyNeeds, today: string): boolean {
  return (
    approvalOf(c.completions, today).approved &&
    c.activeMatches < c.familyLimit &&
    shared(c.languages, family.languages).length > 0 &&
    c.regions.includes(family.region)
  );
}

function proposalFor(c: Candidate, family: FamilyNeeds): Proposal {
  const experience = shared(c.livedExperience, family.experience);
  const preferences = shared(c.preferences, family.preferences);
  const reasons = [
    `Approved, ${c.activeMatches} of ${c.familyLimit} families`,
    `Speaks ${shared(c.languages, family.languages).join(', ')}`,
    `Serves ${family.region}`,
    ...(experience.length > 0 ? [`Lived experience: ${experience.map(words).join(', ')}`] : []),
    ...(preferences.length > 0 ? [`Shared preferences: ${preferences.map(words).join(', ')}`] : []),
  ];
  return { volunteerId: c.id, name: c.name, score: experience.length * EXPERIENCE_WEIGHT + preferences.length, reasons };
}

export function shortlist(
  candidates: readonly Candidate[],
  family: FamilyNeeds,
  today: string,
  size = SHORTLIST_SIZE,
): Proposal[] {
  return candidates
    .filter((c) => eligible(c, family, today))
    .map((c) => proposalFor(c, family))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.volunteerId.localeCompare(b.volunteerId))
    .slice(0, size);
}
