import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { SoftPasskey } from '../../test/passkey-authenticator.ts';
import { addStaff, as, cookieFrom, passwordStep, signIn, type Who } from '../../test/staff.ts';
import type { Keyring } from './crypto.ts';

const ORIGIN = 'https://beacon.example.test';

let t: TestDatabase;
let app: FastifyInstance;
let strict: FastifyInstance;
let keyring: Keyring;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ app, keyring } = await testApp(t, { BEACON_PUBLIC_URL: ORIGIN }));
  // The same database and keys, on a deployment that holds admins to passkeys.
  const { buildApp } = await import('../http/app.ts');
  const { testConfig, capturingLogger } = await import('../../test/harness.ts');
  strict = await buildApp({
    config: testConfig({ BEACON_PUBLIC_URL: ORIGIN, BEACON_ADMIN_PASSKEY_REQUIRED: 'true' }),
    db: t.db,
    keyring,
    log: capturingLogger().log,
  });
});
afterAll(async () => {
  await app.close();
  await strict.close();
  await t.close();
});

type Answer = { statusCode: number; json: <T = Record<string, unknown>>() => T; headers: Record<string, unknown> };

async function password(server: FastifyInstance, email: string): Promise<Who & { stage: string }> {
  const res = await passwordStep(server, email);
  expect(res.statusCode).toBe(200);
  return { cookie: cookieFrom(res), csrf: res.json().csrfToken, stage: res.json().stage };
}

async function enrol(server: FastifyInstance, who: Who, key: SoftPasskey, name = 'Laptop'): Promise<Answer> {
  const options = await server.inject({ method: 'POST', url: '/api/v1/passkeys/options', headers: as(who) });
  expect(options.statusCode).toBe(200);
  return server.inject({
    method: 'POST',
    url: '/api/v1/passkeys',
    headers: as(who),
    payload: { name, response: key.register(options.json().optionsJSON) },
  });
}

async function passkeyOptions(
  server: FastifyInstance,
  who: Who,
): Promise<{ challenge: string; allowCredentials: { id: string }[] }> {
  const res = await server.inject({ method: 'POST', url: '/api/v1/auth/passkey/options', headers: as(who) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().optionsJSON;
}

const finish = (server: FastifyInstance, who: Who, assertion: unknown) =>
  server.inject({ method: 'POST', url: '/api/v1/auth/passkey', headers: as(who), payload: assertion as Record<string, unknown> });

async function auditActions(userId: string): Promise<string[]> {
  const rows = await t.db.selectFrom('audit_entries').select('action').where('target_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => r.action);
}

/** A staff account signed in with TOTP and holding one passkey. */
async function withPasskey(email: string, role: 'analyst' | 'admin' = 'analyst') {
  const id = await addStaff(t.db, keyring, role, email);
  const session = await signIn(app, email);
  const key = new SoftPasskey(ORIGIN);
  expect((await enrol(app, session, key)).statusCode).toBe(201);
  return { id, session, key };
}

describe('enrolling a passkey', () => {
  it('adds several passkeys to a signed-in account, lists them and audits each', async () => {
    const { id, session } = await withPasskey('enrol@example.test');
    const second = await enrol(app, session, new SoftPasskey(ORIGIN), 'Security key');
    expect(second.statusCode).toBe(201);
    expect(second.json<{ passkey: { name: string } }>().passkey.name).toBe('Security key');
    const list = await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(session) });
    expect(list.json<{ passkeys: { name: string; lastUsedAt: null }[] }>().passkeys.map((p) => p.name)).toEqual([
      'Laptop',
      'Security key',
    ]);
    expect((await auditActions(id)).filter((a) => a === 'passkey.enrolled')).toHaveLength(2);
  });

  it('refuses to enrol a passkey on a session that has only passed the password', async () => {
    await addStaff(t.db, keyring, 'analyst', 'halfway@example.test');
    await signIn(app, 'halfway@example.test');
    const pending = await password(app, 'halfway@example.test');
    expect(pending.stage).toBe('totp');
    const options = await app.inject({ method: 'POST', url: '/api/v1/passkeys/options', headers: as(pending) });
    expect(options.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(pending) })).statusCode).toBe(401);
  });

  it('refuses an attestation made for another challenge, or for another site', async () => {
    const session = await signIn(
      app,
      await addStaff(t.db, keyring, 'analyst', 'wrongreg@example.test').then(() => 'wrongreg@example.test'),
    );
    await app.inject({ method: 'POST', url: '/api/v1/passkeys/options', headers: as(session) });
    const forged = new SoftPasskey(ORIGIN).register({ challenge: Buffer.from('not the challenge').toString('base64url') });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/passkeys',
      headers: as(session),
      payload: { name: 'Forged', response: forged },
    });
    expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_passkey');
    expect((await enrol(app, session, new SoftPasskey('https://phish.example.test'))).statusCode).toBe(400);
  });

  it('refuses a passkey already registered to another account', async () => {
    const { key } = await withPasskey('owner@example.test');
    await addStaff(t.db, keyring, 'analyst', 'claimer@example.test');
    const other = await signIn(app, 'claimer@example.test');
    expect((await enrol(app, other, key)).statusCode).toBe(409);
  });

  it('names the field when the passkey has no name', async () => {
    const { session } = await withPasskey('noname@example.test');
    const options = await app.inject({ method: 'POST', url: '/api/v1/passkeys/options', headers: as(session) });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/passkeys',
      headers: as(session),
      payload: { name: '  ', response: new SoftPasskey(ORIGIN).register(options.json().optionsJSON) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('name');
  });
});

