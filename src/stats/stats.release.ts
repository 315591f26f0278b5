import type { Db } from '../database.ts';
import { recordAudit, type Actor } from '../security/index.ts';
import { makeFrame, type Frame, type Table } from './disclosure/frame.ts';
import {
  auditRelease,
  defaultRules,
  groupRare,
  protect,
  rulesProblems,
  type DisclosureRules,
  type Release,
} from './disclosure/suppress.ts';
import { changedSince, publishedFigures, releaseOf, type PublishedFigure, type ReleaseRules } from './stats.figures.ts';

/** Tips received in a year, counted by place, type and channel: what the intake module lends statistics. */
export interface TipCount {
  readonly state: string | null;
  readonly category: string;
  readonly channel: string;
  readonly count: number;
}

export interface StatsDeps {
  readonly db: Db;
  readonly tipCounts: (year: number) => Promise<readonly TipCount[]>;
}

export const TIP_DIMS = ['state', 'category', 'channel'] as const;
const TIP_TABLES: readonly Table[] = [['state', 'category'], ['channel']];
export const UNKNOWN_STATE = 'unknown';
export const OTHER_CATEGORY = 'other';

export type ReleaseOutcome =
  | { kind: 'released'; year: number; version: number; figures: number; hidden: number }
  | { kind: 'unchanged'; year: number; version: number }
  | { kind: 'invalid_rules'; problems: string[] }
  | { kind: 'unfinished_year'; year: number }
  | { kind: 'no_tips'; year: number }
  | { kind: 'counts_changed'; year: number; version: number; changed: number };

/**
 * Publishes a finished year's tip figures under disclosure control. A year already released gets
 * a new version only when its counts are unchanged (new rules, say): revised counts beside the old
 * ones would let a reader subtract one release from the other.
 */
export async function releaseTipStatistics(
  deps: StatsDeps,
  actor: Actor,
  input: { year: number; rules?: DisclosureRules; now?: Date },
): Promise<ReleaseOutcome> {
  const rules = input.rules ?? defaultRules;
  const problems = rulesProblems(rules);
  if (problems.length > 0) return { kind: 'invalid_rules', problems };
  if (input.year >= (input.now ?? new Date()).getUTCFullYear()) return { kind: 'unfinished_year', year: input.year };
  const counts = await deps.tipCounts(input.year);
  if (counts.length === 0) return { kind: 'no_tips', year: input.year };
  const frame = tipFrame(counts, rules.k);
  const earlier = await releasesOf(deps.db, input.year);
  const latest = earlier.at(-1);
  const changed = earlier.flatMap((r) => changedSince(frame, r.figures));
  if (latest && changed.length > 0)
    return { kind: 'counts_changed', year: input.year, version: latest.version, changed: changed.length };
  const known: Release[] = earlier.map((r) => releaseOf(r.rules, r.figures));
  const release = await protect(frame, TIP_TABLES, rules, known);
  const exposures = await auditRelease(frame, release, rules, known);
  if (exposures.length > 0)
    throw new Error(`The release audit found ${exposures.length} figures that could be narrowed; nothing was published.`);
  const figures = publishedFigures(frame, release);
  if (latest && JSON.stringify(latest.figures) === JSON.stringify(figures))
    return { kind: 'unchanged', year: input.year, version: latest.version };
  const version = (latest?.version ?? 0) + 1;
  const stored: ReleaseRules = { k: rules.k, protection: rules.protection, tables: TIP_TABLES };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('stats_releases')
      .values({
        subject: 'tips',
        year: input.year,
        version,
        rules: JSON.stringify(stored),
        dims: JSON.stringify(TIP_DIMS),
        figures: JSON.stringify(figures),
      })
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'stats_release.published',
      target: { type: 'stats_release', id: `tips-${input.year}-v${version}` },
      details: { year: input.year, version, figures: figures.length, hidden: release.hidden.size },
    });
  });
  return { kind: 'released', year: input.year, version, figures: figures.length, hidden: release.hidden.size };
}

/** Rare categories are counted together first, so that suppression does not have to hide them one by one. */
export function tipFrame(counts: readonly TipCount[], k: number): Frame {
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.category, (totals.get(c.category) ?? 0) + c.count);
  const grouping = groupRare(totals, k, OTHER_CATEGORY);
  const rows = counts.map((c) => ({
    ...c,
    state: c.state ?? UNKNOWN_STATE,
    category: grouping.get(c.category) ?? OTHER_CATEGORY,
  }));
  const values = TIP_DIMS.map((dim) => [...new Set(rows.map((r) => r[dim]))].sort());
  const cells = new Map<string, number>();
  for (const r of rows) {
    const id = [r.state, r.category, r.channel].join('\u001f');
    cells.set(id, (cells.get(id) ?? 0) + r.count);
  }
  return makeFrame(TIP_DIMS, values, (key) => cells.get(key.join('\u001f')) ?? 0);
}

export interface StoredRelease {
  readonly year: number;
  readonly version: number;
  readonly releasedAt: Date;
  readonly rules: ReleaseRules;
  readonly dims: readonly string[];
  readonly figures: readonly PublishedFigure[];
}

async function releasesOf(db: Db, year: number): Promise<StoredRelease[]> {
  return (await releaseRegister(db)).filter((r) => r.year === year);
}

export async function latestTipRelease(db: Db, year: number): Promise<StoredRelease | undefined> {
  return (await releasesOf(db, year)).at(-1);
}

export async function releasedTipYears(db: Db): Promise<{ year: number; version: number; releasedAt: Date }[]> {
  const rows = await db
    .selectFrom('stats_releases')
    .select(['year'])
    .select((eb) => [eb.fn.max('version').as('version'), eb.fn.max('released_at').as('released_at')])
    .where('subject', '=', 'tips')
    .groupBy('year')
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => ({ year: r.year, version: r.version, releasedAt: r.released_at }));
}

/** The register of releases: every release of every year, oldest first, as stored (what was published and what hidden). */
export async function releaseRegister(db: Db): Promise<StoredRelease[]> {
  const rows = await db
    .selectFrom('stats_releases')
    .selectAll()
    .where('subject', '=', 'tips')
    .orderBy('year')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    version: r.version,
    releasedAt: r.released_at,
    rules: r.rules,
    dims: r.dims,
    figures: r.figures,
  }));
}
