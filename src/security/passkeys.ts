import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Transaction } from 'kysely';
import type { Config } from '../core/config.ts';
import type { Database, Db } from '../database.ts';
import type { StaffActor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { AuditAction } from './audit-actions.ts';
import { accountKey, tokenHash, type SessionContext } from './auth.service.ts';
import type { Keyring } from './crypto.ts';
import * as repo from './passkeys.repo.ts';
import { finishingFactors, mayRemovePasskey } from './second-factor.ts';
import * as staff from './staff.repo.ts';

/** Who the browser signs for: taken from BEACON_PUBLIC_URL, the address staff type in. */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export interface PasskeyDeps {
  db: Db;
  keyring: Keyring;
  rp: RelyingParty;
  adminPasskeyRequired: boolean;
}

export function relyingPartyOf(config: Config): RelyingParty {
  const url = new URL(config.publicUrl);
  return { id: url.hostname, name: config.deployment.orgName, origin: url.origin };
}

const CHALLENGE_TTL_MS = 5 * 60_000;

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const viewOf = (row: { id: string; name: string; created_at: Date; last_used_at: Date | null }): PasskeyView => ({
  id: row.id,
  name: row.name,
  createdAt: new Date(row.created_at),
  lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
});

/** Enrolment happens in a signed-in session, or as the step an admin held to passkeys must take. */
const mayEnrol = (session: SessionContext) => session.stage === 'active' || session.stage === 'passkey_enrol';

const factorsOf = async (deps: PasskeyDeps, actor: StaffActor) => {
  const user = await staff.findUserById(deps.db, actor.id);
  return user ? repo.secondFactorsOf(deps.db, user, deps.adminPasskeyRequired) : undefined;
};

async function issueChallenge(
  deps: PasskeyDeps,
  session: SessionContext,
  purpose: 'register' | 'authenticate',
  challenge: string,
) {
  await repo.dropExpiredChallenges(deps.db);
  await repo.putChallenge(deps.db, {
    session_hash: session.idHash,
    purpose,
    challenge,
    expires_at: new Date(Date.now() + CHALLENGE_TTL_MS),
  });
}

/** The user handle: the account's uuid as 16 bytes, the same for every key of one account. */
const userHandleOf = (userId: string) => new Uint8Array(Buffer.from(userId.replace(/-/g, ''), 'hex'));

export async function registrationOptions(
  deps: PasskeyDeps,
  session: SessionContext,
): Promise<PublicKeyCredentialCreationOptionsJSON | undefined> {
  if (!mayEnrol(session)) return undefined;
  const existing = await repo.passkeysOf(deps.db, session.actor.id);
  const options = await generateRegistrationOptions({
    rpName: deps.rp.name,
    rpID: deps.rp.id,
    userName: session.actor.email,
    userID: userHandleOf(session.actor.id),
    userDisplayName: session.displayName,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: CHALLENGE_TTL_MS,
  });
  await issueChallenge(deps, session, 'register', options.challenge);
  return options;
}

export type EnrolOutcome =
  | { kind: 'ok'; passkey: PasskeyView; signedIn?: { token: string; csrfToken: string } }
  | { kind: 'not_allowed' }
  | { kind: 'invalid' }
  | { kind: 'duplicate' };

export async function enrolPasskey(
  deps: PasskeyDeps,
  session: SessionContext,
  input: { name: string; response: RegistrationResponseJSON },
  requestId?: string,
): Promise<EnrolOutcome> {
  if (!mayEnrol(session)) return { kind: 'not_allowed' };
  const challenge = await repo.takeChallenge(deps.db, session.idHash, 'register');
  const verified =
    challenge === undefined
      ? undefined
      : await verifyRegistrationResponse({
          response: input.response,
          expectedChallenge: challenge,
          expectedOrigin: deps.rp.origin,
          expectedRPID: deps.rp.id,
          requireUserVerification: false,
        }).catch(() => undefined);
  if (!verified?.verified) {
    await audit(deps.db, { actor: session.actor, action: 'passkey.enrol_failed', requestId });
    return { kind: 'invalid' };
  }
  const { credential } = verified.registrationInfo;
  if (await repo.credentialExists(deps.db, credential.id)) return { kind: 'duplicate' };
  const finishing = session.stage === 'passkey_enrol';
  const signedIn = finishing ? newSessionTokens() : undefined;
  const passkey = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertPasskey(trx, {
      user_id: session.actor.id,
      credential_id: credential.id,
      public_key: Buffer.from(credential.publicKey),
      sign_count: credential.counter,
      transports: credential.transports ?? [],
      name: input.name,
    });
    await recordAudit(trx, {
      actor: session.actor,
      action: 'passkey.enrolled',
      target: { type: 'staff_user', id: session.actor.id },
      requestId,
      details: { passkeyId: row.id },
    });
    if (signedIn) await activate(trx, session, signedIn, row.id, requestId);
    return viewOf({ id: row.id, name: input.name, created_at: row.created_at, last_used_at: null });
  });
  return signedIn ? { kind: 'ok', passkey, signedIn } : { kind: 'ok', passkey };
}

