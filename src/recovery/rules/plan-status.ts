/**
 * The state of a plan and of everything in it, derived from dated facts (when an action was done,
 * when the plan was approved or reviewed), never typed in. Pure: the caller passes `today`. A fact
 * dated after `today` is not a fact yet, so asking about a past day ignores what came later.
 */
import type { NeedDomain, Recurrence } from '../../shared/recovery.ts';
import type { PlanAction, PlanContent, PlanGoal, PlanNeed } from '../plan.schema.ts';
import { addDays, addMonths, daysBetween, latest, monthsBetween } from '../../core/dates.ts';

/** An outside participant marked an action done on a date. Kept beside the plan, not in its content. */
export type ActionProgress = { actionId: string; doneOn: string }[];

export type ActionState = 'done' | 'overdue' | 'due_soon' | 'open';
export type ActionStatus = { state: ActionState; nextDueOn?: string; lastDoneOn?: string };
export type GoalState = 'achieved' | 'overdue' | 'in_progress';
export type NeedState = 'met' | 'open';
export type PlanState = 'draft' | 'awaiting_approval' | 'active' | 'review_due' | 'closed';

/** An action due within this many days is due soon. */
export const DUE_SOON_DAYS = 7;
/** A plan should be approved within this many days of the child's recovery. */
export const PLAN_WITHIN_DAYS = 60;
export const DEFAULT_REVIEW_EVERY_MONTHS = 6;

const MONTHS_PER: Record<Exclude<Recurrence, 'weekly'>, number> = { monthly: 1, quarterly: 3 };

/**
 * The k-th occurrence of a recurring action, counted from its first due date (k = 0). Months are
 * counted from the first date each time, not from the previous occurrence, so Jan 31 monthly runs
 * Feb 28, Mar 31, Apr 30 rather than drifting to the 28th.
 */
function occurrence(firstDueOn: string, recurrence: Recurrence, k: number): string {
  return recurrence === 'weekly' ? addDays(firstDueOn, 7 * k) : addMonths(firstDueOn, MONTHS_PER[recurrence] * k);
}

/** The first occurrence strictly after `doneOn`. */
function occurrenceAfter(firstDueOn: string, recurrence: Recurrence, doneOn: string): string {
  if (doneOn < firstDueOn) return firstDueOn;
  const step = recurrence === 'weekly' ? 7 : MONTHS_PER[recurrence];
  const elapsed = recurrence === 'weekly' ? daysBetween(firstDueOn, doneOn) : monthsBetween(firstDueOn, doneOn);
  // The estimate can be one step late or early at month ends; start below it and walk forward.
  let k = Math.max(0, Math.floor(elapsed / step) - 1);
  while (occurrence(firstDueOn, recurrence, k) <= doneOn) k++;
  return occurrence(firstDueOn, recurrence, k);
}

function dueState(dueOn: string, today: string): Exclude<ActionState, 'done'> {
  if (today > dueOn) return 'overdue';
  return daysBetween(today, dueOn) <= DUE_SOON_DAYS ? 'due_soon' : 'open';
}

function completions(actionId: string, progress: ActionProgress, today: string): string[] {
  return progress.filter((p) => p.actionId === actionId && p.doneOn <= today).map((p) => p.doneOn);
}

/**
 * A one-off action is done once anyone marks it done. A recurring action is never done: its next
 * due date is the first occurrence after the latest completion (the first due date when there is
 * none), and its state is judged on that date. A completion counts for the occurrences up to its
 * own date, so doing it early does not cover the coming occurrence.
 */
export function actionStatus(action: PlanAction, progress: ActionProgress, today: string): ActionStatus {
  const lastDoneOn = latest(completions(action.id, progress, today));
  const withLast = (s: ActionStatus): ActionStatus => (lastDoneOn === undefined ? s : { ...s, lastDoneOn });
  if (!action.recurrence) {
    if (lastDoneOn !== undefined) return withLast({ state: 'done' });
    return { state: dueState(action.dueOn, today), nextDueOn: action.dueOn };
  }
  const nextDueOn = lastDoneOn === undefined ? action.dueOn : occurrenceAfter(action.dueOn, action.recurrence, lastDoneOn);
  return withLast({ state: dueState(nextDueOn, today), nextDueOn });
}

