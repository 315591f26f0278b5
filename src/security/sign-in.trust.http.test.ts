import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, cookieFrom, passwordStep, signIn, TEST_PASSWORD } from '../../test/staff.ts';
import { createStaffUser } from './auth.service.ts';
import type { Keyring } from './crypto.ts';

// Findings of the outside review ("Trust", sign-in). Every race here is real: N requests at once.
let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
let keyFile: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ app, keyring, keyFile } = await testApp(t));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

type Headers = Record<string, string>;
const code = (a: FastifyInstance, s: Pending, value: string) =>
  a.inject({
    method: 'POST',
    url: '/api/v1/auth/totp',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload: { code: value },
  });
type Pending = { cookie: string; csrf: string };

async function pendingSession(a: FastifyInstance, email: string, headers: Headers = {}): Promise<Pending> {
  const res = await passwordStep(a, email, TEST_PASSWORD, headers);
  expect(res.statusCode).toBe(200);
  expect(res.json().stage).toBe('totp');
  return { cookie: cookieFrom(res), csrf: res.json().csrfToken };
}

async function enrolled(email: string): Promise<string> {
  await addStaff(t.db, keyring, 'analyst', email);
  const { secret } = await signIn(app, email);
  return secret;
}

const auditCount = async (action: string, userId?: string) => {
  let q = t.db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action);
  if (userId) q = q.where('target_id', '=', userId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const userId = async (email: string) =>
  (await t.db.selectFrom('staff_users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const codeOf = (r: LightMyRequestResponse) =>
  r.statusCode === 200 ? 'ok' : (r.json() as { error: { code: string } }).error.code;
const tally = (rs: LightMyRequestResponse[]) =>
  rs.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [`${r.statusCode} ${codeOf(r)}`]: (acc[`${r.statusCode} ${codeOf(r)}`] ?? 0) + 1 }),
    {},
  );
/** A six-digit code no authenticator shows now (checked against the steps the server accepts). */
async function wrongCode(secret: string): Promise<string> {
  const now = Date.now();
  const shown = await Promise.all([-30_000, 0, 30_000].map((d) => generate({ secret, epoch: Math.floor((now + d) / 1000) })));
  return ['000000', '111111', '222222', '333333'].find((c) => !shown.includes(c))!;
}

