import type { SealedColumn } from '../core/module.ts';
import { PENDING_TOTP_CONTEXT, TOTP_CONTEXT } from './auth.service.ts';

/** The security module's encrypted columns (key rotation re-encrypts them). */
export const securitySealedColumns: readonly SealedColumn[] = [
  { table: 'staff_users', idColumn: 'id', column: 'totp_secret_enc', context: TOTP_CONTEXT },
  { table: 'staff_sessions', idColumn: 'id_hash', column: 'pending_totp_secret_enc', context: PENDING_TOTP_CONTEXT },
];
