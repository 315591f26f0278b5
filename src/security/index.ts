export { securityModule } from './security.module.ts';
export type { SecurityTables } from './security.tables.ts';
