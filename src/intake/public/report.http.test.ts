import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  app = (await testApp(t)).app;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const headers = { 'content-type': 'application/x-www-form-urlencoded' };

/** Every input of the page's form, as a browser would send it (hidden ones included, radios if checked). */
function formFields(page: string): [string, string][] {
  const decode = (v: string) =>
    v.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  const inputs = [...page.matchAll(/<input [^>]*>/g)].flatMap((m) => {
    const tag = m[0];
    const name = /\bname="([^"]+)"/.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (!name || (/type="(radio|checkbox)"/.test(tag) && !/\bchecked\b/.test(tag))) return [];
    return [[name, decode(value)] as [string, string]];
  });
  const textareas = [...page.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)].map(
    (m) => [m[1]!, decode(m[2]!)] as [string, string],
  );
  const selects = [...page.matchAll(/<select [^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/g)].map((m) => {
    const chosen = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? '';
    return [m[1]!, decode(chosen)] as [string, string];
  });
  return [...inputs, ...textareas, ...selects];
}

async function press(page: string, action: string, answers: Record<string, string> = {}, url = '/report') {
  const body = new URLSearchParams([
    ...formFields(page).filter(([k]) => !(k in answers) && k !== 'action'),
    ...Object.entries(answers),
    ['action', action],
  ]);
  return app.inject({ method: 'POST', url, payload: body.toString(), headers });
}

const stepOf = (page: string) => /data-step="(\w+)"/.exec(page)?.[1];

describe('the step-by-step public form', () => {
  it("answers an unknown page with a styled 404 in the reader's language (The 404 page is unstyled)", async () => {
    const en = await app.inject({ method: 'GET', url: '/no-such-page' });
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('/assets/public.css');
    expect(en.body).toContain('<h1>Page not found</h1>');
    expect(en.body).toContain('href="tel:');
    const es = await app.inject({ method: 'GET', url: '/otra-pagina', headers: { 'accept-language': 'es' } });
    expect(es.body).toContain('<html lang="es">');
    expect(es.body).toContain('Página no encontrada');
    expect((await app.inject({ method: 'GET', url: '/api/v1/nothing' })).json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('walks every step, carries answers in the page, and sends once however often it is sent', async () => {
    let res = await app.inject({ method: 'GET', url: '/report' });
    expect(stepOf(res.body)).toBe('what');
    res = await press(res.body, 'next');
    expect(res.statusCode).toBe(400);
    expect(stepOf(res.body)).toBe('what');
    res = await press(res.body, 'next', {
      'incident.description': 'A teenager <b>sleeps</b> in a car behind the truck stop every night.',
    });
    expect(res.statusCode).toBe(200);
    expect(stepOf(res.body)).toBe('where');
    expect(res.body).toContain('value="A teenager &lt;b&gt;sleeps&lt;/b&gt; in a car behind the truck stop every night."');
    res = await press(res.body, 'next', { 'location.city': 'Reno', 'location.state': 'NV' });
    expect(stepOf(res.body)).toBe('children');
    res = await press(res.body, 'next', { 'children.0.approximateAge': '14', 'children.0.missing': 'yes' });
    expect(stepOf(res.body)).toBe('persons');
    res = await press(res.body, 'add-person', {
      'persons.0.role': 'trafficker',
      'persons.0.identifiers.0.kind': 'phone',
      'persons.0.identifiers.0.value': '555 0100',
    });
    expect(stepOf(res.body)).toBe('persons');
    expect(res.body).toContain('name="persons.1.name"');
    res = await press(res.body, 'next', { 'persons.1.role': 'buyer', 'persons.1.vehicle.plate': 'TEST123' });
    expect(stepOf(res.body)).toBe('you');
    res = await press(res.body, 'next', { 'reporter.anonymous': 'yes' });
    expect(stepOf(res.body)).toBe('review');
    expect(res.body).toContain('Phone number: 555 0100');
    expect(res.body).toContain('TEST123');
    const review = res.body;
    const sent = await press(review, 'send');
    expect(sent.statusCode).toBe(201);
    const reference = /data-reference="(BCN-\d{4}-\d{6})"/.exec(sent.body)?.[1];
    expect(reference).toBeTruthy();
    const again = await press(review, 'send');
    expect(/data-reference="(BCN-[^"]+)"/.exec(again.body)?.[1]).toBe(reference);
    const rows = await t.db
      .selectFrom('reports')
      .select(['reference', 'child_ages', 'state'])
      .where('reference', '=', reference!)
      .execute();
    expect(rows).toEqual([{ reference, child_ages: [14], state: 'NV' }]);
  });

  it('validates everything again at the send, whatever the hidden inputs say', async () => {
    const review = (await app.inject({ method: 'GET', url: '/report?lang=es' })).body;
    const res = await press(
      review,
      'send',
      {
        step: 'review',
        'incident.description': 'A long enough description of a worry.',
        'persons.0.identifiers.0.value': '555 0100',
      },
      '/report?lang=es',
    );
    expect(res.statusCode).toBe(400);
    expect(stepOf(res.body)).toBe('persons');
    expect(res.body).toContain('href="#persons-0-identifiers-0-kind">Persona 1, identificador 1: Tipo es obligatorio.</a>');
    expect(res.body).toContain('<input type="hidden" name="from" value="review">');
  });

  it('sends a place-less, child-less tip back to the place step with the reason', async () => {
    const page = (await app.inject({ method: 'GET', url: '/report' })).body;
    const res = await press(page, 'next', { step: 'you', 'incident.description': 'Something worrying happened here again.' });
    expect(res.statusCode).toBe(400);
    expect(stepOf(res.body)).toBe('where');
    expect(res.body).toContain('href="#location-address">Where it happened: Tell us at least one more thing we can act on');
  });

  it('refuses a body over 1 MB on the form too', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/report',
      payload: `step=what&incident.description=${'x'.repeat(1024 * 1024 + 10)}`,
      headers,
    });
    expect(res.statusCode).toBe(413);
  });

  it('never echoes a huge hidden value in full', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/report',
      payload: `step=what&action=next&incident.description=ok+fine+long+enough&location.city=${'c'.repeat(200_000)}`,
      headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body.length).toBeLessThan(100_000);
  });

  it('answers any mix of steps, actions and list fields with a page, never a 5xx, input only escaped', async () => {
    const names = [
      'step',
      'action',
      'from',
      'submissionToken',
      'incident.description',
      'online.0.identifier',
      'online.7.kind',
      'children.3.missing',
      'persons.0.identifiers.19.value',
      'persons.2.vehicle.plate',
      'reporter.anonymous',
      'additionalInfo',
      'persons.99.name',
    ];
    const values = fc.oneof(
      fc.constantFrom(
        'what',
        'where',
        'children',
        'persons',
        'you',
        'review',
        'next',
        'back',
        'send',
        'add-person',
        'add-identifier-7',
        'goto-review',
        'goto-you',
        'yes',
        'unknown',
      ),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'; drop table reports; --"),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), values, { maxKeys: 10 }), async (fields) => {
        const res = await app.inject({
          method: 'POST',
          url: '/report',
          payload: new URLSearchParams(fields).toString(),
          headers,
        });
        expect(res.statusCode).toBeLessThan(500);
        expect(res.body).not.toContain('<script>alert(1)</script>');
        expect(res.body).not.toContain('<img src=x onerror');
      }),
      { numRuns: 150 },
    );
  });
});
