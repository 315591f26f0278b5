import { describe, expect, it } from 'vitest';
import { finishingFactors, mayRemovePasskey, stageAfterPassword, stageAfterTotp } from './second-factor.ts';

const f = (hasTotp: boolean, passkeys: number, passkeyRequired = false) => ({ hasTotp, passkeys, passkeyRequired });

describe('second factors', () => {
  it('asks a new account to enrol TOTP, or a passkey when it is an admin held to passkeys', () => {
    expect(stageAfterPassword(f(false, 0))).toBe('totp_enrol');
    expect(stageAfterPassword(f(false, 0, true))).toBe('passkey_enrol');
  });

  it('lets an account with TOTP and passkeys finish with either, unless it is held to passkeys', () => {
    expect(stageAfterPassword(f(true, 2))).toBe('totp');
    expect(finishingFactors('totp', f(true, 2))).toEqual({ totp: true, passkey: true });
    expect(stageAfterPassword(f(true, 2, true))).toBe('passkey');
    expect(finishingFactors('passkey', f(true, 2, true))).toEqual({ totp: false, passkey: true });
    expect(stageAfterPassword(f(false, 1))).toBe('passkey');
  });

  it('sends an admin held to passkeys who has only TOTP to enrol a passkey after the code', () => {
    expect(stageAfterPassword(f(true, 0, true))).toBe('totp');
    expect(stageAfterTotp(f(true, 0, true))).toBe('passkey_enrol');
    expect(stageAfterTotp(f(true, 0))).toBe('active');
  });

  it('keeps the last second factor', () => {
    expect(mayRemovePasskey(f(false, 1))).toBe(false);
    expect(mayRemovePasskey(f(true, 1))).toBe(true);
    expect(mayRemovePasskey(f(true, 1, true))).toBe(false);
    expect(mayRemovePasskey(f(false, 2, true))).toBe(true);
  });
});
