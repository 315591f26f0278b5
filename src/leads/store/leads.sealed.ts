import type { SealedColumn } from '../../core/module.ts';
import { LEAD_NOTE_CONTEXT } from './service.ts';

/** The leads module's encrypted columns (key rotation re-encrypts them). */
export const leadsSealedColumns: readonly SealedColumn[] = [
  // The analyst's note on a decision; the column is named `note`, not `*_enc`.
  { table: 'leads', idColumn: 'id', column: 'note', context: LEAD_NOTE_CONTEXT },
];