function achieved(goal: PlanGoal, today: string): boolean {
  return goal.achievedOn !== undefined && goal.achievedOn <= today;
}

/** Achieved once its achieved date has come; overdue the day after its target date. */
export function goalStatus(goal: PlanGoal, _progress: ActionProgress, today: string): GoalState {
  if (achieved(goal, today)) return 'achieved';
  return today > goal.targetOn ? 'overdue' : 'in_progress';
}

/** Met when it has goals and every one is achieved; a need with no goals yet is open. */
export function needStatus(need: PlanNeed, _progress: ActionProgress, today: string): NeedState {
  return need.goals.length > 0 && need.goals.every((g) => achieved(g, today)) ? 'met' : 'open';
}

export type PlanFacts = {
  submittedOn?: string;
  approvedOn?: string;
  lastReviewedOn?: string;
  closedOn?: string;
  /** Months between reviews; 6 when not given. */
  reviewEveryMonths?: number;
};
export type PlanStatus = { state: PlanState; reviewDueOn?: string };

/**
 * Closed, else approved (active until the review falls due), else submitted (awaiting approval),
 * else a draft. The review falls due `reviewEveryMonths` after the later of the approval and the
 * last review, and is due from that day on.
 */
export function planStatus(facts: PlanFacts, today: string): PlanStatus {
  const months = facts.reviewEveryMonths ?? DEFAULT_REVIEW_EVERY_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > 60)
    throw new RangeError('reviewEveryMonths must be a whole number from 1 to 60');
  const has = (d: string | undefined): d is string => d !== undefined && d <= today;
  if (has(facts.closedOn)) return { state: 'closed' };
  if (has(facts.approvedOn)) {
    const from = latest([facts.approvedOn, ...(has(facts.lastReviewedOn) ? [facts.lastReviewedOn] : [])])!;
    const reviewDueOn = addMonths(from, months);
    return { state: today >= reviewDueOn ? 'review_due' : 'active', reviewDueOn };
  }
  return { state: has(facts.submittedOn) ? 'awaiting_approval' : 'draft' };
}

/**
 * True once more than 60 days have passed since recovery with no plan approved within them. A plan
 * approved late leaves the flag up: it says the plan was late, not only that it is missing.
 */
export function planLate(recoveredOn: string, approvedOn: string | undefined, today: string): boolean {
  const deadline = addDays(recoveredOn, PLAN_WITHIN_DAYS);
  const approvedInTime = approvedOn !== undefined && approvedOn <= today && approvedOn <= deadline;
  return !approvedInTime && today > deadline;
}

export type ActionTask = {
  actionId: string;
  needDomain: NeedDomain;
  title: string;
  dueOn: string;
  state: Exclude<ActionState, 'done'>;
  owner: PlanAction['owner'];
};

/**
 * The plan's open actions for the case's deadlines dashboard, soonest first (plan order among
 * equal dates). Actions under a goal already achieved are left out: the goal no longer needs them.
 */
export function actionTasks(content: PlanContent, progress: ActionProgress, today: string): ActionTask[] {
  const tasks: ActionTask[] = [];
  for (const need of content.needs) {
    for (const goal of need.goals) {
      if (achieved(goal, today)) continue;
      for (const action of goal.actions) {
        const s = actionStatus(action, progress, today);
        if (s.state === 'done' || s.nextDueOn === undefined) continue;
        tasks.push({
          actionId: action.id,
          needDomain: need.domain,
          title: action.description,
          dueOn: s.nextDueOn,
          state: s.state,
          owner: action.owner,
        });
      }
    }
  }
  return tasks.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}
