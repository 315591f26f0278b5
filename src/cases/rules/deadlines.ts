/**
 * The clocks that 42 U.S.C. 671(a)(34)–(35) starts when a child in care goes missing or is found to
 * be a sex-trafficking victim. Pure: the caller passes `now`.
 */

export type DeadlineKind =
  | 'report_law_enforcement'
  | 'report_clearinghouse'
  | 'return_interview'
  | 'trafficking_screening'
  | 'victim_report';

export type DeadlineState = 'met' | 'met_late' | 'due' | 'overdue';

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
export const DEADLINE_WINDOWS: Record<DeadlineKind, { hours: number; from: 'knownMissingAt' | 'recoveredAt' | 'identifiedVictimAt' }> = {
  report_law_enforcement: { hours: 24, from: 'knownMissingAt' },
  report_clearinghouse: { hours: 24, from: 'knownMissingAt' },
  return_interview: { hours: 72, from: 'recoveredAt' },
  trafficking_screening: { hours: 72, from: 'recoveredAt' },
  victim_report: { hours: 24, from: 'identifiedVictimAt' },
};

export function deadlineState(dueAt: Date, metAt: Date | undefined, now: Date): DeadlineState {
  if (metAt) return metAt.getTime() <= dueAt.getTime() ? 'met' : 'met_late';
  return now.getTime() > dueAt.getTime() ? 'overdue' : 'due';
}

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
export function clockText(d: Deadline, now: Date): string {
  switch (d.state) {
    case 'due':
      return `due in ${durationText(d.dueAt.getTime() - now.getTime())}`;
    case 'overdue':
      return `overdue by ${durationText(now.getTime() - d.dueAt.getTime())}`;
    case 'met': {
      const spare = d.dueAt.getTime() - (d.metAt?.getTime() ?? d.dueAt.getTime());
      return spare < 60_000 ? 'met on time' : `met with ${durationText(spare)} to spare`;
    }
    case 'met_late':
      return `met ${durationText((d.metAt?.getTime() ?? d.dueAt.getTime()) - d.dueAt.getTime())} late`;
  }
}

/** Human names for the clocks, for lists and dashboards. */
export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  report_law_enforcement: 'Report to law enforcement (24 h)',
  report_clearinghouse: 'Report to the missing-children clearinghouse (24 h)',
  return_interview: 'Return interview (72 h after recovery)',
  trafficking_screening: 'Sex-trafficking screening (72 h after recovery)',
  victim_report: 'Report identified victim to law enforcement (24 h)',
};
