import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, cookieFrom, passwordStep, signIn, TEST_PASSWORD } from '../../test/staff.ts';
import type { Keyring } from './crypto.ts';
import { createStaffUser } from './auth.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ app, keyring } = await testApp(t));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const login = (email: string, password = TEST_PASSWORD) => passwordStep(app, email, password);

describe('signing in', () => {
  it('enrols TOTP at first sign-in, then asks for a code, with a strict cookie', async () => {
    await addStaff(t.db, keyring, 'analyst', 'first@example.test');
    const res = await login('first@example.test');
    expect(res.json().stage).toBe('totp_enrol');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookieFrom(res);
    // Password alone opens nothing.
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports', headers: { cookie: session } })).statusCode).toBe(401);
    const enrol = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrol',
      headers: { cookie: session, 'x-csrf-token': res.json().csrfToken },
    });
    expect(enrol.json().qrImage).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(enrol.json().otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const { secret } = await signIn(app, 'first@example.test').catch(() => ({ secret: '' }));
    expect(secret).not.toBe('');
    const again = await login('first@example.test');
    expect(again.json().stage).toBe('totp');
  });

  it('rejects a wrong code and a replayed code', async () => {
    await addStaff(t.db, keyring, 'analyst', 'replay@example.test');
    const { secret } = await signIn(app, 'replay@example.test');
    const res = await login('replay@example.test');
    const headers = { cookie: cookieFrom(res), 'x-csrf-token': res.json().csrfToken };
    const used = await generate({ secret });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/totp',
          headers,
          payload: { code: '000000' === used ? '111111' : '000000' },
        })
      ).statusCode,
    ).toBe(401);
    // The code used by signIn a moment ago belongs to a spent time step.
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers, payload: { code: used } })).json().error.code,
    ).toBe('invalid_code');
  });

  it('slows an account down after five wrong passwords, even for the right one', async () => {
    await addStaff(t.db, keyring, 'analyst', 'slow@example.test');
    for (let i = 0; i < 4; i++) expect((await login('slow@example.test', 'wrong password')).statusCode).toBe(401);
    const fifth = await login('slow@example.test', 'wrong password');
    expect(fifth.statusCode).toBe(429);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThanOrEqual(29);
    expect((await login('slow@example.test')).statusCode).toBe(429);
  });

  it('gives the same answer for an unknown email as for a wrong password', async () => {
    const res = await login('nobody@example.test');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('ends a session after 30 idle minutes', async () => {
    await addStaff(t.db, keyring, 'analyst', 'idle@example.test');
    const s = await signIn(app, 'idle@example.test');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: s.cookie } })).statusCode).toBe(
      200,
    );
    await t.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .execute();
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    await addStaff(t.db, keyring, 'analyst', 'csrf@example.test');
    const s = await signIn(app, 'csrf@example.test');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } })).statusCode).toBe(
      403,
    );
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(s.csrf.length) },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: s.cookie } })).statusCode).toBe(
      401,
    );
  });
});

describe('set-up links', () => {
  it('sets a password once, and the link is dead afterwards', async () => {
    const created = await createStaffUser(
      { db: t.db, keyring, issuer: 'Test' },
      { kind: 'system', label: 'test' },
      { email: 'link@example.test', role: 'supervisor', organisation: 'Test' },
    );
    if (created.kind !== 'ok' || !created.setupToken) throw new Error('no token');
    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/setup',
      payload: { token: created.setupToken, password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/setup',
      payload: { token: created.setupToken, password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(204);
    const reused = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/setup',
      payload: { token: created.setupToken, password: TEST_PASSWORD },
    });
    expect(reused.json().error.code).toBe('invalid_token');
    expect((await login('link@example.test')).statusCode).toBe(200);
  });
});
