import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { createStaffUser, type Keyring, type Role } from '../src/security/index.ts';
import type { Db } from '../src/database.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export async function addStaff(db: Db, keyring: Keyring, role: Role, email: string, jurisdictions: string[] = []) {
  const outcome = await createStaffUser(
    { db, keyring, issuer: 'Test' },
    { kind: 'system', label: 'test' },
    {
      email,
      role,
      organisation: 'Test',
      jurisdictions,
      password: TEST_PASSWORD,
    },
  );
  if (outcome.kind !== 'ok') throw new Error(outcome.kind);
  return outcome.id;
}

export function cookieFrom(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const first = (Array.isArray(raw) ? raw[0] : raw) as string;
  return first.split(';')[0]!;
}

/** The first step of a staff sign-in, the password; the caller checks the answer. */
export function passwordStep(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });
}

/** Signs in through the real endpoints, enrolling TOTP on first use; returns cookie, CSRF token and secret. */
export async function signIn(app: FastifyInstance, email: string, secret?: string) {
  const login = await passwordStep(app, email);
  if (login.statusCode !== 200) throw new Error(`login ${login.statusCode}`);
  let cookie = cookieFrom(login);
  let csrf = login.json<{ csrfToken: string }>().csrfToken;
  let totpSecret = secret;
  let url = '/api/v1/auth/totp';
  if (login.json<{ stage: string }>().stage === 'totp_enrol') {
    const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: { cookie, 'x-csrf-token': csrf } });
    totpSecret = enrol.json<{ secret: string }>().secret;
    url = '/api/v1/auth/totp/enrol/confirm';
  }
  const code = await generate({ secret: totpSecret! });
  const done = await app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrf }, payload: { code } });
  if (done.statusCode !== 200) throw new Error(`totp ${done.statusCode} ${done.body}`);
  cookie = cookieFrom(done);
  csrf = done.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrf, secret: totpSecret! };
}

/** A signed-in staff session, as the API sees it: the cookie and the CSRF token for writes. */
export type Who = { cookie: string; csrf: string };
export const as = (w: Who) => ({ cookie: w.cookie, 'x-csrf-token': w.csrf });
