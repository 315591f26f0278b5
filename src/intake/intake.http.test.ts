import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, signIn } from '../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
let logLines: string[];
let analyst: { cookie: string; csrf: string };
let partner: { cookie: string; csrf: string };

const example = {
  incident: {
    type: 'child_sex_trafficking',
    description: 'A girl who looks about 15 is brought to the motel on Route 9 by an older man most nights.',
  },
  location: { city: 'Tulsa', state: 'OK' },
  children: [{ approximateAge: 15, gender: 'female' }],
  reporter: { anonymous: true },
};

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  logLines = built.logLines;
  await addStaff(t.db, built.keyring, 'analyst', 'analyst@example.test');
  await addStaff(t.db, built.keyring, 'partner', 'partner@example.test', ['OK']);
  analyst = await signIn(app, 'analyst@example.test');
  partner = await signIn(app, 'partner@example.test');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/reports', payload: payload as object, headers });

describe('POST /api/v1/reports', () => {
  it('accepts the documented example with 201, a reference and a Location', async () => {
    const res = await post(example);
    expect(res.statusCode).toBe(201);
    const { reference } = res.json<{ reference: string }>();
    expect(reference).toMatch(/^BCN-\d{4}-\d{6}$/);
    expect(res.headers.location).toBe(`/api/v1/reports/${reference}`);
  });

  it('names incident.description when it is not text', async () => {
    const res = await post({ incident: { description: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors).toContainEqual({ path: 'incident.description', message: 'must be text' });
  });

  it('answers in Spanish when the browser asks for it', async () => {
    const res = await post({ incident: {} }, { 'accept-language': 'es-MX,es;q=0.9' });
    expect(res.json().error.errors).toContainEqual({ path: 'incident.description', message: 'es obligatorio' });
  });

  it('refuses a body over 1 MB with 413', async () => {
    const res = await post({ incident: { description: 'x'.repeat(1024 * 1024 + 10) } });
    expect(res.statusCode).toBe(413);
  });

  it('replays the same reference for a retried Idempotency-Key', async () => {
    const a = await post(example, { 'idempotency-key': 'client-retry-000001' });
    const b = await post(example, { 'idempotency-key': 'client-retry-000001' });
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(b.headers['idempotent-replayed']).toBe('true');
  });

  it('Trust: a stranger who sends the same Idempotency-Key with another tip gets a tip of their own, never a refusal', async () => {
    // The public API has no caller to bind a key to: the key is bound to the tip's content.
    const mine = await post(example, { 'idempotency-key': 'shared-key-0000001' });
    const stranger = {
      ...example,
      incident: { ...example.incident, description: 'Something else entirely, sent by someone else with the same key.' },
    };
    const theirs = await post(stranger, { 'idempotency-key': 'shared-key-0000001' });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().reference).not.toBe(mine.json().reference);
    const theirRetry = await post(stranger, { 'idempotency-key': 'shared-key-0000001' });
    expect(theirRetry.json().reference).toBe(theirs.json().reference);
    expect(theirRetry.headers['idempotent-replayed']).toBe('true');
  });

  it('Trust: a public tip sent with a staff cookie is recorded as from the public, not from that staff member', async () => {
    const res = await post(example, { cookie: analyst.cookie });
    expect(res.statusCode).toBe(201);
    const entry = await t.db
      .selectFrom('audit_entries')
      .select(['actor_id', 'actor_label'])
      .where('action', '=', 'report.submit')
      .where('target_id', '=', res.json().reference)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_id: null, actor_label: 'public' });
  });

  it('never writes the reporter’s name into the logs', async () => {
    const res = await post({
      ...example,
      reporter: { anonymous: false, name: 'Quillon Vantreeceworth', email: 'quillon.v@example.org', phone: '+1 918 555 0134' },
    });
    expect(res.statusCode).toBe(201);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${res.json().reference}`,
      headers: { cookie: analyst.cookie },
    });
    expect(read.json().report.reporter.name).toBe('Quillon Vantreeceworth');
    expect(logLines.length).toBeGreaterThan(0);
    for (const needle of ['Quillon', 'Vantreeceworth', 'quillon.v@example.org', '555 0134', 'Route 9']) {
      expect(logLines.filter((l) => l.includes(needle))).toEqual([]);
    }
  });
});

describe('staff reading tips', () => {
  it('needs a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/BCN-2026-000001' })).statusCode).toBe(401);
  });

  it('refuses the queue to a partner (403) and hides unreferred tips from them (404)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports', headers: { cookie: partner.cookie } })).statusCode).toBe(
      403,
    );
    const created = (await post(example)).json<{ reference: string }>();
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/reports/${created.reference}`, headers: { cookie: partner.cookie } }))
        .statusCode,
    ).toBe(404);
  });

  it('shows the analyst the queue and the tip, and records the read', async () => {
    const created = (await post(example)).json<{ reference: string }>();
    const queue = await app.inject({ method: 'GET', url: '/api/v1/reports?limit=100', headers: { cookie: analyst.cookie } });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((i: { reference: string }) => i.reference)).toContain(created.reference);
    const item = queue.json().items.find((i: { reference: string }) => i.reference === created.reference);
    expect(item).not.toHaveProperty('description');
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${created.reference}`,
      headers: { cookie: analyst.cookie },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().report.incident.description).toBe(example.incident.description);
    expect(read.headers['cache-control']).toBe('no-store');
    const audit = await t.db
      .selectFrom('audit_entries')
      .select(['actor_label'])
      .where('action', '=', 'report.read')
      .where('target_id', '=', created.reference)
      .execute();
    expect(audit).toEqual([{ actor_label: 'analyst@example.test' }]);
  });

  it('answers 404 for a reference that does not exist', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/reports/BCN-2026-999999', headers: { cookie: analyst.cookie } });
    expect(res.statusCode).toBe(404);
  });
});

describe('public pages', () => {
  it('takes a tip from the no-JavaScript form and shows the reference', async () => {
    const form = await app.inject({ method: 'GET', url: '/report' });
    const token = /name="submissionToken" value="([^"]+)"/.exec(form.body)?.[1];
    expect(token).toBeTruthy();
    const payload = new URLSearchParams({
      submissionToken: token!,
      'incident.type': 'child_sex_trafficking',
      'incident.description': 'Two teenagers are kept in a room above the nail salon and never go to school.',
      'location.state': 'TX',
      'location.city': 'El Paso',
      'reporter.anonymous': 'yes',
    }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const first = await app.inject({ method: 'POST', url: '/report', payload, headers });
    expect(first.statusCode).toBe(201);
    const reference = /BCN-\d{4}-\d{6}/.exec(first.body)?.[0];
    expect(reference).toBeTruthy();
    const again = await app.inject({ method: 'POST', url: '/report', payload, headers });
    expect(/BCN-\d{4}-\d{6}/.exec(again.body)?.[0]).toBe(reference);
  });

  it('re-renders the form with the input kept and the error linked to its field', async () => {
    const payload = new URLSearchParams({
      submissionToken: 'tok-aaaaaaaaaaaaaaaaaaaa',
      'incident.description': 'short',
      'location.city': 'Norman <b>',
    }).toString();
    const res = await app.inject({
      method: 'POST',
      url: '/report?lang=es',
      payload,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#incident-description"');
    expect(res.body).toContain('debe tener al menos 10 caracteres');
    expect(res.body).toContain('Norman &lt;b&gt;');
    expect(res.body).toMatch(
      /id="incident-description"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="incident-description"/,
    );
  });

  it('serves /learn in both languages with a strict CSP and no inline script', async () => {
    for (const [url, lang] of [
      ['/learn', 'en'],
      ['/learn?lang=es', 'es'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`lang="${lang}"`);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.body).not.toMatch(/<script/i);
    }
    const es = await app.inject({ method: 'GET', url: '/learn', headers: { 'accept-language': 'es' } });
    expect(es.body).toContain('lang="es"');
  });

  it('answers health and OpenAPI', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok' });
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/reports', '/api/v1/reports/{reference}', '/api/v1/health', '/api/v1/auth/login']),
    );
  });
});
