/**
 * A peer support volunteer's approval, computed from the stages they completed and when each runs
 * out. Nothing about approval is stored: a lapsed background check un-approves a volunteer the day
 * it lapses, with no job to run.
 */
import { addDays } from '../../core/dates.ts';

export const VOLUNTEER_STAGES = ['application', 'background_check', 'training', 'interview', 'confidentiality'] as const;
export type VolunteerStage = (typeof VOLUNTEER_STAGES)[number];

/** One completion of a stage; a renewal is a new completion, the old one stays for the record. */
export interface StageCompletion {
  stage: VolunteerStage;
  /** ISO date (yyyy-mm-dd). */
  completedOn: string;
  /** ISO date, the last day it counts; null when it never runs out. */
  validUntil: string | null;
}

export interface Approval {
  approved: boolean;
  /** Stages with no completion in force today (never done, or every completion expired). */
  missing: VolunteerStage[];
  /** The day the approval lapses unless something is renewed; null when not approved or nothing expires. */
  validUntil: string | null;
}

export interface ExpiringRequirement {
  stage: VolunteerStage;
  validUntil: string;
  /** The day the coordinator should start the renewal. */
  remindOn: string;
}

export const REMIND_DAYS_AHEAD = 45;

const inForce = (c: StageCompletion, today: string) => c.completedOn <= today && (c.validUntil === null || c.validUntil >= today);

/** The completion of a stage that is in force today and lasts longest; undefined when none is. */
function bestInForce(completions: readonly StageCompletion[], stage: VolunteerStage, today: string) {
  let best: StageCompletion | undefined;
  for (const c of completions) {
    if (c.stage !== stage || !inForce(c, today)) continue;
    if (!best || lastsLonger(c, best)) best = c;
  }
  return best;
}

const lastsLonger = (a: StageCompletion, b: StageCompletion) =>
  b.validUntil !== null && (a.validUntil === null || a.validUntil > b.validUntil);

export function approvalOf(completions: readonly StageCompletion[], today: string): Approval {
  const missing: VolunteerStage[] = [];
  let validUntil: string | null = null;
  for (const stage of VOLUNTEER_STAGES) {
    const best = bestInForce(completions, stage, today);
    if (!best) missing.push(stage);
    else if (best.validUntil !== null && (validUntil === null || best.validUntil < validUntil)) validUntil = best.validUntil;
  }
  const approved = missing.length === 0;
  return { approved, missing, validUntil: approved ? validUntil : null };
}

/**
 * Requirements in force today that run out within `daysAhead` days, with no renewal already
 * recorded: each is a task for the coordinator, due on its remind date.
 */
export function expiringRequirements(
  completions: readonly StageCompletion[],
  today: string,
  daysAhead = REMIND_DAYS_AHEAD,
): ExpiringRequirement[] {
  const horizon = addDays(today, daysAhead);
  const out: ExpiringRequirement[] = [];
  for (const stage of VOLUNTEER_STAGES) {
    const best = bestInForce(completions, stage, today);
    if (!best || best.validUntil === null || best.validUntil > horizon) continue;
    out.push({ stage, validUntil: best.validUntil, remindOn: addDays(best.validUntil, -daysAhead) });
  }
  return out;
}
