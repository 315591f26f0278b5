import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

describe('deny by default', () => {
  it('answers 401 without a session on every API route not documented as public', async () => {
    const { app } = await testApp(t);
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue;
        if (path === '/api/v1/auth/session') continue; // answers 401 itself: it reports the state of sign-in
        const url = path.replace(/\{[^}]+\}/g, 'BCN-2026-000001');
        const res = await app.inject({ method: method.toUpperCase() as 'GET', url, payload: method === 'get' ? undefined : {} });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
    await app.close();
  });
});

describe('rate limits and transport', () => {
  it('limits tip submission and sign-in per address', async () => {
    const { app } = await testApp(t, { BEACON_REPORT_RATE_LIMIT: '2', BEACON_LOGIN_RATE_LIMIT: '2' });
    const form = () =>
      app.inject({
        method: 'POST',
        url: '/report',
        payload: 'incident.description=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect([(await form()).statusCode, (await form()).statusCode, (await form()).statusCode]).toEqual([400, 400, 429]);
    const login = () =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@example.test', password: 'nope' } });
    expect([(await login()).statusCode, (await login()).statusCode, (await login()).statusCode]).toEqual([401, 401, 429]);
    await app.close();
  });

  it('sends HSTS and Secure cookies only behind TLS', async () => {
    const { app } = await testApp(t, { BEACON_TRUST_PROXY: 'true' });
    const plain = await app.inject({ method: 'GET', url: '/learn' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await app.inject({ method: 'GET', url: '/learn', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toContain('max-age=');
    await app.close();
  });

  it('answers unknown API paths with JSON 404 and serves the USWDS styles', async () => {
    const { app } = await testApp(t);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const css = await app.inject({ method: 'GET', url: '/assets/uswds/css/uswds.min.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    await app.close();
  });
});
