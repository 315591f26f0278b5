export { pairScores } from './evaluate.ts';
export { identifierKeys } from './keys.ts';
export { DEFAULT_HUB_RULES, linkTable, type HubRules, type LinkTable } from './link.ts';
export { finishLinking, linkAdverts, networkName, type Hub, type LinkableAdvert } from './networks.ts';
export { LinkTableBuilder } from './table.ts';
