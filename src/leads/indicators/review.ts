import type { Evidence } from './lexicon.ts';
import type { Flag } from './match.ts';

/**
 * How strongly an advert's flags are backed, counted by evidence level (distinct codes, so one
 * phrase repeated ten times counts once). Deliberately not a single number: it orders adverts for
 * review, and the reasons are always shown beside it. It describes an advert, never a child.
 */
export interface ReviewEvidence {
  direct: number;
  predictive: number;
  untested: number;
  notPredictive: number;
  reasons: Flag[];
}

const bucket: Record<Evidence, keyof Omit<ReviewEvidence, 'reasons'>> = {
  direct: 'direct',
  predictive: 'predictive',
  descriptive: 'untested',
  practitioner: 'untested',
  'not-predictive': 'notPredictive',
};

export function reviewEvidence(flags: readonly Flag[]): ReviewEvidence {
  const out: ReviewEvidence = { direct: 0, predictive: 0, untested: 0, notPredictive: 0, reasons: [...flags] };
  const seen = new Set<string>();
  for (const f of flags) {
    if (seen.has(f.code)) continue;
    seen.add(f.code);
    out[bucket[f.evidence]]++;
  }
  return out;
}

/** Sort comparator: direct statements first, then tested predictors, then untested signs. Not-predictive flags never raise an advert. */
export function compareForReview(a: ReviewEvidence, b: ReviewEvidence): number {
  return b.direct - a.direct || b.predictive - a.predictive || b.untested - a.untested;
}

export function orderForReview<T>(items: readonly T[], evidenceOf: (item: T) => ReviewEvidence): T[] {
  return items
    .map((item) => ({ item, ev: evidenceOf(item) }))
    .sort((x, y) => compareForReview(x.ev, y.ev))
    .map((x) => x.item);
}
