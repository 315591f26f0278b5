import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { recordAudit, verifyAuditChain } from './audit.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const actor = { kind: 'system', label: 'test' } as const;

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await t.db.transaction().execute((trx) => recordAudit(trx, { actor, action: 'report.read', target: { type: 'report', id: `BCN-2026-00000${i}` }, details: { i } }));
  }
}

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.ownerUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('audit chain', () => {
  it('verifies an intact chain, including entries appended concurrently', async () => {
    await append(3);
    await Promise.all(Array.from({ length: 8 }, (_, i) =>
      t.db.transaction().execute((trx) => recordAudit(trx, { actor, action: 'report.list', details: { i } }))));
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ kind: 'ok', entries: 11 });
  });

  it('keeps nothing of a transaction that rolled back', async () => {
    await expect(t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, { actor, action: 'report.read' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect((await verifyAuditChain(t.db)).kind).toBe('ok');
  });

  it('cannot be changed or deleted by the application role', async () => {
    await expect(t.db.updateTable('audit_entries').set({ action: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(/permission denied/);
    await expect(t.db.deleteFrom('audit_entries').where('seq', '=', 1).execute()).rejects.toThrow(/permission denied/);
  });

  it('cannot be changed even by the owner while the trigger stands', async () => {
    await expect(asOwner((c) => c.query(`update audit_entries set action = 'x' where seq = 1`))).rejects.toThrow(/append-only/);
    await expect(asOwner((c) => c.query('truncate audit_entries'))).rejects.toThrow(/append-only/);
  });

  it('names the entry a superuser altered behind the triggers', async () => {
    await asOwner(async (c) => {
      await c.query('begin');
      await c.query(`set local session_replication_role = replica`);
      await c.query(`update audit_entries set target_id = 'BCN-2026-999999' where seq = 2`);
      await c.query('commit');
    });
    expect(await verifyAuditChain(t.db)).toMatchObject({ kind: 'broken', seq: 2, reason: 'altered', entries: 1 });
  });
});
