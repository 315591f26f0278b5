import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderApiTypes, SCHEMA_FILE } from '../../scripts/api-types.ts';

describe('the staff app types', () => {
  it('are generated from the OpenAPI document as the server builds it now (run `npm run api-types`)', async () => {
    const checkedIn = await readFile(SCHEMA_FILE, 'utf8');
    // Compared as a whole: a stale file fails here before the web build types against the wrong shapes.
    expect(checkedIn === (await renderApiTypes()), 'web/src/api/schema.d.ts is stale: run `npm run api-types`').toBe(true);
  }, 120_000);
});
