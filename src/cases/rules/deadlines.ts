/**
 * The clocks that 42 U.S.C. 671(a)(34)–(35) starts when a child in care goes missing or is found to
 * be a sex-trafficking victim. Pure: the caller passes `now`.
 */

import { clockWords, deadlineState, type DeadlineKind, type DeadlineState } from '../../shared/deadlines.ts';

export { deadlineState, durationText, type DeadlineKind, type DeadlineState } from '../../shared/deadlines.ts';

export type Deadline = {
  kind: DeadlineKind;
  dueAt: Date;
  metAt?: Date;
  state: DeadlineState;
};

export type EpisodeTimes = {
  knownMissingAt: Date;
  reportedToLawEnforcementAt?: Date;
  reportedToClearinghouseAt?: Date;
  recoveredAt?: Date;
  returnInterviewAt?: Date;
  screeningAt?: Date;
  identifiedVictimAt?: Date;
  victimReportedAt?: Date;
};

const HOUR = 3_600_000;

/** How long each clock runs, and from which moment. */
export const DEADLINE_WINDOWS: Record<
  DeadlineKind,
  { hours: number; from: 'knownMissingAt' | 'recoveredAt' | 'identifiedVictimAt' }
> = {
  report_law_enforcement: { hours: 24, from: 'knownMissingAt' },
  report_clearinghouse: { hours: 24, from: 'knownMissingAt' },
  return_interview: { hours: 72, from: 'recoveredAt' },
  trafficking_screening: { hours: 72, from: 'recoveredAt' },
  victim_report: { hours: 24, from: 'identifiedVictimAt' },
};

function deadline(kind: DeadlineKind, start: Date, metAt: Date | undefined, now: Date): Deadline {
  const dueAt = new Date(start.getTime() + DEADLINE_WINDOWS[kind].hours * HOUR);
  const d: Deadline = { kind, dueAt, state: deadlineState(dueAt, metAt, now) };
  if (metAt) d.metAt = metAt;
  return d;
}

/**
 * The deadlines an episode has so far: the two 24-hour reports always; the return interview and the
 * trafficking screening once the child is recovered; the victim report once the child is identified
 * as a victim. In that order.
 */
export function episodeDeadlines(e: EpisodeTimes, now: Date): Deadline[] {
  const out: Deadline[] = [
    deadline('report_law_enforcement', e.knownMissingAt, e.reportedToLawEnforcementAt, now),
    deadline('report_clearinghouse', e.knownMissingAt, e.reportedToClearinghouseAt, now),
  ];
  if (e.recoveredAt) {
    out.push(deadline('return_interview', e.recoveredAt, e.returnInterviewAt, now));
    out.push(deadline('trafficking_screening', e.recoveredAt, e.screeningAt, now));
  }
  if (e.identifiedVictimAt) out.push(deadline('victim_report', e.identifiedVictimAt, e.victimReportedAt, now));
  return out;
}

/** "due in 3 h 12 min", "overdue by 2 h", "met with 19 h to spare", "met 2 h late". */
export function clockText(d: Deadline, now: Date): string {
  return clockWords(d.state, d.dueAt, d.metAt, now);
}