/** Options for finishing sign-in with a passkey; undefined when this session may not. */
export async function signInOptions(
  deps: PasskeyDeps,
  session: SessionContext,
): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const factors = await factorsOf(deps, session.actor);
  if (!factors || !finishingFactors(session.stage, factors).passkey) return undefined;
  const passkeys = await repo.passkeysOf(deps.db, session.actor.id);
  const options = await generateAuthenticationOptions({
    rpID: deps.rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: p.transports })),
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_MS,
  });
  await issueChallenge(deps, session, 'authenticate', options.challenge);
  return options;
}

export type SignInOutcome =
  { kind: 'ok'; token: string; csrfToken: string } | { kind: 'invalid' } | { kind: 'locked'; retryAfterSeconds: number };

export async function signInWithPasskey(
  deps: PasskeyDeps,
  session: SessionContext,
  response: AuthenticationResponseJSON,
  requestId?: string,
): Promise<SignInOutcome> {
  const user = await staff.findUserById(deps.db, session.actor.id);
  if (!user) return { kind: 'invalid' };
  const subject = accountKey(deps.keyring, user.email);
  const lockedUntil = await staff.lockedUntil(deps.db, subject);
  if (lockedUntil)
    return { kind: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000)) };
  const factors = await repo.secondFactorsOf(deps.db, user, deps.adminPasskeyRequired);
  if (!finishingFactors(session.stage, factors).passkey) return { kind: 'invalid' };
  const challenge = await repo.takeChallenge(deps.db, session.idHash, 'authenticate');
  const passkey = await repo.findOwnCredential(deps.db, user.id, response.id);
  const failed = async (reason: string) => {
    await audit(deps.db, { actor: session.actor, action: 'auth.passkey_failed', requestId, details: { reason } });
    return { kind: 'invalid' } as const;
  };
  if (challenge === undefined) return failed('no_challenge');
  if (!passkey) return failed('unknown_credential');
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: deps.rp.origin,
    expectedRPID: deps.rp.id,
    credential: {
      id: passkey.credential_id,
      publicKey: new Uint8Array(passkey.public_key),
      counter: passkey.sign_count,
      transports: passkey.transports,
    },
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!verified?.verified) return failed('not_verified');
  const tokens = newSessionTokens();
  await deps.db.transaction().execute(async (trx) => {
    await repo.recordUse(trx, passkey.id, verified.authenticationInfo.newCounter);
    await staff.clearAttempts(trx, subject);
    await activate(trx, session, tokens, passkey.id, requestId);
  });
  return { kind: 'ok', ...tokens };
}

/** Which factors the pending session may finish with, for the sign-in screen. */
export async function pendingFactors(deps: PasskeyDeps, session: SessionContext) {
  const factors = await factorsOf(deps, session.actor);
  return factors ? finishingFactors(session.stage, factors) : { totp: false, passkey: false };
}

export async function listPasskeys(deps: PasskeyDeps, actor: StaffActor) {
  const factors = await factorsOf(deps, actor);
  const passkeys = (await repo.passkeysOf(deps.db, actor.id)).map(viewOf);
  return { passkeys, totp: factors?.hasTotp ?? false, passkeyRequired: factors?.passkeyRequired ?? false };
}

export type RemoveOutcome = { kind: 'ok' } | { kind: 'not_found' } | { kind: 'last_second_factor' };

export async function removePasskey(
  deps: PasskeyDeps,
  actor: StaffActor,
  id: string,
  requestId?: string,
): Promise<RemoveOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await repo.lockUser(trx, actor.id);
    if (!user || !(await repo.passkeysOf(trx, actor.id)).some((p) => p.id === id)) return { kind: 'not_found' };
    if (!mayRemovePasskey(await repo.secondFactorsOf(trx, user, deps.adminPasskeyRequired)))
      return { kind: 'last_second_factor' };
    await repo.deletePasskey(trx, actor.id, id);
    await recordAudit(trx, {
      actor,
      action: 'passkey.removed',
      target: { type: 'staff_user', id: actor.id },
      requestId,
      details: { passkeyId: id },
    });
    return { kind: 'ok' };
  });
}

const newSessionTokens = () => ({
  token: randomBytes(32).toString('base64url'),
  csrfToken: randomBytes(32).toString('base64url'),
});

/** A fresh session id once fully signed in, so a token seen before the second factor is worth nothing after. */
async function activate(
  trx: Transaction<Database>,
  session: SessionContext,
  tokens: { token: string; csrfToken: string },
  passkeyId: string,
  requestId?: string,
) {
  await staff.updateSession(trx, session.idHash, {
    id_hash: tokenHash(tokens.token),
    stage: 'active',
    csrf_token: tokens.csrfToken,
    pending_totp_secret_enc: null,
    last_seen_at: new Date(),
  });
  await recordAudit(trx, {
    actor: session.actor,
    action: 'auth.signed_in',
    target: { type: 'staff_user', id: session.actor.id },
    requestId,
    details: { method: 'passkey', passkeyId },
  });
}

async function audit(
  db: Db,
  e: { actor: StaffActor; action: AuditAction; requestId?: string | undefined; details?: Record<string, string> },
) {
  await db.transaction().execute((trx) => recordAudit(trx, { ...e, target: { type: 'staff_user', id: e.actor.id } }));
}
