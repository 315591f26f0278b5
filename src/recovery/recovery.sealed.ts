import { sealedColumn, type SealedPlace } from '../security/index.ts';
import { planContentSchema } from './plan.schema.ts';

export const planContent = sealedColumn({
  table: 'plan_versions',
  idColumn: 'id',
  column: 'content_enc',
  context: 'plan_versions.content_enc',
  plaintext: planContentSchema,
});
export const progressNote = sealedColumn({
  table: 'plan_progress',
  idColumn: 'id',
  column: 'note_enc',
  context: 'plan_progress.note_enc',
  plaintext: 'text',
});
export const serviceReason = sealedColumn({
  table: 'plan_services',
  idColumn: 'id',
  column: 'reason_not_provided_enc',
  context: 'plan_services.reason_not_provided_enc',
  plaintext: 'text',
});
export const referralLegalReason = sealedColumn({
  table: 'plan_referrals',
  idColumn: 'id',
  column: 'legal_reason_enc',
  context: 'plan_referrals.legal_reason_enc',
  plaintext: 'text',
});
export const referralNote = sealedColumn({
  table: 'plan_referrals',
  idColumn: 'id',
  column: 'note_enc',
  context: 'plan_referrals.note_enc',
  plaintext: 'text',
});

export const recoverySealedColumns: readonly SealedPlace[] = [
  planContent,
  progressNote,
  serviceReason,
  referralLegalReason,
  referralNote,
];
