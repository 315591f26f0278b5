import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, TEST_PASSWORD, type Who } from '../../test/staff.ts';
import type { Keyring } from './crypto.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
let first: Who;
let second: Who;
let firstId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ app, keyring } = await testApp(t));
  firstId = await addStaff(t.db, keyring, 'admin', 'first-admin@example.test');
  await addStaff(t.db, keyring, 'admin', 'second-admin@example.test');
  first = await signIn(app, 'first-admin@example.test');
  second = await signIn(app, 'second-admin@example.test');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const call = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, headers: as(who), ...(payload ? { payload } : {}) });
const actions = async (targetId: string) =>
  (await t.db.selectFrom('audit_entries').select('action').where('target_id', '=', targetId).orderBy('id').execute()).map(
    (r) => r.action,
  );

describe('staff accounts', () => {
  it('invites with a set-up link, changes role and jurisdictions, audited', async () => {
    const invited = await call(first, 'POST', '/api/v1/admin/staff', {
      email: 'new.analyst@example.test',
      role: 'analyst',
      jurisdictions: ['ok'],
    });
    expect(invited.statusCode).toBe(201);
    const { id, setupUrl } = invited.json<{ id: string; setupUrl: string }>();
    expect(setupUrl).toMatch(/\/app\/setup\?token=[\w-]{40,}$/);
    expect(
      (await call(first, 'POST', '/api/v1/admin/staff', { email: 'NEW.analyst@example.test', role: 'analyst' })).statusCode,
    ).toBe(409);
    expect(
      (await call(first, 'PATCH', `/api/v1/admin/staff/${id}`, { role: 'supervisor', jurisdictions: ['TX', 'OK'] })).statusCode,
    ).toBe(200);
    const listed = (await call(first, 'GET', '/api/v1/admin/staff'))
      .json<{ items: { id: string; role: string; jurisdictions: string[]; passwordSet: boolean }[] }>()
      .items.find((s) => s.id === id);
    expect(listed).toMatchObject({ role: 'supervisor', jurisdictions: ['OK', 'TX'], passwordSet: false });
    expect(await actions(id)).toEqual(['staff.create', 'staff.update']);
  });

  it('refuses an unknown state and an admin changing their own role', async () => {
    expect(
      (await call(first, 'POST', '/api/v1/admin/staff', { email: 'x@example.test', role: 'analyst', jurisdictions: ['ZZ'] }))
        .statusCode,
    ).toBe(400);
    expect((await call(first, 'PATCH', `/api/v1/admin/staff/${firstId}`, { role: 'analyst' })).json().error.code).toBe(
      'own_role',
    );
  });

  it('disables (ending the sessions at once) and enables; nobody disables themselves', async () => {
    const id = await addStaff(t.db, keyring, 'analyst', 'to-disable@example.test');
    const them = await signIn(app, 'to-disable@example.test');
    expect((await call(them, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await call(first, 'POST', `/api/v1/admin/staff/${firstId}/disable`)).json().error.code).toBe('own_account');
    expect((await call(first, 'POST', `/api/v1/admin/staff/${id}/disable`)).statusCode).toBe(200);
    expect((await call(them, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    const live = await t.db
      .selectFrom('staff_sessions')
      .select('id_hash')
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'to-disable@example.test', password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    expect((await call(first, 'POST', `/api/v1/admin/staff/${id}/enable`)).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'to-disable@example.test', password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    expect(await actions(id)).toEqual(expect.arrayContaining(['staff.disable', 'staff.enable']));
  });

  it('refuses the other roles', async () => {
    await addStaff(t.db, keyring, 'supervisor', 'sup@example.test');
    const sup = await signIn(app, 'sup@example.test');
    expect((await call(sup, 'GET', '/api/v1/admin/staff')).statusCode).toBe(403);
    expect((await call(sup, 'GET', '/api/v1/admin/tokens')).statusCode).toBe(403);
  });
});

describe('resets need a second admin', () => {
  it('a password reset: the requester cannot approve; the second admin can, once; sessions end; the link sets a password', async () => {
    const id = await addStaff(t.db, keyring, 'analyst', 'forgetful@example.test');
    const them = await signIn(app, 'forgetful@example.test');
    const asked = await call(first, 'POST', `/api/v1/admin/staff/${id}/reset-requests`, { kind: 'password' });
    expect(asked.statusCode).toBe(201);
    const requestId = asked.json<{ id: string }>().id;
    expect((await call(second, 'POST', `/api/v1/admin/staff/${id}/reset-requests`, { kind: 'password' })).json().error.code).toBe(
      'already_open',
    );
    expect((await call(first, 'POST', `/api/v1/admin/reset-requests/${requestId}/approve`)).json().error.code).toBe(
      'own_request',
    );
    const approved = await call(second, 'POST', `/api/v1/admin/reset-requests/${requestId}/approve`);
    expect(approved.statusCode).toBe(200);
    const token = new URL(approved.json<{ setupUrl: string }>().setupUrl).searchParams.get('token')!;
    expect((await call(second, 'POST', `/api/v1/admin/reset-requests/${requestId}/approve`)).json().error.code).toBe('closed');
    expect((await call(them, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'forgetful@example.test', password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/setup', payload: { token, password: 'a brand new long password' } }))
        .statusCode,
    ).toBeLessThan(300);
    const listed = (await call(first, 'GET', '/api/v1/admin/reset-requests')).json<{
      items: { id: string; status: string; approvedByEmail: string }[];
    }>().items;
    expect(listed.find((r) => r.id === requestId)).toMatchObject({
      status: 'approved',
      approvedByEmail: 'second-admin@example.test',
    });
    expect(await actions(id)).toEqual(
      expect.arrayContaining(['staff.reset_requested', 'staff.reset_approved', 'staff.password_set']),
    );
  });

  it('a second-factor reset forgets the authenticator: the next sign-in enrols again', async () => {
    const id = await addStaff(t.db, keyring, 'analyst', 'lost-phone@example.test');
    await signIn(app, 'lost-phone@example.test');
    const requestId = (await call(second, 'POST', `/api/v1/admin/staff/${id}/reset-requests`, { kind: 'second_factor' })).json<{
      id: string;
    }>().id;
    expect((await call(first, 'POST', `/api/v1/admin/reset-requests/${requestId}/approve`)).json()).toEqual({
      kind: 'second_factor',
      setupUrl: null,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'lost-phone@example.test', password: TEST_PASSWORD },
    });
    expect(login.json().stage).toBe('totp_enrol');
  });

  it('nobody approves a reset of their own account; a request can be cancelled, and then not approved', async () => {
    const own = (await call(second, 'POST', `/api/v1/admin/staff/${firstId}/reset-requests`, { kind: 'second_factor' })).json<{
      id: string;
    }>().id;
    expect((await call(first, 'POST', `/api/v1/admin/reset-requests/${own}/approve`)).json().error.code).toBe('own_account');
    expect((await call(first, 'POST', `/api/v1/admin/reset-requests/${own}/cancel`)).statusCode).toBe(200);
    expect((await call(second, 'POST', `/api/v1/admin/reset-requests/${own}/approve`)).json().error.code).toBe('own_request');
    expect(await actions(firstId)).toEqual(expect.arrayContaining(['staff.reset_requested', 'staff.reset_cancelled']));
  });

  it('the database itself refuses an approval by the requester', async () => {
    const id = await addStaff(t.db, keyring, 'analyst', 'db-check@example.test');
    const req = await t.db
      .insertInto('staff_reset_requests')
      .values({ user_id: id, kind: 'password', requested_by: firstId, expires_at: new Date(Date.now() + 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(
      t.db
        .updateTable('staff_reset_requests')
        .set({ approved_by: firstId, approved_at: new Date() })
        .where('id', '=', req.id)
        .execute(),
    ).rejects.toThrow(/staff_reset_requests_second_admin/);
  });
});

describe('sign-ins, tokens and agencies', () => {
  it('lists sign-ins, newest first, with failures', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'second-admin@example.test', password: 'wrong password here' },
    });
    const items = (await call(first, 'GET', '/api/v1/admin/sign-ins?limit=50')).json<{
      items: { outcome: string; email: string | null; method: string | null }[];
    }>().items;
    expect(items[0]).toMatchObject({ outcome: 'wrong_password', email: 'second-admin@example.test' });
    expect(items).toContainEqual(
      expect.objectContaining({ outcome: 'signed_in', email: 'first-admin@example.test', method: 'totp (first sign-in)' }),
    );
    const staff = (await call(first, 'GET', '/api/v1/admin/staff')).json<{
      items: { email: string; lastSignedInAt: string | null }[];
    }>().items;
    expect(staff.find((s) => s.email === 'first-admin@example.test')?.lastSignedInAt).not.toBeNull();
  });

  it('creates a token that works once shown, lists it without the secret, revokes it', async () => {
    const created = await call(first, 'POST', '/api/v1/admin/tokens', { organisation: 'ExampleChat', label: 'their server' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    const list = await call(first, 'GET', '/api/v1/admin/tokens');
    expect(list.body).not.toContain(token);
    expect(list.json().items).toContainEqual(expect.objectContaining({ id, organisation: 'ExampleChat', revokedAt: null }));
    expect((await call(first, 'POST', `/api/v1/admin/tokens/${id}/revoke`)).statusCode).toBe(200);
    expect((await call(first, 'POST', `/api/v1/admin/tokens/${id}/revoke`)).statusCode).toBe(404);
    const esp = await app.inject({
      method: 'POST',
      url: '/api/v1/esp/reports',
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
    expect(esp.statusCode).toBe(401);
  });

  it('imports agencies all or nothing: one bad row imports nothing and names the line and column', async () => {
    const header = 'agency_code,agency_name,agency_kind,phone,email,active,area_kind,state,county,city,tribal_land';
    const good = 'ADM-ONE,Admin Test Agency,law_enforcement,,,true,state,OK,,,';
    const bad = 'ADM-TWO,Another Agency,spaceship,,,true,state,TX,,,';
    const refused = await call(first, 'POST', '/api/v1/agencies/import', { csv: `${header}\n${good}\n${bad}\n` });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.errors).toEqual([expect.objectContaining({ path: 'line 3, agency_kind' })]);
    expect(await t.db.selectFrom('agencies').select('id').where('code', 'like', 'ADM-%').execute()).toEqual([]);
    const ok = await call(first, 'POST', '/api/v1/agencies/import', { csv: `${header}\n${good}\n` });
    expect(ok.json()).toMatchObject({ applied: true, created: [{ code: 'ADM-ONE', areas: 1 }] });
  });
});
