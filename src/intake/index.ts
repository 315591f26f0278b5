export { intakeApiRoutes, intakePublicRoutes } from './intake.routes.ts';
export { submitReport, listReports, readReport, BODY_CONTEXT as REPORT_BODY_CONTEXT, type Submission } from './intake.service.ts';
export { reportInputSchema, type Report, type ReportInput } from './intake.schema.ts';
export { countReports, reportBodies, updateReportBody } from './intake.repo.ts';
export { intakeMigrations } from './intake.migrations.ts';
export { demoReport } from './intake.demo.ts';
