import type { StaffRow } from './admin.repo.ts';
import type { listResetRequestRows, listSignIns } from './admin.repo.ts';
import { isRole } from './roles.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null | undefined) => (d ? iso(d) : null);

export function presentStaff(row: StaffRow) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: isRole(row.role) ? row.role : ('analyst' as const),
    organisation: row.organisation,
    jurisdictions: row.jurisdictions,
    disabled: row.disabledAt !== null,
    passwordSet: row.passwordSet,
    totp: row.totp,
    passkeys: row.passkeys,
    createdAt: iso(row.createdAt),
    lastSignedInAt: isoOrNull(row.lastSignedInAt),
  };
}

type ResetRow = Awaited<ReturnType<typeof listResetRequestRows>>[number];

export function presentReset(row: ResetRow, now = Date.now()) {
  const status = row.approved_at
    ? 'approved'
    : row.cancelled_at
      ? 'cancelled'
      : new Date(row.expires_at).getTime() <= now
        ? 'expired'
        : 'open';
  return {
    id: row.id,
    kind: row.kind,
    userId: row.user_id,
    userEmail: row.user_email,
    requestedBy: row.requested_by,
    requestedByEmail: row.requested_by_email,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    status: status as 'open' | 'approved' | 'cancelled' | 'expired',
    approvedByEmail: row.approved_by_email ?? null,
  };
}

type SignInRow = Awaited<ReturnType<typeof listSignIns>>[number];
const OUTCOMES = {
  'auth.signed_in': 'signed_in',
  'auth.totp_enrolled': 'signed_in',
  'auth.password_failed': 'wrong_password',
  'auth.totp_failed': 'wrong_code',
  'auth.passkey_failed': 'passkey_refused',
} as const;

export function presentSignIn(row: SignInRow) {
  const details = (row.details ?? {}) as Record<string, unknown>;
  const method =
    row.action === 'auth.totp_enrolled'
      ? 'totp (first sign-in)'
      : row.action === 'auth.signed_in'
        ? typeof details.method === 'string'
          ? details.method
          : 'totp'
        : null;
  return {
    at: iso(row.at),
    outcome: OUTCOMES[row.action as keyof typeof OUTCOMES] ?? 'signed_in',
    method,
    userId: row.user_id ?? null,
    email: row.email ?? null,
  };
}

export function presentToken(row: {
  id: string;
  organisation: string;
  scopes: string[];
  label: string | null;
  created_at: Date | string;
  revoked_at: Date | string | null;
}) {
  return {
    id: row.id,
    organisation: row.organisation,
    scopes: row.scopes,
    label: row.label,
    createdAt: iso(row.created_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}
