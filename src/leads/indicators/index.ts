export { EVIDENCE_LEVELS, SIGNALS, loadLexicon, parseLexicon, withEntries, type Evidence, type Lexicon, type LexiconEntry, type LexiconSource, type Signal } from './lexicon.ts';
export { patternProblem } from './engine.ts';
export { compileLexicon, MAX_MATCHED_CHARS, type Flag, type IndicatorMatcher, type SignalInput, type Span } from './match.ts';
export { compareForReview, orderForReview, reviewEvidence, type ReviewEvidence } from './review.ts';
