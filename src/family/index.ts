export { familyModule } from './family.module.ts';
export type { FamilyTables } from './family.tables.ts';
export { familySupportCounts, peerCallCounts } from './peer.service.ts';
export { demoFamilies } from './family.demo.ts';
export type { CasesPort } from './advocacy.service.ts';
