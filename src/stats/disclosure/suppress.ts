import { hiddenRanges, type Range } from './bounds.ts';
import { keyId, linesOf, uniqueItems, valueOf, type Frame, type Key, type Line, type Table } from './frame.ts';

/** k: counts from 1 to k − 1 are never published; protection: how wide a hidden figure's possible range must stay. */
export interface DisclosureRules {
  readonly k: number;
  readonly protection: number;
}

export const defaultRules: DisclosureRules = { k: 11, protection: 5 };

/**
 * A set of tables published from one frame, with the figures held back. `small` are the hidden
 * figures the release labels "fewer than k"; a reader knows they lie between 1 and k − 1, and the
 * audit assumes so. The other hidden figures are only "withheld".
 */
export interface Release {
  readonly tables: readonly Table[];
  readonly hidden: ReadonlySet<string>;
  readonly small?: ReadonlySet<string>;
  /** The threshold the release was made under: its "fewer than k" means 1 to k − 1 (default: the current rules' k). */
  readonly k?: number;
}

export interface Exposure {
  readonly item: Key;
  readonly value: number;
  readonly range: Range;
}

export function rulesProblems(rules: DisclosureRules): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(rules.k) || rules.k < 3) problems.push('The threshold k must be a whole number of at least 3.');
  if (!Number.isInteger(rules.protection) || rules.protection < 1)
    problems.push('The protection level must be a whole number of at least 1.');
  return problems;
}

const isSmall = (value: number, rules: DisclosureRules): boolean => value >= 1 && value < rules.k;

/**
 * Hides every small figure (primary suppression), keeps hidden what earlier releases hid, then
 * hides more figures (complementary suppression) until no hidden figure can be narrowed below the
 * protection level from this release and the earlier ones together.
 */
export async function protect(
  frame: Frame,
  tables: readonly Table[],
  rules: DisclosureRules = defaultRules,
  earlier: readonly Release[] = [],
): Promise<Release> {
  assertRules(rules);
  const items = uniqueItems(frame, tables);
  const values = new Map(items.map((item) => [keyId(item), valueOf(frame, item)]));
  const small = new Set(items.filter((item) => isSmall(values.get(keyId(item)) ?? 0, rules)).map(keyId));
  const hidden = new Set(small);
  const present = new Set(values.keys());
  for (const release of earlier) for (const id of release.hidden) if (present.has(id)) hidden.add(id);
  // A figure an earlier release showed is known; hiding it again protects nothing.
  const shown = new Set(
    earlier.flatMap((r) =>
      uniqueItems(frame, r.tables)
        .map(keyId)
        .filter((id) => !r.hidden.has(id)),
    ),
  );
  const fixed = (id: string) => shown.has(id) && !small.has(id);
  for (const id of shown) if (fixed(id)) hidden.delete(id);
  const lines = tables.flatMap((table) => linesOf(frame, table));
  for (;;) {
    closeLines(lines, hidden, values, fixed);
    const exposures = await exposed(frame, { tables, hidden, small }, rules, earlier);
    if (exposures.length === 0) return { tables, hidden, small, k: rules.k };
    const before = hidden.size;
    for (const exposure of exposures) widen(exposure.item, lines, hidden, values, fixed);
    if (hidden.size > before) continue;
    for (const item of items) if (!fixed(keyId(item))) hidden.add(keyId(item));
    if (hidden.size > before) continue;
    // Everything that can be hidden is; what still narrows a figure is the labels "fewer than k" themselves.
    const labels = small.size;
    for (const exposure of exposures) small.delete(keyId(exposure.item));
    if (small.size === labels) for (const id of small) small.delete(id);
    if (small.size === labels) throw new Error('These tables cannot be published safely beside the earlier releases.');
  }
}

/** Every hidden figure whose possible range, given all that is published, is narrower than the protection level. */
export async function auditRelease(
  frame: Frame,
  release: Release,
  rules: DisclosureRules = defaultRules,
  earlier: readonly Release[] = [],
): Promise<Exposure[]> {
  assertRules(rules);
  return exposed(frame, release, rules, earlier, true);
}

