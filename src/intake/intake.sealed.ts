import { z } from 'zod';
import { sealedColumn, type SealedColumn, type SealedPlace } from '../security/index.ts';
import type { FileMeta } from './esp/esp.service.ts';
import { draftReportSchema } from './hotline/hotline.schema.ts';
import { hotlineCallSchema, reportInputSchema } from './intake.schema.ts';

/** A stored tip: what `reportInputSchema` gave on submission, and the call when the hotline took it. */
const storedReport = z.intersection(reportInputSchema, z.object({ call: hotlineCallSchema.optional() }));

export const reportBody = sealedColumn({
  table: 'reports',
  idColumn: 'id',
  column: 'body_enc',
  context: 'reports.body_enc',
  plaintext: storedReport,
});
export const draftBody = sealedColumn({
  table: 'report_drafts',
  idColumn: 'id',
  column: 'body_enc',
  context: 'report_drafts.body_enc',
  plaintext: draftReportSchema,
});
export const espReportBody = sealedColumn({
  table: 'esp_reports',
  idColumn: 'id',
  column: 'body_enc',
  context: 'esp_reports.body_enc',
  plaintext: reportInputSchema,
});

const fileMeta = z.object({
  uploadName: z.string().nullable(),
  declaredType: z.string().nullable(),
  gps: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  details: z.object({
    originalName: z.string().optional(),
    description: z.string().optional(),
    publiclyAvailable: z.boolean().optional(),
    locationSeen: z.string().optional(),
  }),
});
export const espFileMeta: SealedColumn<FileMeta> = sealedColumn({
  table: 'esp_files',
  idColumn: 'id',
  column: 'meta_enc',
  context: 'esp_files.meta_enc',
  plaintext: fileMeta,
});
/** A file's own key (base64), sealed by the file store; case photos reuse this context (cases.sealed.ts). */
export const espFileDataKey = sealedColumn({
  table: 'esp_files',
  idColumn: 'id',
  column: 'data_key_enc',
  context: 'esp_files.data_key_enc',
  plaintext: 'text',
});

/** The intake module's encrypted columns (key rotation re-encrypts them). */
export const intakeSealedColumns: readonly SealedPlace[] = [reportBody, draftBody, espReportBody, espFileMeta, espFileDataKey];