describe('signing in with a passkey', () => {
  it('finishes sign-in after the password with a passkey, with a fresh session id, audited', async () => {
    const { id, key } = await withPasskey('signin@example.test');
    const pending = await password(app, 'signin@example.test');
    expect(pending.stage).toBe('totp');
    const factors = await app.inject({ method: 'GET', url: '/api/v1/auth/second-factors', headers: as(pending) });
    expect(factors.json()).toEqual({ totp: true, passkey: true });
    const options = await passkeyOptions(app, pending);
    expect(options.allowCredentials.map((c) => c.id)).toEqual([key.id]);
    const done = await finish(app, pending, key.assert(options));
    expect(done.statusCode, done.body).toBe(200);
    const active = { cookie: cookieFrom(done), csrf: done.json<{ csrfToken: string }>().csrfToken };
    expect(active.cookie).not.toBe(pending.cookie);
    expect((await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(active) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(pending) })).statusCode).toBe(401);
    const list = await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(active) });
    expect(list.json<{ passkeys: { lastUsedAt: string | null }[] }>().passkeys[0]!.lastUsedAt).not.toBeNull();
    expect((await auditActions(id)).slice(-1)).toEqual(['auth.signed_in']);
  });

  it('refuses an assertion over a wrong challenge', async () => {
    const { id, key } = await withPasskey('wrongchallenge@example.test');
    const pending = await password(app, 'wrongchallenge@example.test');
    await passkeyOptions(app, pending);
    const res = await finish(app, pending, key.assert({ challenge: Buffer.from('a challenge of my own').toString('base64url') }));
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_passkey');
    expect(await auditActions(id)).toContain('auth.passkey_failed');
  });

  it('refuses a replayed assertion, in the same sign-in and in a later one', async () => {
    const { key } = await withPasskey('replay@example.test');
    const first = await password(app, 'replay@example.test');
    const assertion = key.assert(await passkeyOptions(app, first));
    expect((await finish(app, first, assertion)).statusCode).toBe(200);
    const again = await password(app, 'replay@example.test');
    expect((await finish(app, again, assertion)).statusCode).toBe(401);
    await passkeyOptions(app, again);
    expect((await finish(app, again, assertion)).statusCode).toBe(401);
  });

  it('uses a challenge once: a failed answer spends it', async () => {
    const { key } = await withPasskey('once@example.test');
    const pending = await password(app, 'once@example.test');
    const options = await passkeyOptions(app, pending);
    expect((await finish(app, pending, key.assert(options, { origin: 'https://phish.example.test' }))).statusCode).toBe(401);
    expect((await finish(app, pending, key.assert(options))).statusCode).toBe(401);
  });

  it('refuses an expired challenge', async () => {
    const { key } = await withPasskey('expired@example.test');
    const pending = await password(app, 'expired@example.test');
    const options = await passkeyOptions(app, pending);
    await t.db
      .updateTable('passkey_challenges')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('challenge', '=', options.challenge)
      .execute();
    expect((await finish(app, pending, key.assert(options))).statusCode).toBe(401);
  });

  it("refuses another user's credential", async () => {
    const mallory = await withPasskey('mallory@example.test');
    await withPasskey('victim@example.test');
    const pending = await password(app, 'victim@example.test');
    const res = await finish(app, pending, mallory.key.assert(await passkeyOptions(app, pending)));
    expect(res.statusCode).toBe(401);
  });

  it('refuses a challenge issued for enrolment as an answer at sign-in', async () => {
    const { session, key } = await withPasskey('purpose@example.test');
    const registration = await app.inject({ method: 'POST', url: '/api/v1/passkeys/options', headers: as(session) });
    const pending = await password(app, 'purpose@example.test');
    await passkeyOptions(app, pending);
    expect((await finish(app, pending, key.assert(registration.json().optionsJSON))).statusCode).toBe(401);
  });

  it('offers no passkey to an account without one', async () => {
    await addStaff(t.db, keyring, 'analyst', 'nokey@example.test');
    await signIn(app, 'nokey@example.test');
    const pending = await password(app, 'nokey@example.test');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/second-factors', headers: as(pending) })).json()).toEqual({
      totp: true,
      passkey: false,
    });
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options', headers: as(pending) })).statusCode).toBe(
      409,
    );
  });
});

