export { retentionReview, type RetentionReport } from './cases.retention.ts';
export { addEpisode, addObservation } from './cases.work.service.ts';
export { createCase, decideClose, requestClose, saveTeam, type CasesDeps, type PlanTaskView } from './cases.service.ts';
export {
  caseAsSeenBy,
  caseIdentifierTokens,
  caseInReach,
  caseReferencesInReach,
  casesSharingIdentifiers,
  openCaseMatchesFor,
  type CaseMatch,
} from './cases.identifiers.ts';
export type { IdentifierKind } from './cases.search.ts';
export { reindexCases } from './cases.service.ts';
export { openCasePhotoMatches } from './cases.photo-hashes.ts';
export type { CasesTables } from './cases.tables.ts';
export { casesModule } from './cases.module.ts';
export { caseForPlan, missingEpisodeCounts, type CaseForPlan } from './cases.for-plans.ts';
export { STIGMATISING_TERMS as languageListSeed, parseLanguageList } from './rules/language.ts';
export { caseToLink, casesLinkedToFamily } from './cases.for-families.ts';
export { missingCasesNamed } from './cases.for-leads.ts';
// For the statistics rollup (src/stats): counts only.
export { childCounts, reportClockCounts, ageBandOf } from './cases.for-stats.ts';
