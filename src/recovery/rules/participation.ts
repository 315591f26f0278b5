/**
 * Who must take part in making a plan. Each problem names the field to fix (`participants[2].notPartReason`)
 * and a short code the caller turns into a message. Pure.
 */
import type { PlanContent } from '../plan.schema.ts';

/** From this age the plan is made in consultation with the young person, who may name up to two people. */
export const CONSULTATION_AGE = 14;
export const MAX_YOUTH_NAMED = 2;

export type ParticipationProblemCode =
  /** A guardian listed as not taking part, with no reason given. */
  | 'reason_required'
  /** No guardian is listed at all. */
  | 'guardian_missing'
  /** The young person is 14 or over and is not listed. */
  | 'young_person_missing'
  /** The young person is 14 or over and is listed as not taking part. */
  | 'young_person_must_take_part'
  /** A person named by the young person, who is under 14 or of unknown age. */
  | 'youth_named_not_allowed'
  /** A third (or later) person named by the young person. */
  | 'youth_named_too_many'
  /** An action's owner names a participant the plan does not list. */
  | 'owner_not_listed';

export type ParticipationProblem = { path: string; problem: ParticipationProblemCode };

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

function participantProblems(content: PlanContent, age: number | undefined): ParticipationProblem[] {
  const problems: ParticipationProblem[] = [];
  const consulted = age !== undefined && age >= CONSULTATION_AGE;
  let named = 0;
  content.participants.forEach((p, i) => {
    if (p.kind === 'guardian' && !p.tookPart && blank(p.notPartReason))
      problems.push({ path: `participants[${i}].notPartReason`, problem: 'reason_required' });
    if (p.kind === 'young_person' && consulted && !p.tookPart)
      problems.push({ path: `participants[${i}].tookPart`, problem: 'young_person_must_take_part' });
    if (p.kind === 'youth_named') {
      named++;
      if (!consulted) problems.push({ path: `participants[${i}].kind`, problem: 'youth_named_not_allowed' });
      else if (named > MAX_YOUTH_NAMED) problems.push({ path: `participants[${i}].kind`, problem: 'youth_named_too_many' });
    }
  });
  const kinds = new Set(content.participants.map((p) => p.kind));
  if (!kinds.has('guardian')) problems.push({ path: 'participants', problem: 'guardian_missing' });
  if (consulted && !kinds.has('young_person')) problems.push({ path: 'participants', problem: 'young_person_missing' });
  return problems;
}

function ownerProblems(content: PlanContent): ParticipationProblem[] {
  const ids = new Set(content.participants.map((p) => p.id));
  const problems: ParticipationProblem[] = [];
  content.needs.forEach((need, n) =>
    need.goals.forEach((goal, g) =>
      goal.actions.forEach((action, a) => {
        const id = action.owner.participantId;
        if (id !== undefined && !ids.has(id))
          problems.push({ path: `needs[${n}].goals[${g}].actions[${a}].owner.participantId`, problem: 'owner_not_listed' });
      }),
    ),
  );
  return problems;
}

/**
 * What keeps a plan from being complete as to who took part: a guardian must be listed, taking part
 * or with the reason why not; a young person of 14 or over must take part and may name at most two
 * people (under 14, or of unknown age, none); every action's owner must be a listed participant.
 * An empty list means no problem.
 */
export function participationProblems(content: PlanContent, youngPersonAge: number | undefined): ParticipationProblem[] {
  return [...participantProblems(content, youngPersonAge), ...ownerProblems(content)];
}
