import { DisjointSets } from './disjoint-sets.ts';

/**
 * Adverts and their identifier keys as flat arrays (compressed rows): advert i holds
 * keys[keyStart[i] .. keyStart[i+1]). Cities and sites are small interned ids (-1 when unknown).
 * precedence[i] orders adverts for naming networks: the member with the lowest value names it
 * (callers pass the rank by posting time, then advert id).
 */
export interface LinkTable {
  adverts: number;
  keyCount: number;
  keyStart: Int32Array;
  keys: Int32Array;
  city: Int32Array;
  site: Int32Array;
  precedence?: Int32Array;
}

export interface HubRules {
  /** A key becomes a candidate hub above this many adverts. */
  minAdverts: number;
  /** ...and is a hub when its adverts span at least this many cities, or this many sites. */
  minCities: number;
  minSites: number;
  /** Keys always treated as hubs (an analyst's list), and keys never treated as hubs. */
  listed?: ReadonlySet<number>;
  allowed?: ReadonlySet<number>;
}

export const DEFAULT_HUB_RULES: HubRules = { minAdverts: 50, minCities: 15, minSites: 6 };

export interface HubFinding {
  key: number;
  adverts: number;
  cities: number;
  sites: number;
  reason: 'listed' | 'spread';
}

export interface LinkOutcome {
  /** For each advert, the advert that names its network (itself when alone). */
  namedBy: Int32Array;
  hubs: HubFinding[];
}

function keyFrequency(t: LinkTable): Int32Array {
  const freq = new Int32Array(t.keyCount);
  for (let j = 0; j < t.keys.length; j++) freq[t.keys[j]!]!++;
  return freq;
}

/** Distinct cities and sites of the few frequent keys: one extra pass, sets only for candidates. */
function spread(t: LinkTable, candidates: Map<number, { cities: Set<number>; sites: Set<number> }>): void {
  for (let i = 0; i < t.adverts; i++) {
    for (let j = t.keyStart[i]!; j < t.keyStart[i + 1]!; j++) {
      const c = candidates.get(t.keys[j]!);
      if (!c) continue;
      if (t.city[i]! >= 0) c.cities.add(t.city[i]!);
      if (t.site[i]! >= 0) c.sites.add(t.site[i]!);
    }
  }
}

export function findHubs(t: LinkTable, rules: HubRules, freq: Int32Array = keyFrequency(t)): HubFinding[] {
  const candidates = new Map<number, { cities: Set<number>; sites: Set<number> }>();
  for (let k = 0; k < t.keyCount; k++) {
    if (rules.allowed?.has(k)) continue;
    if (freq[k]! > rules.minAdverts || rules.listed?.has(k)) candidates.set(k, { cities: new Set(), sites: new Set() });
  }
  spread(t, candidates);
  const hubs: HubFinding[] = [];
  for (const [key, c] of candidates) {
    const finding = { key, adverts: freq[key]!, cities: c.cities.size, sites: c.sites.size };
    if (rules.listed?.has(key)) hubs.push({ ...finding, reason: 'listed' });
    else if (c.cities.size >= rules.minCities || c.sites.size >= rules.minSites) hubs.push({ ...finding, reason: 'spread' });
  }
  return hubs.sort((a, b) => b.adverts - a.adverts || a.key - b.key);
}

/** Adverts sharing any key that is not a hub join one network. */
export function linkTable(t: LinkTable, rules: HubRules = DEFAULT_HUB_RULES): LinkOutcome {
  const hubs = findHubs(t, rules);
  const isHub = new Uint8Array(t.keyCount);
  for (const h of hubs) isHub[h.key] = 1;
  const firstHolder = new Int32Array(t.keyCount).fill(-1);
  const sets = new DisjointSets(t.adverts);
  for (let i = 0; i < t.adverts; i++) {
    for (let j = t.keyStart[i]!; j < t.keyStart[i + 1]!; j++) {
      const k = t.keys[j]!;
      if (isHub[k]) continue;
      if (firstHolder[k] === -1) firstHolder[k] = i;
      else sets.union(i, firstHolder[k]!);
    }
  }
  return { namedBy: nameNetworks(sets, t), hubs };
}

function nameNetworks(sets: DisjointSets, t: LinkTable): Int32Array {
  const best = new Int32Array(t.adverts).fill(-1);
  const prec = t.precedence;
  for (let i = 0; i < t.adverts; i++) {
    const r = sets.find(i);
    const b = best[r]!;
    if (b === -1 || (prec ? prec[i]! < prec[b]! : i < b)) best[r] = i;
  }
  const namedBy = new Int32Array(t.adverts);
  for (let i = 0; i < t.adverts; i++) namedBy[i] = best[sets.find(i)]!;
  return namedBy;
}
