import { sealedColumn, type SealedPlace } from '../../security/index.ts';

// The analyst's note on a decision; the column is named `note`, not `*_enc`, and its context is older than the `table.column` habit.
export const leadNote = sealedColumn({ table: 'leads', idColumn: 'id', column: 'note', context: 'lead.note', plaintext: 'text' });

/** The leads module's encrypted columns (key rotation re-encrypts them). */
export const leadsSealedColumns: readonly SealedPlace[] = [leadNote];
