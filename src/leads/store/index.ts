export { leadsMigrations } from './leads.migrations.ts';
export { leadsSealedColumns } from './leads.sealed.ts';
export { leadsRoutes } from './routes.ts';
export { importAdverts, phoneKeyOf, type ImportSummary, type LeadsDeps } from './service.ts';
export { UnreadableImport, type ImportFormat } from './import.ts';
export { linkPending, type LinkSummary } from './linking.ts';
export { matchAll } from './matching.ts';
export type { LeadsTables } from './leads.tables.ts';
export { advertsSharingTokens, raiseLeadsFor } from './watch.ts';
