import { createHash } from 'node:crypto';
import { DEFAULT_HUB_RULES, linkTable, type HubRules } from './link.ts';
import { LinkTableBuilder } from './table.ts';

export interface LinkableAdvert {
  id: string;
  postedAt?: string | null;
  city?: string | null;
  state?: string | null;
  site?: string | null;
  keys: readonly string[];
}

export interface Hub {
  key: string;
  adverts: number;
  cities: number;
  sites: number;
  reason: 'listed' | 'spread';
}

export interface HubOptions extends Partial<Omit<HubRules, 'listed' | 'allowed'>> {
  listed?: readonly string[];
  allowed?: readonly string[];
}

/**
 * A network is named after its oldest advert (earliest posted_at, then smallest id), hashed so the
 * name has one shape whatever the sites' ids look like. Re-running on the same adverts, or on more
 * adverts that are newer, keeps every name; a name changes only when networks merge (the merged
 * network takes the older name) or when an older advert joins.
 */
export function networkName(advertId: string): string {
  return `net-${createHash('sha256').update(advertId).digest('hex').slice(0, 16)}`;
}

function toRules(builder: LinkTableBuilder, options: HubOptions): HubRules {
  const ids = (keys: readonly string[] | undefined) =>
    new Set((keys ?? []).map((k) => builder.keyNames.lookup(k)).filter((k) => k !== undefined));
  return { ...DEFAULT_HUB_RULES, ...options, listed: ids(options.listed), allowed: ids(options.allowed) };
}

const time = (s: string | null | undefined) => {
  const t = s ? Date.parse(s) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** Links adverts into networks; returns each advert's network name (in input order) and the hubs that were not used. */
export function linkAdverts(adverts: readonly LinkableAdvert[], options: HubOptions = {}): { network: string[]; hubs: Hub[] } {
  const builder = new LinkTableBuilder();
  for (const a of adverts) builder.add({ keys: a.keys, city: a.city, state: a.state, site: a.site, postedAt: time(a.postedAt) });
  return finishLinking(builder, (i) => adverts[i]!.id, options);
}

export function finishLinking(
  builder: LinkTableBuilder,
  idOf: (advert: number) => string,
  options: HubOptions = {},
): { network: string[]; hubs: Hub[] } {
  const table = builder.build((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
  const outcome = linkTable(table, toRules(builder, options));
  const names = new Map<number, string>();
  const network = Array.from(outcome.namedBy, (by) => {
    let name = names.get(by);
    if (!name) names.set(by, (name = networkName(idOf(by))));
    return name;
  });
  const hubs = outcome.hubs.map((h) => ({ ...h, key: builder.keyNames.names[h.key]! }));
  return { network, hubs };
}
