/**
 * Deadline wording and state, shared by the server (which computes the clocks) and the staff app
 * (which ticks them between loads). Pure: the caller passes `now`.
 */

export type DeadlineKind =
  'report_law_enforcement' | 'report_clearinghouse' | 'return_interview' | 'trafficking_screening' | 'victim_report';

/** The statutory clocks, and the supervisor's review after a recovery (a clock of the organisation's own). */
export type ClockKind = DeadlineKind | 'supervisor_review';

export type DeadlineState = 'met' | 'met_late' | 'due' | 'overdue';

/** Human names for the clocks, for lists and dashboards. */
export const DEADLINE_LABELS: Readonly<Record<ClockKind, string>> = {
  report_law_enforcement: 'Report to law enforcement (24 h)',
  report_clearinghouse: 'Report to the missing-children clearinghouse (24 h)',
  return_interview: 'Return interview (72 h after recovery)',
  trafficking_screening: 'Sex-trafficking screening (72 h after recovery)',
  victim_report: 'Report identified victim to law enforcement (24 h)',
  supervisor_review: 'Supervisor review after recovery',
};

export function deadlineState(dueAt: Date, metAt: Date | null | undefined, now: Date): DeadlineState {
  if (metAt) return metAt.getTime() <= dueAt.getTime() ? 'met' : 'met_late';
  return now.getTime() > dueAt.getTime() ? 'overdue' : 'due';
}

/**
 * A span for people: "45 min", "3 h 12 min", "2 d 4 h". Rounded down, so the time left is never
 * overstated; under a minute is "less than a minute".
 */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days >= 2) return hours ? `${days} d ${hours} h` : `${days} d`;
  const totalHours = Math.floor(minutes / 60);
  if (totalHours === 0) return `${mins} min`;
  return mins ? `${totalHours} h ${mins} min` : `${totalHours} h`;
}

/** "due in 3 h 12 min", "overdue by 2 h", "met with 19 h to spare", "met 2 h late". */
export function clockWords(state: DeadlineState, dueAt: Date, metAt: Date | null | undefined, now: Date): string {
  switch (state) {
    case 'due':
      return `due in ${durationText(dueAt.getTime() - now.getTime())}`;
    case 'overdue':
      return `overdue by ${durationText(now.getTime() - dueAt.getTime())}`;
    case 'met': {
      const spare = dueAt.getTime() - (metAt?.getTime() ?? dueAt.getTime());
      return spare < 60_000 ? 'met on time' : `met with ${durationText(spare)} to spare`;
    }
    case 'met_late':
      return `met ${durationText((metAt?.getTime() ?? dueAt.getTime()) - dueAt.getTime())} late`;
  }
}
