import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';

let t: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  t = await createTestDatabase();
  ({ app } = await testApp(t));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const HOSTILE = [
  "'; drop table reports; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u0000\u0001\u0007\u001b[2J',
  '\ud800',
  '\u202e',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  'ﷺ'.repeat(500),
  '=HYPERLINK("http://example.invalid")',
  'x'.repeat(30_000),
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
);
const leaf = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

const valid = {
  incident: {
    type: 'child_sex_trafficking',
    description: 'A boy of about 14 is dropped off at the truck stop by different adults.',
  },
  location: { city: 'Reno', state: 'NV' },
  children: [{ approximateAge: 14, gender: 'male' }],
  persons: [{ role: 'trafficker', identifiers: [{ kind: 'phone', value: '775 555 0100' }] }],
  reporter: { anonymous: true },
};

/** Replaces one leaf (or inserts one key) somewhere in a valid tip. */
function mutate(base: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(base)) {
    const copy = [...base];
    copy[Number(head) % Math.max(copy.length, 1)] = mutate(copy[Number(head) % Math.max(copy.length, 1)], rest, value);
    return copy;
  }
  const obj = base && typeof base === 'object' ? (base as Record<string, unknown>) : {};
  return { ...obj, [head]: mutate(obj[head], rest, value) };
}

const fieldNames = fc.constantFrom(
  'incident',
  'type',
  'description',
  'occurredOn',
  'escalationReason',
  'location',
  'city',
  'state',
  'zip',
  'children',
  '0',
  'approximateAge',
  'gender',
  'persons',
  'identifiers',
  'kind',
  'value',
  'vehicle',
  'plate',
  'reporter',
  'anonymous',
  'email',
  'phone',
  'online',
  'identifier',
  '__proto__',
  'constructor',
);

async function countReports(): Promise<number> {
  const row = await t.db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function expectClearAnswer(status: number, body: string): void {
  expect(status).toBeLessThan(500);
  if (status === 400) {
    const errors = (JSON.parse(body) as { error: { errors?: { path: string; message: string }[] } }).error.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.path.length).toBeGreaterThan(0);
      expect(e.message.length).toBeGreaterThan(0);
    }
  }
}

describe('hostile input to POST /api/v1/reports', () => {
  it('answers every mutated tip with 201 or a 4xx naming the field, and writes a row only on 201', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fieldNames, { minLength: 1, maxLength: 5 }), leaf, async (path, value) => {
        const before = await countReports();
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          payload: JSON.stringify(mutate(valid, path, value)),
          headers: { 'content-type': 'application/json' },
        });
        expectClearAnswer(res.statusCode, res.body);
        expect(await countReports()).toBe(before + (res.statusCode === 201 ? 1 : 0));
        expect(res.body).not.toContain('<script>');
      }),
      { numRuns: 150 },
    );
  });

  it('answers any JSON value, deep nesting and invalid UTF-8 without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          payload: JSON.stringify(value),
          headers: { 'content-type': 'application/json' },
        });
        expectClearAnswer(res.statusCode, res.body);
      }),
      { numRuns: 150 },
    );
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const nested = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(nested.statusCode).toBe(400);
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"incident":{"description":"'),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      Buffer.from(' more words here"},"location":{"state":"OK"}}'),
    ]);
    const bytes = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: invalidUtf8,
      headers: { 'content-type': 'application/json' },
    });
    expect(bytes.statusCode).toBeLessThan(500);
    const broken = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: '{"incident": {',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.errors).toEqual([{ path: '(body)', message: 'must be an object' }]);
    const xml = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: '<report/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode).toBe(415);
  });
});

describe('hostile input to the public form', () => {
  it('answers random form fields with a page, never a 5xx, and shows input only escaped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.oneof(
            fieldNames.map((f) => `incident.${f}`),
            fc.string({ maxLength: 30 }),
          ),
          hostileString,
          { maxKeys: 12 },
        ),
        async (fields) => {
          const res = await app.inject({
            method: 'POST',
            url: '/report',
            payload: new URLSearchParams(fields).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
          expect(res.statusCode).toBeLessThan(500);
          expect(res.body).not.toContain('<script>alert(1)</script>');
          expect(res.body).not.toContain('<img src=x onerror');
        },
      ),
      { numRuns: 100 },
    );
  });
});
