import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { Actor } from './actor.ts';
import { SETUP_TOKEN_TTL_MS, tokenHash } from './auth.service.ts';
import { recordAudit } from './audit.ts';
import type { Role } from './roles.ts';
import * as repo from './staff.repo.ts';

/** Roles given to people outside the organisation, who reach only what they are invited to. */
export type OutsideRole = Extract<Role, 'plan_participant'>;

export type OutsideAccount =
  { kind: 'created'; id: string; setupToken: string } | { kind: 'existing'; id: string } | { kind: 'taken' };

/**
 * An account for someone outside (a foster parent invited to one plan), inside the caller's
 * transaction so that the account and what it is invited to commit together. An address already
 * used by such an account is reused (one person, several invitations); one held by staff is refused.
 */
export async function outsideAccount(
  trx: Transaction<Database>,
  actor: Actor,
  input: { email: string; displayName: string; organisation: string; role: OutsideRole },
): Promise<OutsideAccount> {
  const existing = await repo.findUserByEmail(trx, input.email);
  if (existing)
    return existing.role === input.role && !existing.disabled_at ? { kind: 'existing', id: existing.id } : { kind: 'taken' };
  const setupToken = randomBytes(32).toString('base64url');
  const id = await repo.insertUser(trx, {
    email: input.email,
    display_name: input.displayName,
    role: input.role,
    organisation: input.organisation,
    password_hash: null,
    setup_token_hash: tokenHash(setupToken),
    setup_token_expires_at: new Date(Date.now() + SETUP_TOKEN_TTL_MS),
  });
  await recordAudit(trx, { actor, action: 'staff.create', target: { type: 'staff_user', id }, details: { role: input.role } });
  return { kind: 'created', id, setupToken };
}
