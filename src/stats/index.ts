export { TOTAL, makeFrame, type Frame, type Key, type Table } from './disclosure/frame.ts';
export { auditRelease, defaultRules, groupRare, protect, rulesProblems, type DisclosureRules, type Exposure, type Release } from './disclosure/suppress.ts';
export { latestTipRelease, releaseTipStatistics, releasedTipYears, type ReleaseOutcome, type StatsDeps, type TipCount } from './stats.release.ts';
export { statsModule } from './stats.module.ts';
export type { StatsTables } from './stats.tables.ts';
