import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Lang } from '../core/deployment.ts';
import type { IssuerKey } from './issuer-key.ts';

const AUDIENCE = 'beacon-training-pass';

export interface Pass {
  id: string;
  course: string;
  path: string;
  lang: Lang;
}

/**
 * Proof that this browser just passed a quiz, carried in the result page's certificate form:
 * learners need no account, and the pass cannot be made up or reused after two hours.
 */
export function signPass(key: IssuerKey, pass: Omit<Pass, 'id'>): Promise<string> {
  return new SignJWT({ course: pass.course, path: pass.path, lang: pass.lang })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setAudience(AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(key.privateKey);
}

export async function readPass(key: IssuerKey, token: string): Promise<Pass | undefined> {
  try {
    const { payload } = await jwtVerify(token, key.publicJwk, { audience: AUDIENCE, algorithms: ['EdDSA'] });
    const { jti, course, path, lang } = payload;
    if (typeof jti !== 'string' || typeof course !== 'string' || typeof path !== 'string' || (lang !== 'en' && lang !== 'es'))
      return undefined;
    return { id: jti, course, path, lang };
  } catch {
    return undefined;
  }
}
