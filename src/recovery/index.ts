export { recoveryModule } from './recovery.module.ts';
export type { RecoveryTables } from './recovery.tables.ts';
export { planTasksOf } from './plan-tasks.ts';
