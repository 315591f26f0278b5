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

export interface StatsTables {
  stats_releases: StatsReleasesTable;
}
