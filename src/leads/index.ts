export { extractIdentifiers } from './extract/index.ts';
export type { Extraction, ObfuscationStyle, TextSpan } from './extract/index.ts';
export { compileLexicon, loadLexicon } from './indicators/index.ts';
export { identifierKeys, linkAdverts, linkTable, pairScores } from './linking/index.ts';
export type { LinkTable } from './linking/index.ts';
export { analyzeFile, parseAdvertLine, UnreadableInput, type AnalyzeSummary } from './analyze/index.ts';
export type { LeadsTables } from './store/index.ts';
export { importAdverts, matchAll, UnreadableImport, type ImportSummary, type LeadsDeps } from './store/index.ts';
// For case photos (src/cases): the photo's PDQ hash, so adverts can be matched against it.
export { pdqFromImage, PdqIndex } from './pdq/index.ts';
export { advertsSharingTokens, raiseLeadsFor, raiseLeadsForPhoto } from './store/index.ts';
export { leadsModule } from './leads.module.ts';
export { demoAdverts, type DemoAdvert, type PlantedNetwork } from './leads.demo.ts';
