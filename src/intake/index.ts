export { submitReport } from './intake.service.ts';
export { type Report } from './intake.schema.ts';
export { countReports, tipCountsOfYear, tipMonthCounts } from './intake.repo.ts';
// Cases check that a tip they link to exists (by reference, in a scope the caller chooses).
export { findReportByReference } from './intake.repo.ts';
export { demoReport, demoTip, DEMO_STATES, type DemoTip } from './intake.demo.ts';
export { exportReports } from './intake.service.ts';
export { toCybertiplineXml, toCsv, toJson, sinceDate, sinceSchema, EXPORT_FORMATS, type ExportFormat } from './export/index.ts';
// For case photos (src/cases): the same magic-byte check and sealed file store as ESP uploads.
export { checkFileType } from './files/file-type.ts';
export { fileStoreFor, FileStore } from './files/storage.ts';
export { blobStoreFor, DiskBlobs, type BlobStore } from './files/storage.ts';
export { espFileDataKey, reportBody } from './intake.sealed.ts';
export { renderNotFound } from './public/not-found.page.ts';
export type { IntakeTables } from './intake.tables.ts';
export { intakeModule } from './intake.module.ts';
// The public site's frame (header, language switch, footer), for other modules' public pages (training, statistics).
export { renderPage, withLang } from './public/layout.ts';
export { shippedPublicText } from './public/learn.page.ts';
