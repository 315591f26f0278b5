import { randomBytes } from 'node:crypto';
import type { Actor, StaffActor } from './actor.ts';
import * as repo from './admin.repo.ts';
import type { ResetKind } from './admin.tables.ts';
import { recordAudit } from './audit.ts';
import { createStaffUser, SETUP_TOKEN_TTL_MS, tokenHash, type AuthDeps, type CreateStaffOutcome } from './auth.service.ts';
import { authorize } from './policy.ts';
import type { Role } from './roles.ts';
import { findUserById } from './staff.repo.ts';
import { createApiToken, listApiTokens, revokeApiToken, type NewApiToken } from './tokens.ts';

export type AdminDeps = AuthDeps;

/** How long a reset request waits for a second admin before it lapses. */
export const RESET_REQUEST_TTL_MS = 24 * 3600 * 1000;

/** The command line acts as the operator (system); the app as a signed-in admin, who needs the permission. */
function mayManageStaff(actor: Actor): void {
  if (actor.kind !== 'system') authorize(actor, 'staff.manage');
}

const selfId = (actor: Actor) => (actor.kind === 'staff' ? actor.id : undefined);

export async function listStaff(deps: AdminDeps, actor: Actor) {
  mayManageStaff(actor);
  return repo.listStaffRows(deps.db);
}

export interface Invitation {
  email: string;
  role: Role;
  displayName?: string | undefined;
  organisation: string;
  jurisdictions: string[];
}

/** A new account with a one-time set-up link (no password is ever chosen by an admin). */
export async function inviteStaff(deps: AdminDeps, actor: Actor, input: Invitation): Promise<CreateStaffOutcome> {
  mayManageStaff(actor);
  return createStaffUser(deps, actor, { ...input, password: undefined });
}

export interface StaffChange {
  role?: Role | undefined;
  displayName?: string | undefined;
  jurisdictions?: string[] | undefined;
}

export type ChangeOutcome = { kind: 'ok' } | { kind: 'not_found' } | { kind: 'self' };

/** Changes an account's role, name or jurisdictions; an admin may not change their own role (no lock-out by mistake). */
export async function updateStaff(
  deps: AdminDeps,
  actor: Actor,
  userId: string,
  change: StaffChange,
  requestId?: string,
): Promise<ChangeOutcome> {
  mayManageStaff(actor);
  const user = await findUserById(deps.db, userId);
  if (!user) return { kind: 'not_found' };
  if (change.role !== undefined && change.role !== user.role && selfId(actor) === userId) return { kind: 'self' };
  await deps.db.transaction().execute(async (trx) => {
    const patch = {
      ...(change.role ? { role: change.role } : {}),
      ...(change.displayName ? { display_name: change.displayName } : {}),
    };
    if (Object.keys(patch).length > 0) await trx.updateTable('staff_users').set(patch).where('id', '=', userId).execute();
    if (change.jurisdictions) await repo.replaceJurisdictions(trx, userId, [...new Set(change.jurisdictions)].sort());
    await recordAudit(trx, {
      actor,
      action: 'staff.update',
      target: { type: 'staff_user', id: userId },
      requestId,
      details: {
        role: change.role ?? user.role,
        ...(change.role && change.role !== user.role ? { previousRole: user.role } : {}),
        ...(change.jurisdictions ? { jurisdictions: [...new Set(change.jurisdictions)].sort().join(' ') } : {}),
        ...(change.displayName ? { nameChanged: true } : {}),
      },
    });
  });
  return { kind: 'ok' };
}

export type DisableOutcome = ChangeOutcome | { kind: 'unchanged' };

/** Disables an account and ends its sessions at once, or enables it again. Nobody disables themselves. */
export async function setStaffDisabled(
  deps: AdminDeps,
  actor: Actor,
  userId: string,
  disabled: boolean,
  requestId?: string,
): Promise<DisableOutcome> {
  mayManageStaff(actor);
  if (disabled && selfId(actor) === userId) return { kind: 'self' };
  if (!(await findUserById(deps.db, userId))) return { kind: 'not_found' };
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.setDisabled(trx, userId, disabled))) return { kind: 'unchanged' as const };
    if (disabled) await repo.revokeSessionsOf(trx, userId);
    await recordAudit(trx, {
      actor,
      action: disabled ? 'staff.disable' : 'staff.enable',
      target: { type: 'staff_user', id: userId },
      requestId,
    });
    return { kind: 'ok' as const };
  });
}

export type RequestOutcome = { kind: 'ok'; id: string } | { kind: 'not_found' } | { kind: 'already_open' };

