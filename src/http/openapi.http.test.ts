import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

type Schema = { $ref?: string; anyOf?: Schema[]; properties?: Record<string, unknown> };
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };

describe('the OpenAPI document', () => {
  it('declares the error body once, as a component every error answer refers to', async () => {
    const { app } = await testApp(t);
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas?: Record<string, Schema> };
    };
    expect(spec.components.schemas?.Error?.properties).toHaveProperty('error');
    const inlined: string[] = [];
    let referred = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, answer] of Object.entries(op.responses ?? {})) {
          const schema = answer.content?.['application/json']?.schema;
          if (Number(status) < 400 || !schema) continue;
          const options = schema.anyOf ?? [schema];
          if (options.some((s) => s.$ref === '#/components/schemas/Error')) referred++;
          // A body of `error` alone repeats the component; a stale answer (`error` and `current`) is its own shape.
          if (options.some((s) => s.properties && Object.keys(s.properties).join() === 'error'))
            inlined.push(`${method} ${path} ${status}`);
        }
      }
    }
    expect(inlined).toEqual([]);
    expect(referred).toBeGreaterThan(300);
    await app.close();
  });
});
