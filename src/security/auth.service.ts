import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import type { Actor, StaffActor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { Keyring } from './crypto.ts';
import { burnPasswordCheck, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { isRole, type Role } from './roles.ts';
import * as repo from './staff.repo.ts';
import { secondFactorsOf } from './passkeys.repo.ts';
import { stageAfterPassword, stageAfterTotp, type Stage } from './second-factor.ts';
import { checkTotp, newTotpEnrolment, type TotpEnrolment } from './totp.ts';

export interface AuthDeps {
  db: Db;
  keyring: Keyring;
  issuer: string;
  /** BEACON_ADMIN_PASSKEY_REQUIRED: admins finish signing in with a passkey only. */
  adminPasskeyRequired?: boolean;
}

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const FREE_ATTEMPTS = 5;
export const TOTP_CONTEXT = 'staff_users.totp_secret_enc';
export const PENDING_TOTP_CONTEXT = 'staff_sessions.pending_totp_secret_enc';
const SETUP_TOKEN_TTL_MS = 72 * 3600 * 1000;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/** After five failures in a row each further failure doubles the wait, from 30 s up to 15 min. */
export function lockoutDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_ATTEMPTS) return 0;
  return Math.min(15 * 60_000, 30_000 * 2 ** (consecutiveFailures - FREE_ATTEMPTS));
}

export type { Stage };

export type LoginOutcome =
  | { kind: 'ok'; token: string; csrfToken: string; stage: Stage }
  | { kind: 'invalid' }
  | { kind: 'locked'; retryAfterSeconds: number };

const system = (label: string): Actor => ({ kind: 'system', label });

export async function login(deps: AuthDeps, email: string, password: string, requestId?: string): Promise<LoginOutcome> {
  const user = await repo.findUserByEmail(deps.db, email);
  if (!user || !user.password_hash || user.disabled_at) {
    await burnPasswordCheck(password);
    return { kind: 'invalid' };
  }
  const lockedMs = user.locked_until ? new Date(user.locked_until).getTime() - Date.now() : 0;
  if (lockedMs > 0) return { kind: 'locked', retryAfterSeconds: Math.ceil(lockedMs / 1000) };
  if (!(await verifyPassword(user.password_hash, password))) {
    return recordFailure(deps, user.id, user.failed_logins + 1, 'auth.password_failed', requestId);
  }
  const token = newToken();
  const csrfToken = newToken();
  const stage: Stage = stageAfterPassword(await secondFactorsOf(deps.db, user, deps.adminPasskeyRequired ?? false));
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { locked_until: null });
    await repo.insertSession(trx, {
      id_hash: tokenHash(token),
      user_id: user.id,
      stage,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
    });
    await recordAudit(trx, { actor: system('auth'), action: 'auth.password_ok', target: { type: 'staff_user', id: user.id }, requestId });
  });
  return { kind: 'ok', token, csrfToken, stage };
}

async function recordFailure(deps: AuthDeps, userId: string, failures: number, action: string, requestId?: string): Promise<LoginOutcome> {
  const delay = lockoutDelayMs(failures);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, userId, {
      failed_logins: failures,
      locked_until: delay > 0 ? new Date(Date.now() + delay) : null,
    });
    await recordAudit(trx, { actor: system('auth'), action, target: { type: 'staff_user', id: userId }, requestId, details: { failures } });
  });
  return delay > 0 ? { kind: 'locked', retryAfterSeconds: Math.ceil(delay / 1000) } : { kind: 'invalid' };
}

export interface SessionContext {
  idHash: string;
  stage: Stage;
  csrfToken: string;
  actor: StaffActor;
  displayName: string;
  pendingTotpSecretEnc: string | null;
  totpSecretEnc: string | null;
  totpLastStep: number | null;
}

/** A live session: not revoked, not past 12 hours, used within the last 30 minutes. */
export async function resolveSession(db: Db, token: string): Promise<SessionContext | undefined> {
  const idHash = tokenHash(token);
  const row = await repo.findLiveSession(db, idHash, new Date(Date.now() - IDLE_TIMEOUT_MS));
  if (!row || !isRole(row.role)) return undefined;
  // Touching at most once a minute keeps the idle clock honest without a write per request.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await repo.updateSession(db, idHash, { last_seen_at: new Date() });
  }
  const scopes = await repo.scopesOf(db, row.user_id);
  return {
    idHash,
    stage: row.stage,
    csrfToken: row.csrf_token,
    displayName: row.display_name,
    pendingTotpSecretEnc: row.pending_totp_secret_enc,
    totpSecretEnc: row.totp_secret_enc,
    totpLastStep: row.totp_last_step,
    actor: {
      kind: 'staff',
      id: row.user_id,
      email: row.email,
      role: row.role,
      organisation: row.organisation,
      jurisdictions: scopes.filter((s) => s.kind === 'jurisdiction').map((s) => s.value),
      assignments: scopes.filter((s) => s.kind === 'assignment').map((s) => s.value),
    },
  };
}

export async function beginTotpEnrolment(deps: AuthDeps, session: SessionContext): Promise<TotpEnrolment | undefined> {
  if (session.stage !== 'totp_enrol') return undefined;
  const enrolment = await newTotpEnrolment(deps.issuer, session.actor.email);
  await repo.updateSession(deps.db, session.idHash, {
    pending_totp_secret_enc: deps.keyring.encrypt(enrolment.secret, PENDING_TOTP_CONTEXT),
  });
  return enrolment;
}

