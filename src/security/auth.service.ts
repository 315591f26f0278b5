import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../database.ts';
import type { Actor, StaffActor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { Keyring } from './crypto.ts';
import { open, seal } from './sealing.ts';
import { pendingTotpSecret, totpSecret } from './security.sealed.ts';
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
export const SETUP_TOKEN_TTL_MS = 72 * 3600 * 1000;

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

/**
 * The key that failures in a row are counted under: the email typed, known or not, as a keyed
 * HMAC (the table never holds an email, and an unknown email is throttled like a staff one).
 */
export function accountKey(keyring: Keyring, email: string): string {
  return createHmac('sha256', keyring.indexKey).update('sign_in\u0000').update(email.trim().toLowerCase()).digest('base64url');
}

const secondsUntil = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));

/** Raised inside a transaction to roll it back when a claim is refused. */
class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('refused');
  }
}

/** Claims the attempt before checking anything, so concurrent guesses cannot outrun the lock. */
async function claim(db: Db, subject: string): Promise<repo.AttemptClaim> {
  return db.transaction().execute((trx) => repo.claimAttempt(trx, subject, lockoutDelayMs));
}

/** A checked failure: it was counted when claimed; the one that reaches the lock answers locked. */
function failureOutcome(failures: number): LoginOutcome {
  const delay = lockoutDelayMs(failures);
  return delay > 0 ? { kind: 'locked', retryAfterSeconds: Math.ceil(delay / 1000) } : { kind: 'invalid' };
}

export async function login(deps: AuthDeps, email: string, password: string, requestId?: string): Promise<LoginOutcome> {
  const subject = accountKey(deps.keyring, email);
  const claimed = await claim(deps.db, subject);
  if (claimed.kind === 'locked') return { kind: 'locked', retryAfterSeconds: secondsUntil(claimed.lockedUntil) };
  const user = await repo.findUserByEmail(deps.db, email);
  if (!user || !user.password_hash || user.disabled_at) {
    await burnPasswordCheck(password);
    return failureOutcome(claimed.failures);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, {
        actor: system('auth'),
        action: 'auth.password_failed',
        target: { type: 'staff_user', id: user.id },
        requestId,
        details: { failures: claimed.failures },
      }),
    );
    return failureOutcome(claimed.failures);
  }
  const token = newToken();
  const csrfToken = newToken();
  const stage: Stage = stageAfterPassword(await secondFactorsOf(deps.db, user, deps.adminPasskeyRequired ?? false));
  await deps.db.transaction().execute(async (trx) => {
    // Failures in a row go on counting until the authenticator code is right too.
    await repo.releaseAttempt(trx, subject);
    await repo.insertSession(trx, {
      id_hash: tokenHash(token),
      user_id: user.id,
      stage,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
    });
    await recordAudit(trx, {
      actor: system('auth'),
      action: 'auth.password_ok',
      target: { type: 'staff_user', id: user.id },
      requestId,
    });
  });
  return { kind: 'ok', token, csrfToken, stage };
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
    pending_totp_secret_enc: seal(deps.keyring, pendingTotpSecret, enrolment.secret),
  });
  return enrolment;
}

export type TotpOutcome =
  | { kind: 'ok'; token: string; csrfToken: string; stage: 'active' | 'passkey_enrol' }
  | { kind: 'invalid' }
  /** Refused unchecked: the account is locked, or this session has had its tries (it is revoked). */
  | { kind: 'locked'; retryAfterSeconds: number };

/** Wrong codes one pending session may try before it is revoked and the password is asked again. */
export const SESSION_CODE_ATTEMPTS = 3;

/**
 * Claims a code attempt on the session and on the account in one transaction (both or neither),
 * before the code is checked.
 */
async function claimCodeAttempt(deps: AuthDeps, session: SessionContext, subject: string) {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const sessionTries = await repo.claimSessionCode(trx, session.idHash, SESSION_CODE_ATTEMPTS);
      if (sessionTries === undefined) throw new Refused(0);
      const account = await repo.claimAttempt(trx, subject, lockoutDelayMs);
      if (account.kind === 'locked') throw new Refused(secondsUntil(account.lockedUntil));
      return { kind: 'claimed' as const, sessionTries };
    });
  } catch (err) {
    if (err instanceof Refused) return { kind: 'refused' as const, retryAfterSeconds: err.retryAfterSeconds };
    throw err;
  }
}

