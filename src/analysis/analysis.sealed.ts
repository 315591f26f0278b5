import type { SealedColumn } from '../core/module.ts';
import { OUTCOME_NOTE_CONTEXT, PACKAGE_CONTEXT, PASSED_ON_NOTE_CONTEXT } from './referrals/referral.service.ts';
import { CLOSE_NOTE_CONTEXT, NOTE_CONTEXT } from './triage/tip.service.ts';

/** The analysis module's encrypted columns (key rotation re-encrypts them). */
export const analysisSealedColumns: readonly SealedColumn[] = [
  { table: 'tip_notes', idColumn: 'id', column: 'body_enc', context: NOTE_CONTEXT },
  { table: 'tip_triage', idColumn: 'report_id', column: 'close_note_enc', context: CLOSE_NOTE_CONTEXT },
  { table: 'referrals', idColumn: 'id', column: 'package_enc', context: PACKAGE_CONTEXT },
  { table: 'referrals', idColumn: 'id', column: 'outcome_note_enc', context: OUTCOME_NOTE_CONTEXT },
  { table: 'referrals', idColumn: 'id', column: 'passed_on_note_enc', context: PASSED_ON_NOTE_CONTEXT },
];
