import { deadlineState, episodeDeadlines } from './rules/deadlines.ts';
import { episodePattern } from './rules/episodes.ts';
import { languageSuggestions, parseLanguageList, STIGMATISING_TERMS, type LanguageEntry } from './rules/language.ts';

export {
  episodePattern as patternOf,
  languageSuggestions as suggestionsFor,
  parseLanguageList,
  STIGMATISING_TERMS,
  type LanguageEntry,
};

/**
 * Adapts the pure rules in ./rules/ to the case records: which clocks run for an episode, the
 * pattern of episodes, and language suggestions for notes.
 */
export interface EpisodeClockInput {
  knownMissingAt: Date;
  reportedToLawEnforcementAt: Date | null;
  reportedToClearinghouseAt: Date | null;
  recoveredAt: Date | null;
  returnInterviewAt: Date | null;
  screeningAt: Date | null;
  screeningOutcome: string | null;
  victimReportedAt: Date | null;
  reviewedAt: Date | null;
}

export interface CaseDeadline {
  kind: string;
  dueAt: Date;
  metAt: Date | null;
  state: 'met' | 'met_late' | 'due' | 'overdue';
}

/** After a recovery, a supervisor reviews the interview and screening within this many days. */
export const SUPERVISOR_REVIEW_DAYS = 7;
const DAY = 86_400_000;

const opt = (d: Date | null): Date | undefined => d ?? undefined;

export function deadlinesOf(e: EpisodeClockInput, now: Date): CaseDeadline[] {
  const identified = e.screeningOutcome === 'identified_victim' ? opt(e.screeningAt) : undefined;
  const times = {
    knownMissingAt: e.knownMissingAt,
    ...(e.reportedToLawEnforcementAt ? { reportedToLawEnforcementAt: e.reportedToLawEnforcementAt } : {}),
    ...(e.reportedToClearinghouseAt ? { reportedToClearinghouseAt: e.reportedToClearinghouseAt } : {}),
    ...(e.recoveredAt ? { recoveredAt: e.recoveredAt } : {}),
    ...(e.returnInterviewAt ? { returnInterviewAt: e.returnInterviewAt } : {}),
    ...(e.screeningAt ? { screeningAt: e.screeningAt } : {}),
    ...(identified ? { identifiedVictimAt: identified } : {}),
    ...(e.victimReportedAt ? { victimReportedAt: e.victimReportedAt } : {}),
  };
  const out: CaseDeadline[] = episodeDeadlines(times, now).map((d) => ({
    kind: d.kind,
    dueAt: d.dueAt,
    metAt: d.metAt ?? null,
    state: d.state,
  }));
  if (e.recoveredAt) {
    const dueAt = new Date(e.recoveredAt.getTime() + SUPERVISOR_REVIEW_DAYS * DAY);
    out.push({ kind: 'supervisor_review', dueAt, metAt: e.reviewedAt, state: deadlineState(dueAt, opt(e.reviewedAt), now) });
  }
  return out;
}
