export { casesRoutes } from './cases.routes.ts';
export { casesMigrations } from './cases.migrations.ts';
export { INDICATORS, type IndicatorCode } from './cases.indicators.ts';
