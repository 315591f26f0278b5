import { EVIDENCE_LEVELS, patternProblem } from '../indicators/index.ts';
import { z } from 'zod';

/** Every analyst's entry cites this source: the team's own practice, not a study. */
export const ANALYST_SOURCE = {
  id: 'beacon-analysts',
  citation: "Entries added by this organisation's analysts in Beacon; practice, not a tested predictor.",
};

export const lexiconEntryInput = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens'),
  kind: z.enum(['phrase', 'pattern', 'emoji']),
  match: z.string().min(1).max(300),
  category: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens'),
  language: z.enum(['en', 'es', 'any']).default('any'),
  evidence: z.enum(EVIDENCE_LEVELS).default('practitioner'),
  note: z.string().max(1000).optional(),
});
export type LexiconEntryInput = z.infer<typeof lexiconEntryInput>;

/** The stored form: a full lexicon entry, ready for `withEntries`. */
export function analystEntry(id: string, input: LexiconEntryInput) {
  return { id, ...input, sources: [ANALYST_SOURCE.id] };
}

const refusedPattern = (e: unknown) => {
  const { kind, match } = e as { kind?: unknown; match?: unknown };
  return kind === 'pattern' && typeof match === 'string' && patternProblem(match) !== null;
};

/**
 * What the extraction workers get: entries, and the analysts' source once there is any entry.
 * A pattern kept before patterns ran on RE2 and that RE2 refuses is left out (and counted), so it
 * cannot stop every import.
 */
export function extraLexicon(stored: readonly unknown[]): { extraEntries: unknown[]; extraSources: unknown[]; refused: number } {
  const entries = stored.filter((e) => !refusedPattern(e));
  return {
    extraEntries: entries,
    extraSources: entries.length > 0 ? [ANALYST_SOURCE] : [],
    refused: stored.length - entries.length,
  };
}
