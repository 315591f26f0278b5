/**
 * Monthly check-ins on a peer support match, as tasks for the coordinator. Nothing is scheduled or
 * stored: the next check-in falls one month after the later of the match's start and its last
 * check-in, so recording one moves the task on, and an ended match has none.
 */
import { addDays } from '../../core/dates.ts';

export type CheckInState = 'upcoming' | 'due' | 'overdue';

export interface CheckInTask {
  /** ISO date the check-in falls on. */
  dueOn: string;
  state: CheckInState;
}

/** Days before the date a check-in is shown as due. */
export const DUE_DAYS_AHEAD = 7;

/** The same day a month later; the 31st becomes the month's last day (Jan 31 → Feb 28). */
export function addMonth(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}

export interface MatchDates {
  startedOn: string;
  endedOn: string | null;
  /** ISO dates of the check-ins recorded, in any order. */
  checkIns: readonly string[];
}

export function nextCheckIn(match: MatchDates, today: string): CheckInTask | null {
  if (match.endedOn !== null) return null;
  const latest = match.checkIns.reduce((a, b) => (b > a ? b : a), match.startedOn);
  const dueOn = addMonth(latest);
  const state: CheckInState = dueOn < today ? 'overdue' : dueOn <= addDays(today, DUE_DAYS_AHEAD) ? 'due' : 'upcoming';
  return { dueOn, state };
}