/** Asks for a reset; it happens only when a second admin approves it (see `approveReset`). */
export async function requestReset(
  deps: AdminDeps,
  actor: StaffActor,
  userId: string,
  kind: ResetKind,
  requestId?: string,
): Promise<RequestOutcome> {
  authorize(actor, 'staff.manage');
  if (!(await findUserById(deps.db, userId))) return { kind: 'not_found' };
  return deps.db.transaction().execute(async (trx) => {
    await repo.closeExpiredResets(trx, userId, kind);
    const id = await repo.insertResetRequest(trx, {
      user_id: userId,
      kind,
      requested_by: actor.id,
      expires_at: new Date(Date.now() + RESET_REQUEST_TTL_MS),
    });
    if (!id) return { kind: 'already_open' as const };
    await recordAudit(trx, {
      actor,
      action: 'staff.reset_requested',
      target: { type: 'staff_user', id: userId },
      requestId,
      details: { request: id, kind },
    });
    return { kind: 'ok' as const, id };
  });
}

export async function listResetRequests(deps: AdminDeps, actor: Actor, limit = 100) {
  mayManageStaff(actor);
  return repo.listResetRequestRows(deps.db, limit);
}

export type ApproveOutcome =
  | { kind: 'ok'; resetKind: ResetKind; userId: string; setupToken?: string }
  | { kind: 'not_found' }
  /** The approver asked for it, or it is their own account: a second person must approve. */
  | { kind: 'own_request' }
  | { kind: 'own_account' }
  | { kind: 'closed' };

/**
 * A second admin approves: the reset happens in the same transaction as the approval and its
 * audit entry, and the account's sessions end. A password reset returns a one-time set-up link.
 */
export async function approveReset(deps: AdminDeps, actor: StaffActor, id: string, requestId?: string): Promise<ApproveOutcome> {
  authorize(actor, 'staff.manage');
  const request = await repo.findResetRequest(deps.db, id);
  if (!request) return { kind: 'not_found' };
  if (request.requested_by === actor.id) return { kind: 'own_request' };
  if (request.user_id === actor.id) return { kind: 'own_account' };
  const setupToken = request.kind === 'password' ? randomBytes(32).toString('base64url') : undefined;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.closeResetRequest(trx, id, actor.id, 'approved'))) return { kind: 'closed' as const };
    if (setupToken)
      await repo.resetPassword(trx, request.user_id, tokenHash(setupToken), new Date(Date.now() + SETUP_TOKEN_TTL_MS));
    else await repo.resetSecondFactor(trx, request.user_id);
    await repo.revokeSessionsOf(trx, request.user_id);
    await recordAudit(trx, {
      actor,
      action: 'staff.reset_approved',
      target: { type: 'staff_user', id: request.user_id },
      requestId,
      details: { request: id, kind: request.kind, requestedBy: request.requested_by },
    });
    return { kind: 'ok' as const, resetKind: request.kind, userId: request.user_id, ...(setupToken ? { setupToken } : {}) };
  });
}

export type CancelOutcome = { kind: 'ok' } | { kind: 'not_found' } | { kind: 'closed' };

/** Withdraws (the requester) or turns down (another admin) an open request. */
export async function cancelReset(deps: AdminDeps, actor: StaffActor, id: string, requestId?: string): Promise<CancelOutcome> {
  authorize(actor, 'staff.manage');
  const request = await repo.findResetRequest(deps.db, id);
  if (!request) return { kind: 'not_found' };
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.closeResetRequest(trx, id, actor.id, 'cancelled'))) return { kind: 'closed' as const };
    await recordAudit(trx, {
      actor,
      action: 'staff.reset_cancelled',
      target: { type: 'staff_user', id: request.user_id },
      requestId,
      details: { request: id, kind: request.kind },
    });
    return { kind: 'ok' as const };
  });
}

export async function listSignIns(
  deps: AdminDeps,
  actor: Actor,
  filter: { userId?: string | undefined; limit?: number | undefined },
) {
  mayManageStaff(actor);
  return repo.listSignIns(deps.db, { userId: filter.userId, limit: filter.limit ?? 200 });
}

function mayManageTokens(actor: Actor): void {
  if (actor.kind !== 'system') authorize(actor, 'token.manage');
}

export async function listTokens(deps: AdminDeps, actor: Actor) {
  mayManageTokens(actor);
  return listApiTokens(deps.db);
}

export async function createToken(deps: AdminDeps, actor: Actor, input: NewApiToken) {
  mayManageTokens(actor);
  return createApiToken(deps.db, actor, input);
}

export async function revokeToken(deps: AdminDeps, actor: Actor, id: string): Promise<boolean> {
  mayManageTokens(actor);
  return revokeApiToken(deps.db, actor, id);
}
