export { recoveryModule } from './recovery.module.ts';
export type { RecoveryTables } from './recovery.tables.ts';
export { planTasksOf } from './plan-tasks.ts';
export { demoPlans } from './recovery.demo.ts';
export type { RecoveryDeps } from './plans.service.ts';
export { publishTemplateVersion, templateVersionForReview } from './templates.service.ts';
// For the statistics rollup (src/stats): counts only.
export { planCounts } from './plans.counts.ts';
