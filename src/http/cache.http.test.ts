import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

describe('no-store by default on /api/', () => {
  it('every GET route in the OpenAPI document answers with Cache-Control: no-store, signed in or not', async () => {
    const { app, keyring } = await testApp(t);
    await addStaff(t.db, keyring, 'admin', 'admin@cache.test');
    await addStaff(t.db, keyring, 'analyst', 'analyst@cache.test');
    const callers: Record<string, Who | undefined> = {
      anonymous: undefined,
      admin: await signIn(app, 'admin@cache.test'),
      analyst: await signIn(app, 'analyst@cache.test'),
    };
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const missing: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/') || !('get' in methods)) continue;
      const url = path.replace(/\{[^}]+\}/g, 'BCN-2026-000001');
      for (const [name, who] of Object.entries(callers)) {
        const res = await app.inject({ method: 'GET', url, headers: who ? as(who) : {} });
        if (res.headers['cache-control'] !== 'no-store')
          missing.push(`${name} GET ${path} → ${res.statusCode} ${String(res.headers['cache-control'])}`);
        checked++;
      }
    }
    for (const url of ['/api/v1/openapi.json', '/api/v1/nothing-here']) {
      if ((await app.inject({ method: 'GET', url })).headers['cache-control'] !== 'no-store') missing.push(url);
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    await app.close();
  });
});