export type TotpOutcome =
  | { kind: 'ok'; token: string; csrfToken: string; stage: 'active' | 'passkey_enrol' }
  | { kind: 'invalid' }
  | { kind: 'locked'; retryAfterSeconds: number };

/** Confirms the first code from a new authenticator, or checks a code at sign-in. */
export async function completeTotp(deps: AuthDeps, session: SessionContext, code: string, requestId?: string): Promise<TotpOutcome> {
  const enrolling = session.stage === 'totp_enrol';
  const sealed = enrolling ? session.pendingTotpSecretEnc : session.totpSecretEnc;
  // A session held to passkeys (stage `passkey`, `passkey_enrol`) cannot be finished with a code.
  if (!sealed || (session.stage !== 'totp' && session.stage !== 'totp_enrol')) return { kind: 'invalid' };
  const secret = deps.keyring.decrypt(sealed, enrolling ? PENDING_TOTP_CONTEXT : TOTP_CONTEXT);
  const user = await repo.findUserById(deps.db, session.actor.id);
  if (!user) return { kind: 'invalid' };
  const lockedMs = user.locked_until ? new Date(user.locked_until).getTime() - Date.now() : 0;
  if (lockedMs > 0) return { kind: 'locked', retryAfterSeconds: Math.ceil(lockedMs / 1000) };
  const checked = await checkTotp(secret, code, enrolling ? null : session.totpLastStep);
  if (!checked.ok) {
    const outcome = await recordFailure(deps, user.id, user.failed_logins + 1, 'auth.totp_failed', requestId);
    return outcome.kind === 'locked' ? outcome : { kind: 'invalid' };
  }
  // A fresh session id once fully signed in, so a token seen before MFA is worth nothing after.
  const token = newToken();
  const csrfToken = newToken();
  const stage = stageAfterTotp(await secondFactorsOf(deps.db, user, deps.adminPasskeyRequired ?? false));
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, {
      failed_logins: 0,
      locked_until: null,
      totp_last_step: checked.step,
      ...(enrolling ? { totp_secret_enc: deps.keyring.encrypt(secret, TOTP_CONTEXT), totp_enrolled_at: new Date() } : {}),
    });
    await repo.updateSession(trx, session.idHash, {
      id_hash: tokenHash(token),
      stage,
      csrf_token: csrfToken,
      pending_totp_secret_enc: null,
      last_seen_at: new Date(),
    });
    await recordAudit(trx, { actor: session.actor, action: enrolling ? 'auth.totp_enrolled' : stage === 'active' ? 'auth.signed_in' : 'auth.totp_ok', target: { type: 'staff_user', id: user.id }, requestId });
  });
  return { kind: 'ok', token, csrfToken, stage };
}

export async function logout(db: Db, session: SessionContext): Promise<void> {
  await repo.updateSession(db, session.idHash, { revoked_at: new Date() });
}

export interface NewStaffUser {
  email: string;
  role: Role;
  displayName?: string | undefined;
  organisation: string;
  jurisdictions?: string[] | undefined;
  password?: string | undefined;
}

export type CreateStaffOutcome =
  | { kind: 'ok'; id: string; setupToken?: string }
  | { kind: 'invalid'; errors: { path: string; message: string }[] }
  | { kind: 'conflict'; reason: 'email_taken' };

export async function createStaffUser(deps: AuthDeps, actor: Actor, input: NewStaffUser): Promise<CreateStaffOutcome> {
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    return { kind: 'invalid', errors: [{ path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters long` }] };
  }
  if (await repo.findUserByEmail(deps.db, input.email)) return { kind: 'conflict', reason: 'email_taken' };
  const setupToken = input.password === undefined ? newToken() : undefined;
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertUser(trx, {
      email: input.email,
      display_name: input.displayName ?? input.email.split('@')[0] ?? input.email,
      role: input.role,
      organisation: input.organisation,
      password_hash: passwordHash,
      setup_token_hash: setupToken ? tokenHash(setupToken) : null,
      setup_token_expires_at: setupToken ? new Date(Date.now() + SETUP_TOKEN_TTL_MS) : null,
    });
    await repo.addScopes(trx, id, (input.jurisdictions ?? []).map((value) => ({ kind: 'jurisdiction' as const, value })));
    await recordAudit(trx, { actor, action: 'staff.create', target: { type: 'staff_user', id }, details: { role: input.role } });
    return id;
  });
  return setupToken ? { kind: 'ok', id, setupToken } : { kind: 'ok', id };
}

export type SetupOutcome = { kind: 'ok' } | { kind: 'invalid_token' } | { kind: 'weak_password' };

/** Redeems a one-time set-up link: sets the password and burns the token. */
export async function setPasswordWithToken(deps: AuthDeps, token: string, password: string, requestId?: string): Promise<SetupOutcome> {
  if (password.length < MIN_PASSWORD_LENGTH) return { kind: 'weak_password' };
  const user = await repo.findUserBySetupToken(deps.db, tokenHash(token));
  if (!user || !user.setup_token_expires_at || new Date(user.setup_token_expires_at).getTime() < Date.now()) {
    return { kind: 'invalid_token' };
  }
  const passwordHash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { password_hash: passwordHash, setup_token_hash: null, setup_token_expires_at: null });
    await recordAudit(trx, { actor: system('auth'), action: 'staff.password_set', target: { type: 'staff_user', id: user.id }, requestId });
  });
  return { kind: 'ok' };
}
