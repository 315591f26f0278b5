import { sealedColumn, type SealedPlace } from './sealing.ts';

export const totpSecret = sealedColumn({
  table: 'staff_users',
  idColumn: 'id',
  column: 'totp_secret_enc',
  context: 'staff_users.totp_secret_enc',
  plaintext: 'text',
});
/** A secret being enrolled, kept on the session until the first code proves it. */
export const pendingTotpSecret = sealedColumn({
  table: 'staff_sessions',
  idColumn: 'id_hash',
  column: 'pending_totp_secret_enc',
  context: 'staff_sessions.pending_totp_secret_enc',
  plaintext: 'text',
});

/** The security module's encrypted columns (key rotation re-encrypts them). */
export const securitySealedColumns: readonly SealedPlace[] = [totpSecret, pendingTotpSecret];
