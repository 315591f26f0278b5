export { extractIdentifiers } from './extract/index.ts';
export type { Extraction, ExtractOptions, FoundAge, FoundEmail, FoundHandle, FoundPhone, FoundPlace, FoundUrl, ObfuscationStyle, TextSpan } from './extract/index.ts';
export { compareForReview, compileLexicon, EVIDENCE_LEVELS, loadLexicon, orderForReview, parseLexicon, reviewEvidence, SIGNALS, withEntries } from './indicators/index.ts';
export type { Evidence, Flag, IndicatorMatcher, Lexicon, LexiconEntry, LexiconSource, ReviewEvidence, Signal, SignalInput } from './indicators/index.ts';
export { DEFAULT_HUB_RULES, identifierKeys, linkAdverts, linkTable, LinkTableBuilder, networkName, pairScores } from './linking/index.ts';
export type { Hub, HubOptions, HubRules, LinkableAdvert, LinkOutcome, LinkTable, PairScores } from './linking/index.ts';
export { timeline, timelinesBy, type Sighting, type Stop } from './movement/index.ts';
export { analyzeFile, parseAdvertLine, UnreadableInput, type AdvertFindings, type AnalyzeOptions, type AnalyzeSummary } from './analyze/index.ts';
export type { LeadsTables } from './store/index.ts';
export { importAdverts, linkPending, matchAll, phoneKeyOf, UnreadableImport, type ImportFormat, type ImportSummary, type LeadsDeps, type LinkSummary } from './store/index.ts';
export type { LeadsPorts, ReferencesInReach, WatchedHit, WatchedToken } from './store/index.ts';
// For case photos (src/cases): the photo's PDQ hash, so adverts can be matched against it.
export { pdqFromImage } from './pdq/index.ts';
export { advertsSharingTokens, raiseLeadsFor } from './store/index.ts';
export { leadsModule } from './leads.module.ts';
