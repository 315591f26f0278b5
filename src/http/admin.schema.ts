import { z } from 'zod';
import { US_STATE_CODES } from '../shared/places.ts';
import { ROLES, TOKEN_SCOPES } from '../security/index.ts';

const state = z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(US_STATE_CODES));
const jurisdictions = z.array(state).max(60).describe('USPS codes; empty means no limit');

export const staffIdParams = z.object({ id: z.uuid() });

export const staffView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organisation: z.string(),
  jurisdictions: z.array(z.string()),
  disabled: z.boolean(),
  passwordSet: z.boolean(),
  totp: z.boolean(),
  passkeys: z.number().int(),
  createdAt: z.iso.datetime(),
  lastSignedInAt: z.iso.datetime().nullable(),
});

export const staffListResponse = z.object({ items: z.array(staffView) });

export const inviteBody = z.object({
  email: z.email({ error: 'must be an email address' }).max(254),
  role: z.enum(ROLES),
  displayName: z.string().trim().min(1).max(120).optional(),
  organisation: z.string().trim().min(1).max(200).optional().describe('defaults to the deploying organisation'),
  jurisdictions: jurisdictions.default([]),
});

export const inviteResponse = z.object({ id: z.uuid(), setupUrl: z.string().describe('one-time set-up link, shown only now') });

export const updateBody = z
  .object({
    role: z.enum(ROLES).optional(),
    displayName: z.string().trim().min(1).max(120).optional(),
    jurisdictions: jurisdictions.optional(),
  })
  .refine((b) => b.role !== undefined || b.displayName !== undefined || b.jurisdictions !== undefined, {
    message: 'change at least one field',
    path: ['role'],
  });

export const RESET_KINDS = ['password', 'second_factor'] as const;
export const resetBody = z.object({ kind: z.enum(RESET_KINDS) });

export const resetRequestView = z.object({
  id: z.uuid(),
  kind: z.enum(RESET_KINDS),
  userId: z.uuid(),
  userEmail: z.string(),
  requestedBy: z.uuid(),
  requestedByEmail: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  status: z.enum(['open', 'approved', 'cancelled', 'expired']),
  approvedByEmail: z.string().nullable(),
});

export const resetListResponse = z.object({ items: z.array(resetRequestView) });
export const approveResponse = z.object({
  kind: z.enum(RESET_KINDS),
  setupUrl: z.string().nullable().describe('for a password reset: the one-time set-up link, shown only now'),
});

export const signInsQuery = z.object({
  userId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const signInView = z.object({
  at: z.iso.datetime(),
  outcome: z.enum(['signed_in', 'wrong_password', 'wrong_code', 'passkey_refused']),
  method: z.string().nullable(),
  userId: z.uuid().nullable(),
  email: z.string().nullable(),
});
export const signInsResponse = z.object({ items: z.array(signInView) });

export const tokenView = z.object({
  id: z.uuid(),
  organisation: z.string(),
  scopes: z.array(z.string()),
  label: z.string().nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export const tokenListResponse = z.object({ items: z.array(tokenView) });
export const tokenBody = z.object({
  organisation: z.string().trim().min(1).max(200),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).default(['esp:report']),
  label: z.string().trim().max(200).optional(),
});
export const tokenCreated = z.object({ id: z.uuid(), token: z.string().describe('shown only now; only its SHA-256 is kept') });
