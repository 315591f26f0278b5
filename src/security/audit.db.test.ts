import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { recordAudit, sealAll, sealAudit, verifyAuditChain } from './audit.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const actor = { kind: 'system', label: 'test' } as const;

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await t.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, { actor, action: 'report.read', target: { type: 'report', id: `BCN-2026-00000${i}` }, details: { i } }),
      );
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
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.db.transaction().execute((trx) => recordAudit(trx, { actor, action: 'report.list', details: { i } })),
      ),
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ kind: 'ok', entries: 0, unsealed: 11 });
    expect(await sealAll(t.db)).toBe(11);
    expect(await verifyAuditChain(t.db)).toMatchObject({ kind: 'ok', entries: 11, unsealed: 0 });
  });

  it('waits for a running transaction before chaining its entry, then chains it after later ones', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const wasInserted = new Promise<void>((r) => (inserted = r));
    const slow = t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, { actor, action: 'draft.save' });
      inserted();
      await held;
    });
    try {
      await wasInserted;
      await t.db.transaction().execute((trx) => recordAudit(trx, { actor, action: 'draft.list' }));
      await sealAll(t.db);
      // The slow transaction holds the horizon back: the later entry waits rather than jump the queue.
      const early = await t.db
        .selectFrom('audit_entries')
        .select('seq')
        .where('action', '=', 'draft.list')
        .executeTakeFirstOrThrow();
      expect(early.seq).toBeNull();
    } finally {
      release();
      await slow;
    }
    await sealAll(t.db);
    expect((await verifyAuditChain(t.db)).kind).toBe('ok');
    const sealed = await t.db
      .selectFrom('audit_entries')
      .select(['action', 'seq'])
      .where('action', 'in', ['draft.save', 'draft.list'])
      .orderBy('seq')
      .execute();
    expect(sealed.map((e) => e.action)).toEqual(['draft.save', 'draft.list']);
  });

  it('lets one sealer run at a time', async () => {
    await append(20);
    const results = await Promise.all([sealAudit(t.db), sealAudit(t.db), sealAudit(t.db)]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(20);
    expect((await verifyAuditChain(t.db)).kind).toBe('ok');
  });

  it('keeps nothing of a transaction that rolled back', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor, action: 'report.read' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await verifyAuditChain(t.db)).kind).toBe('ok');
  });

  it('cannot be changed or deleted by the application role', async () => {
    await expect(t.db.updateTable('audit_entries').set({ action: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      t.db
        .updateTable('audit_entries')
        .set({ hash: 'f'.repeat(64) })
        .where('seq', '=', 1)
        .execute(),
    ).rejects.toThrow(/append-only/);
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

  it('refuses to seal an entry with changed content', async () => {
    await asOwner(async (c) => {
      await c.query(`insert into audit_entries (at, actor_label, action) values (now(), 'x', 'y')`);
      await expect(
        c.query(`update audit_entries set action = 'z', hash = 'h', seq = 999999, prev_hash = 'p' where seq is null`),
      ).rejects.toThrow(/append-only/);
    });
  });
});