describe('removing a passkey', () => {
  it('removes one of several passkeys, audited; a removed key no longer signs in', async () => {
    const { id, session, key } = await withPasskey('remove@example.test');
    expect((await enrol(app, session, new SoftPasskey(ORIGIN), 'Spare')).statusCode).toBe(201);
    const list = await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(session) });
    const laptop = list.json<{ passkeys: { id: string; name: string }[] }>().passkeys.find((p) => p.name === 'Laptop')!;
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/passkeys/${laptop.id}`, headers: as(session) })).statusCode).toBe(
      204,
    );
    expect(await auditActions(id)).toContain('passkey.removed');
    const pending = await password(app, 'remove@example.test');
    expect((await finish(app, pending, key.assert(await passkeyOptions(app, pending)))).statusCode).toBe(401);
  });

  it("answers 404 for another user's passkey and leaves it in place", async () => {
    const owner = await withPasskey('keeper@example.test');
    const ownerKeys = await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(owner.session) });
    const keyId = ownerKeys.json<{ passkeys: { id: string }[] }>().passkeys[0]!.id;
    const other = await withPasskey('intruder@example.test');
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/passkeys/${keyId}`, headers: as(other.session) })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(owner.session) })).json<{ passkeys: unknown[] }>()
        .passkeys,
    ).toHaveLength(1);
  });

  it('refuses to remove the last second factor', async () => {
    await addStaff(t.db, keyring, 'admin', 'onlykey@example.test');
    const key = new SoftPasskey(ORIGIN);
    expect((await enrol(strict, await password(strict, 'onlykey@example.test'), key)).statusCode).toBe(201);
    // No TOTP: even on a deployment without the admin rule, the passkey is the only second factor.
    const pending = await password(app, 'onlykey@example.test');
    expect(pending.stage).toBe('passkey');
    const done = await finish(app, pending, key.assert(await passkeyOptions(app, pending)));
    const active = { cookie: cookieFrom(done), csrf: done.json<{ csrfToken: string }>().csrfToken };
    const only = (await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(active) })).json<{
      passkeys: { id: string }[];
    }>().passkeys[0]!.id;
    const removal = await app.inject({ method: 'DELETE', url: `/api/v1/passkeys/${only}`, headers: as(active) });
    expect(removal.statusCode).toBe(409);
    expect(removal.json<{ error: { code: string } }>().error.code).toBe('last_second_factor');
    // With TOTP beside it, the last passkey may go.
    const withTotp = await withPasskey('totpkept@example.test');
    const keyId = (await app.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(withTotp.session) })).json<{
      passkeys: { id: string }[];
    }>().passkeys[0]!.id;
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/passkeys/${keyId}`, headers: as(withTotp.session) })).statusCode,
    ).toBe(204);
  });
});

describe('BEACON_ADMIN_PASSKEY_REQUIRED', () => {
  it('sends a new admin to enrol a passkey, which finishes sign-in; TOTP enrolment is refused', async () => {
    const id = await addStaff(t.db, keyring, 'admin', 'newadmin@example.test');
    const pending = await password(strict, 'newadmin@example.test');
    expect(pending.stage).toBe('passkey_enrol');
    expect((await strict.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: as(pending) })).statusCode).toBe(409);
    const done = await enrol(strict, pending, new SoftPasskey(ORIGIN));
    expect(done.statusCode).toBe(201);
    const active = { cookie: cookieFrom(done), csrf: done.json<{ csrfToken: string }>().csrfToken };
    const list = await strict.inject({ method: 'GET', url: '/api/v1/passkeys', headers: as(active) });
    expect(list.json()).toMatchObject({ totp: false, passkeyRequired: true });
    const only = list.json<{ passkeys: { id: string }[] }>().passkeys[0]!.id;
    const removal = await strict.inject({ method: 'DELETE', url: `/api/v1/passkeys/${only}`, headers: as(active) });
    expect(removal.json<{ error: { code: string } }>().error.code).toBe('last_second_factor');
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['passkey.enrolled', 'auth.signed_in']));
  });

  it('lets an admin with only TOTP prove it, then sends them to enrol a passkey before anything else', async () => {
    await addStaff(t.db, keyring, 'admin', 'totpadmin@example.test');
    const { secret } = await signIn(app, 'totpadmin@example.test');
    const pending = await password(strict, 'totpadmin@example.test');
    expect(pending.stage).toBe('totp');
    const totp = await strict.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      headers: as(pending),
      payload: { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) },
    });
    expect(totp.json()).toMatchObject({ stage: 'passkey_enrol' });
    const enrolling = { cookie: cookieFrom(totp), csrf: totp.json<{ csrfToken: string }>().csrfToken };
    expect((await strict.inject({ method: 'GET', url: '/api/v1/auth/session', headers: as(enrolling) })).json()).toMatchObject({
      stage: 'passkey_enrol',
    });
    expect((await strict.inject({ method: 'GET', url: '/api/v1/reports', headers: as(enrolling) })).statusCode).toBe(401);
    expect((await enrol(strict, enrolling, new SoftPasskey(ORIGIN))).statusCode).toBe(201);
  });

  it('does not let an admin with a passkey finish sign-in with TOTP', async () => {
    await addStaff(t.db, keyring, 'admin', 'bothadmin@example.test');
    const { secret, ...session } = await signIn(app, 'bothadmin@example.test');
    expect((await enrol(app, session, new SoftPasskey(ORIGIN))).statusCode).toBe(201);
    const pending = await password(strict, 'bothadmin@example.test');
    expect(pending.stage).toBe('passkey');
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const res = await strict.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: as(pending), payload: { code } });
    expect(res.statusCode).toBe(401);
    expect((await strict.inject({ method: 'GET', url: '/api/v1/auth/second-factors', headers: as(pending) })).json()).toEqual({
      totp: false,
      passkey: true,
    });
  });

  it('refuses to start when the public address is an IP address', async () => {
    const { loadConfig } = await import('../core/config.ts');
    expect(() => loadConfig({ BEACON_ADMIN_PASSKEY_REQUIRED: 'true', BEACON_PUBLIC_URL: 'http://127.0.0.1:8080' })).toThrow(
      /BEACON_ADMIN_PASSKEY_REQUIRED/,
    );
  });
});
