import { keyId, uniqueItems, valueOf, type Frame, type Key, type Table } from './disclosure/frame.ts';
import type { DisclosureRules, Release } from './disclosure/suppress.ts';

export interface ReleaseRules extends DisclosureRules {
  readonly tables: readonly Table[];
}

/** A published figure: its count, or why there is none. `key` holds `*` for "all". */
export interface PublishedFigure {
  readonly key: readonly string[];
  readonly count: number | null;
  readonly hidden?: 'fewer_than_k' | 'withheld';
}

export function publishedFigures(frame: Frame, release: Release): PublishedFigure[] {
  return uniqueItems(frame, release.tables).map((key) => {
    const id = keyId(key);
    if (!release.hidden.has(id)) return { key, count: valueOf(frame, key) };
    return { key, count: null, hidden: release.small?.has(id) ? 'fewer_than_k' : 'withheld' };
  });
}

/** What a reader of an earlier release knows: its tables and which figures it hid and labelled. */
export function releaseOf(rules: ReleaseRules, figures: readonly PublishedFigure[]): Release {
  const hidden = new Set<string>();
  const small = new Set<string>();
  for (const figure of figures) {
    if (figure.count !== null) continue;
    hidden.add(keyId(figure.key));
    if (figure.hidden === 'fewer_than_k') small.add(keyId(figure.key));
  }
  return { tables: rules.tables, hidden, small, k: rules.k };
}

/** The earlier figures that no longer hold: publishing both would let a reader subtract one from the other. */
export function changedSince(frame: Frame, figures: readonly PublishedFigure[]): Key[] {
  return figures.filter((f) => f.count !== null && f.count !== valueOf(frame, f.key)).map((f) => f.key);
}