async function exposed(
  frame: Frame,
  release: Release,
  rules: DisclosureRules,
  earlier: readonly Release[],
  integer = false,
): Promise<Exposure[]> {
  const items = uniqueItems(frame, release.tables);
  // A figure an earlier release published is no secret: held back again, it has nothing to protect.
  const known = new Set(
    earlier.flatMap((r) =>
      uniqueItems(frame, r.tables)
        .map(keyId)
        .filter((id) => !r.hidden.has(id)),
    ),
  );
  const hiddenItems = items.filter((item) => release.hidden.has(keyId(item)) && !known.has(keyId(item)));
  const published = [release, ...earlier].flatMap((r) =>
    uniqueItems(frame, r.tables).filter((item) => !r.hidden.has(keyId(item))),
  );
  // Each release's labels bound its figures by its own threshold; a figure labelled twice is bounded by both.
  const bounded = [release, ...earlier].flatMap((r) =>
    uniqueItems(frame, r.tables)
      .filter((item) => r.small?.has(keyId(item)))
      .map((item) => ({ item, low: 1, high: (r.k ?? rules.k) - 1 })),
  );
  const ranges = await hiddenRanges(frame, published, hiddenItems, { integer, bounded });
  return hiddenItems.flatMap((item) => {
    const range = ranges.get(keyId(item));
    return range && range.high - range.low < rules.protection ? [{ item, value: valueOf(frame, item), range }] : [];
  });
}

/** No line may hold exactly one hidden figure: the margin minus the others would give it away. */
type Fixed = (id: string) => boolean;

function closeLines(lines: readonly Line[], hidden: Set<string>, values: ReadonlyMap<string, number>, fixed: Fixed): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const members = [line.total, ...line.parts].map(keyId);
      if (members.filter((id) => hidden.has(id)).length !== 1) continue;
      const partner = cheapest(line.parts.map(keyId), hidden, values, fixed) ?? keyId(line.total);
      if (!hidden.has(partner) && !fixed(partner)) {
        hidden.add(partner);
        changed = true;
      }
    }
  }
}

function widen(item: Key, lines: readonly Line[], hidden: Set<string>, values: ReadonlyMap<string, number>, fixed: Fixed): void {
  const id = keyId(item);
  const through = lines.filter((line) => [line.total, ...line.parts].some((member) => keyId(member) === id));
  for (const line of through) {
    const partner = cheapest([...line.parts, line.total].map(keyId), hidden, values, fixed);
    if (partner) {
      hidden.add(partner);
      return;
    }
  }
}

/** The smallest non-zero visible figure: hiding it costs the reader least. */
function cheapest(
  ids: readonly string[],
  hidden: ReadonlySet<string>,
  values: ReadonlyMap<string, number>,
  fixed: Fixed,
): string | undefined {
  const visible = ids.filter((id) => !hidden.has(id) && !fixed(id));
  const positive = visible.filter((id) => (values.get(id) ?? 0) > 0);
  const pool = positive.length > 0 ? positive : visible;
  return pool.sort((a, b) => (values.get(a) ?? 0) - (values.get(b) ?? 0))[0];
}

function assertRules(rules: DisclosureRules): void {
  const problems = rulesProblems(rules);
  if (problems.length > 0) throw new Error(problems.join(' '));
}

/** Categories too rare to publish on their own are counted together under `other`. */
export function groupRare(totals: ReadonlyMap<string, number>, k: number, other: string): Map<string, string> {
  const rare = [...totals].filter(([, n]) => n > 0 && n < k).map(([category]) => category);
  const grouping = new Map([...totals.keys()].map((category) => [category, category]));
  if (rare.length === 0) return grouping;
  const smallestCommon = [...totals]
    .filter(([category, n]) => n >= k && !rare.includes(category))
    .sort((a, b) => a[1] - b[1])[0]?.[0];
  const rareTotal = rare.reduce((sum, category) => sum + (totals.get(category) ?? 0), 0);
  for (const category of rare) grouping.set(category, other);
  if (rareTotal < k && smallestCommon) grouping.set(smallestCommon, other);
  return grouping;
}