describe('Trust: the lockout counter races', () => {
  it('counts 4 concurrent wrong passwords as 4: the next wrong one locks the account', async () => {
    await addStaff(t.db, keyring, 'analyst', 'four@example.test');
    const answers = await Promise.all(Array.from({ length: 4 }, () => passwordStep(app, 'four@example.test', 'wrong password')));
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
    const fifth = await passwordStep(app, 'four@example.test', 'wrong password');
    expect(fifth.statusCode).toBe(429);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThanOrEqual(29);
  });

  it('checks at most five of 15 concurrent wrong passwords, counts each one checked, and refuses the rest with 429 and Retry-After', async () => {
    await addStaff(t.db, keyring, 'analyst', 'fifteen@example.test');
    const answers = await Promise.all(
      Array.from({ length: 15 }, () => passwordStep(app, 'fifteen@example.test', 'wrong password')),
    );
    // Four wrong answers, then the fifth failure locks: every other attempt waits, unchecked.
    expect(tally(answers)).toEqual({ '401 invalid_credentials': 4, '429 too_many_attempts': 11 });
    for (const r of answers.filter((r) => r.statusCode === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(await auditCount('auth.password_failed', await userId('fifteen@example.test'))).toBe(5);
  });

  it('checks at most 5 of 300 concurrent wrong authenticator codes over 3 sessions, at most 3 per session; the rest answer 429 with Retry-After or, once the session is revoked, 401', async () => {
    const secret = await enrolled('guesser@example.test');
    const sessions = [];
    for (let i = 0; i < 3; i++) sessions.push(await pendingSession(app, 'guesser@example.test'));
    const wrong = await wrongCode(secret);
    const bySession = await Promise.all(sessions.map((s) => Promise.all(Array.from({ length: 100 }, () => code(app, s, wrong)))));
    const answers = bySession.flat();
    const checked = answers.filter((r) => codeOf(r) === 'invalid_code');
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(5);
    for (const s of bySession) expect(s.filter((r) => codeOf(r) === 'invalid_code').length).toBeLessThanOrEqual(3);
    expect(await auditCount('auth.totp_failed', await userId('guesser@example.test'))).toBe(checked.length);
    for (const r of answers.filter((r) => codeOf(r) !== 'invalid_code')) {
      expect([`${r.statusCode} ${codeOf(r)}`]).toEqual([r.statusCode === 429 ? '429 too_many_attempts' : '401 unauthenticated']);
      if (r.statusCode === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('revokes a pending session after three wrong codes, even if the account is not locked', async () => {
    const secret = await enrolled('three@example.test');
    const s = await pendingSession(app, 'three@example.test');
    const wrong = await wrongCode(secret);
    for (let i = 0; i < 3; i++) expect(codeOf(await code(app, s, wrong))).toBe('invalid_code');
    const after = await code(app, s, await generate({ secret }));
    expect(after.statusCode).toBe(401);
    expect(codeOf(after)).toBe('unauthenticated');
  });
});

describe('Trust: codes and set-up links are single-use', () => {
  it('accepts one TOTP code in exactly one of 8 concurrent sessions', async () => {
    const secret = await enrolled('eight@example.test');
    const sessions = [];
    for (let i = 0; i < 8; i++) sessions.push(await pendingSession(app, 'eight@example.test'));
    // The code signIn used a moment ago may share this time step: forget it, so the race decides.
    await t.db.updateTable('staff_users').set({ totp_last_step: null }).where('email', '=', 'eight@example.test').execute();
    const valid = await generate({ secret });
    const answers = await Promise.all(sessions.map((s) => code(app, s, valid)));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
  });

  it('redeems a set-up link for exactly one of 2 concurrent requests', async () => {
    const created = await createStaffUser(
      { db: t.db, keyring, issuer: 'Test' },
      { kind: 'system', label: 'test' },
      { email: 'twice@example.test', role: 'analyst', organisation: 'Test' },
    );
    if (created.kind !== 'ok' || !created.setupToken) throw new Error('no token');
    const passwords = ['first passphrase of the race', 'second passphrase of the race'];
    const answers = await Promise.all(
      passwords.map((password) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/setup', payload: { token: created.setupToken, password } }),
      ),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([204, 400]);
    const winner = passwords[answers.findIndex((r) => r.statusCode === 204)]!;
    const loser = passwords.find((p) => p !== winner)!;
    expect((await passwordStep(app, 'twice@example.test', loser)).statusCode).toBe(401);
    expect((await passwordStep(app, 'twice@example.test', winner)).statusCode).toBe(200);
  });
});

describe('Trust: a locked account answers like an unknown email', () => {
  it('gives the same answers, status, code and Retry-After, for six wrong passwords to a staff email and to an unknown one', async () => {
    await addStaff(t.db, keyring, 'analyst', 'exists@example.test');
    const answersFor = async (email: string) => {
      const seen = [];
      for (let i = 0; i < 6; i++) {
        const r = await passwordStep(app, email, 'wrong password');
        seen.push({ status: r.statusCode, body: r.json(), retryAfter: r.headers['retry-after'] });
      }
      return seen;
    };
    const known = await answersFor('exists@example.test');
    const unknown = await answersFor('nobody-here@example.test');
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
  });
});

describe('Trust: behind a proxy, addresses come from the trusted hops only', () => {
  let proxied: FastifyInstance;
  beforeAll(async () => {
    ({ app: proxied } = await testApp(t, { BEACON_TRUST_PROXY: 'true', BEACON_LOGIN_RATE_LIMIT: '3' }));
    await addStaff(t.db, keyring, 'analyst', 'behind@example.test');
  });
  afterAll(async () => {
    await proxied.close();
  });

  it("does not let a client's own X-Forwarded-For entry reset the per-address sign-in limit", async () => {
    // The proxy appends the address it saw; whatever the client put before it is not trusted.
    const answers = [];
    for (let i = 1; i <= 5; i++) {
      answers.push(
        (
          await passwordStep(proxied, `stranger${i}@example.test`, 'wrong password', {
            'x-forwarded-for': `198.51.100.${i}, 203.0.113.7`,
          })
        ).statusCode,
      );
    }
    expect(answers).toEqual([401, 401, 401, 429, 429]);
  });

  it('keys the sign-in limit on the account as well as the address', async () => {
    const answers = [];
    for (let i = 1; i <= 4; i++) {
      const r = await passwordStep(proxied, 'behind@example.test', 'wrong password', {
        'x-forwarded-for': `203.0.113.${100 + i}`,
      });
      answers.push(`${r.statusCode} ${codeOf(r)}`);
    }
    expect(answers).toEqual([
      '401 invalid_credentials',
      '401 invalid_credentials',
      '401 invalid_credentials',
      '429 rate_limited',
    ]);
  });
});

describe('Trust: the authenticator routes are rate-limited per session and per account', () => {
  it('answers 429 with Retry-After past the limit on one session, and on another session of the same account', async () => {
    const { app: limited } = await testApp(t, { BEACON_LOGIN_RATE_LIMIT: '2', BEACON_KEY_FILE: keyFile });
    try {
      const secret = await enrolled('limited@example.test');
      const wrong = await wrongCode(secret);
      const a = await pendingSession(limited, 'limited@example.test');
      expect(codeOf(await code(limited, a, wrong))).toBe('invalid_code');
      expect(codeOf(await code(limited, a, wrong))).toBe('invalid_code');
      const third = await code(limited, a, wrong);
      expect(`${third.statusCode} ${codeOf(third)}`).toBe('429 rate_limited');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      const b = await pendingSession(limited, 'limited@example.test');
      const other = await code(limited, b, wrong);
      expect(`${other.statusCode} ${codeOf(other)}`).toBe('429 rate_limited');
      expect(Number(other.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
