/**
 * Where a sign-in stands after each step, and which second factors may finish it. Pure: the
 * caller gathers what the account has and what the deployment requires.
 */
export const STAGES = ['totp_enrol', 'totp', 'passkey', 'passkey_enrol', 'active'] as const;
export type Stage = (typeof STAGES)[number];

export interface SecondFactors {
  hasTotp: boolean;
  passkeys: number;
  /** An admin on a deployment with BEACON_ADMIN_PASSKEY_REQUIRED. */
  passkeyRequired: boolean;
}

/**
 * After the password. A TOTP-only admin who must now use passkeys still proves TOTP first, so a
 * stolen password alone can never enrol an attacker's passkey.
 */
export function stageAfterPassword(f: SecondFactors): Exclude<Stage, 'active'> {
  if (f.passkeys > 0 && (f.passkeyRequired || !f.hasTotp)) return 'passkey';
  if (f.hasTotp) return 'totp';
  return f.passkeyRequired ? 'passkey_enrol' : 'totp_enrol';
}

/** After a good TOTP code: an admin who must use passkeys and has none enrols one before going on. */
export function stageAfterTotp(f: SecondFactors): 'active' | 'passkey_enrol' {
  return f.passkeyRequired && f.passkeys === 0 ? 'passkey_enrol' : 'active';
}

/** The factors a pending session may finish with. */
export function finishingFactors(stage: Stage, f: SecondFactors): { totp: boolean; passkey: boolean } {
  const passkey = f.passkeys > 0 && (stage === 'totp' || stage === 'passkey');
  return { totp: stage === 'totp' && !f.passkeyRequired, passkey };
}

/** Removing a passkey must leave a second factor the account may still sign in with. */
export function mayRemovePasskey(f: SecondFactors): boolean {
  const left = f.passkeys - 1;
  if (left > 0) return true;
  return f.hasTotp && !f.passkeyRequired;
}
