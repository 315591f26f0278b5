export { EVIDENCE_LEVELS, loadLexicon, parseLexicon, withEntries } from './lexicon.ts';
export { patternProblem } from './engine.ts';
export { compileLexicon, MAX_MATCHED_CHARS, type Flag, type IndicatorMatcher } from './match.ts';
export { orderForReview, reviewEvidence } from './review.ts';