/** Confirms the first code from a new authenticator, or checks a code at sign-in. */
export async function completeTotp(
  deps: AuthDeps,
  session: SessionContext,
  code: string,
  requestId?: string,
): Promise<TotpOutcome> {
  const enrolling = session.stage === 'totp_enrol';
  const sealed = enrolling ? session.pendingTotpSecretEnc : session.totpSecretEnc;
  // A session held to passkeys (stage `passkey`, `passkey_enrol`) cannot be finished with a code.
  if (!sealed || (session.stage !== 'totp' && session.stage !== 'totp_enrol')) return { kind: 'invalid' };
  const secret = open(deps.keyring, enrolling ? pendingTotpSecret : totpSecret, sealed);
  const subject = accountKey(deps.keyring, session.actor.email);
  const claimed = await claimCodeAttempt(deps, session, subject);
  if (claimed.kind === 'refused') {
    if (claimed.retryAfterSeconds > 0) return { kind: 'locked', retryAfterSeconds: claimed.retryAfterSeconds };
    await repo.updateSession(deps.db, session.idHash, { revoked_at: new Date() });
    return { kind: 'locked', retryAfterSeconds: 1 };
  }
  const checked = await checkTotp(secret, code, enrolling ? null : session.totpLastStep);
  // A fresh session id once fully signed in, so a token seen before MFA is worth nothing after.
  const token = newToken();
  const csrfToken = newToken();
  const user = await repo.findUserById(deps.db, session.actor.id);
  if (!user) return { kind: 'invalid' };
  const stage = stageAfterTotp(await secondFactorsOf(deps.db, user, deps.adminPasskeyRequired ?? false));
  const won =
    checked.ok &&
    (await deps.db.transaction().execute(async (trx) => {
      const activated = await repo.activateSession(trx, {
        userId: session.actor.id,
        idHash: session.idHash,
        stage: session.stage === 'totp_enrol' ? 'totp_enrol' : 'totp',
        step: checked.step,
        newIdHash: tokenHash(token),
        nextStage: stage,
        csrfToken,
        enrolSecretEnc: enrolling ? seal(deps.keyring, totpSecret, secret) : undefined,
      });
      if (!activated) return false;
      await repo.clearAttempts(trx, subject);
      await recordAudit(trx, {
        actor: session.actor,
        action: enrolling ? 'auth.totp_enrolled' : stage === 'active' ? 'auth.signed_in' : 'auth.totp_ok',
        target: { type: 'staff_user', id: session.actor.id },
        requestId,
      });
      return true;
    }));
  if (won) return { kind: 'ok', token, csrfToken, stage };
  await deps.db.transaction().execute(async (trx) => {
    if (claimed.sessionTries >= SESSION_CODE_ATTEMPTS) await repo.updateSession(trx, session.idHash, { revoked_at: new Date() });
    await recordAudit(trx, {
      actor: system('auth'),
      action: 'auth.totp_failed',
      target: { type: 'staff_user', id: session.actor.id },
      requestId,
      details: { sessionTries: claimed.sessionTries },
    });
  });
  return { kind: 'invalid' };
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
    return {
      kind: 'invalid',
      errors: [{ path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters long` }],
    };
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
    await repo.addScopes(
      trx,
      id,
      (input.jurisdictions ?? []).map((value) => ({ kind: 'jurisdiction' as const, value })),
    );
    await recordAudit(trx, { actor, action: 'staff.create', target: { type: 'staff_user', id }, details: { role: input.role } });
    return id;
  });
  return setupToken ? { kind: 'ok', id, setupToken } : { kind: 'ok', id };
}

export type SetupOutcome = { kind: 'ok' } | { kind: 'invalid_token' } | { kind: 'weak_password' };

/** Redeems a one-time set-up link: sets the password and burns the token, once. */
export async function setPasswordWithToken(
  deps: AuthDeps,
  token: string,
  password: string,
  requestId?: string,
): Promise<SetupOutcome> {
  if (password.length < MIN_PASSWORD_LENGTH) return { kind: 'weak_password' };
  const passwordHash = await hashPassword(password);
  return deps.db.transaction().execute(async (trx) => {
    const userId = await repo.redeemSetupToken(trx, tokenHash(token), passwordHash);
    if (!userId) return { kind: 'invalid_token' as const };
    await recordAudit(trx, {
      actor: system('auth'),
      action: 'staff.password_set',
      target: { type: 'staff_user', id: userId },
      requestId,
    });
    return { kind: 'ok' as const };
  });
}
