import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

describe('database', () => {
  it('runs with fsync and synchronous commit on, so an acknowledged commit is on disk', async () => {
    const { rows } = await sql<{
      fsync: string;
      sync: string;
    }>`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync`.execute(t.db);
    expect(rows[0]).toEqual({ fsync: 'on', sync: 'on' });
  });

  it('acts as the restricted application role', async () => {
    const { rows } = await sql<{ role: string }>`select current_user as role`.execute(t.db);
    expect(rows[0]?.role).toBe('beacon_app');
  });
});
