export { defaultRules } from './disclosure/suppress.ts';
export {
  latestTipRelease,
  releaseTipStatistics,
  releasedTipYears,
  type ReleaseOutcome,
  type StatsDeps,
} from './stats.release.ts';
export { statsModule } from './stats.module.ts';
export type { StatsTables } from './stats.tables.ts';
export { refreshRollups, type CountSources } from './dashboards/rollup.ts';
