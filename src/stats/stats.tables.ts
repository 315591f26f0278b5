import type { ColumnType } from 'kysely';
import type { PublishedFigure, ReleaseRules } from './stats.figures.ts';

type Json<T> = ColumnType<T, string, never>;

/** One row a release: what was published, never the counts behind what was hidden. */
export interface StatsReleasesTable {
  subject: 'tips';
  year: number;
  version: number;
  released_at: ColumnType<Date, Date | string | undefined, never>;
  rules: Json<ReleaseRules>;
  dims: Json<string[]>;
  figures: Json<PublishedFigure[]>;
}

/** Staff dashboards read these, refreshed by a background job (dashboards/rollup.ts): counts only. */
export interface StatsTipMonthsTable {
  month: string;
  state: string;
  category: string;
  channel: string;
  count: number;
}
export interface StatsMissingYearsTable {
  year: number;
  state: string;
  left_from: string;
  likely: boolean;
  count: number;
}
export interface StatsRollupsTable {
  name: string;
  refreshed_at: ColumnType<Date, Date, Date>;
}

/**
 * The other dashboards' counts, one measure a set of rows (dashboards/measures.ts names them):
 * `a` and `b` are the measure's two groupings (e.g. gender and age band), '' when unused.
 */
export interface StatsCountsTable {
  measure: string;
  month: string;
  state: string;
  a: string;
  b: string;
  count: number;
}

export interface StatsTables {
  stats_releases: StatsReleasesTable;
  stats_tip_months: StatsTipMonthsTable;
  stats_missing_years: StatsMissingYearsTable;
  stats_rollups: StatsRollupsTable;
  stats_counts: StatsCountsTable;
}
