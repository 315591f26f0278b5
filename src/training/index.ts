export { trainingModule } from './training.module.ts';
export type { TrainingTables } from './training.tables.ts';
export { demoCertificates } from './training.demo.ts';
export { normaliseCode, revokeCertificate } from './certificates.repo.ts';
