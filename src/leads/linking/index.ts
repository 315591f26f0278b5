export { DisjointSets } from './disjoint-sets.ts';
export { pairScores, type PairScores } from './evaluate.ts';
export { identifierKeys, type IdentifierSource } from './keys.ts';
export { DEFAULT_HUB_RULES, findHubs, linkTable, type HubFinding, type HubRules, type LinkOutcome, type LinkTable } from './link.ts';
export { finishLinking, linkAdverts, networkName, type Hub, type HubOptions, type LinkableAdvert } from './networks.ts';
export { Interner, LinkTableBuilder } from './table.ts';
