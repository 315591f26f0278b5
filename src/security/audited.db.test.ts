import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { currentAction, isAuditAction } from './audit-actions.ts';
import { listAudit, sealAll, verifyAuditChain } from './audit.ts';
import { answer, auditedChange, auditedRead, refuse, type AuditPlan, type RequestContext } from './audited.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const ctx: RequestContext = { actor: { kind: 'system', label: 'audited-test' }, requestId: 'req-audited-1' };

const entriesFor = (targetId: string) =>
  t.db
    .selectFrom('audit_entries')
    .select(['action', 'target_type', 'target_id', 'request_id', 'details'])
    .where('target_id', '=', targetId)
    .orderBy('id')
    .execute();
const team = (id: string) => t.db.selectFrom('case_teams').select('id').where('id', '=', id).executeTakeFirst();

describe('auditedChange', () => {
  it('records the declared entry, with the request id, in the transaction of the change', async () => {
    const id = randomUUID();
    const out = await auditedChange(t.db, ctx, { action: 'case.team_create', target: { type: 'case_team', id } }, async (trx) => {
      await trx
        .insertInto('case_teams')
        .values({ id, name: `Team ${id}` })
        .execute();
      return answer({ kind: 'ok' as const }, { details: { members: 0 } });
    });
    expect(out).toEqual({ kind: 'ok' });
    expect(await team(id)).toBeDefined();
    expect(await entriesFor(id)).toEqual([
      {
        action: 'case.team_create',
        target_type: 'case_team',
        target_id: id,
        request_id: 'req-audited-1',
        details: { members: 0 },
      },
    ]);
  });

  it('writes no entry and leaves nothing half-written when the block throws', async () => {
    const id = randomUUID();
    await expect(
      auditedChange(t.db, ctx, { action: 'case.team_create', target: { type: 'case_team', id } }, async (trx) => {
        await trx
          .insertInto('case_teams')
          .values({ id, name: `Team ${id}` })
          .execute();
        throw new Error('disk full, say');
      }),
    ).rejects.toThrow('disk full, say');
    expect(await team(id)).toBeUndefined();
    expect(await entriesFor(id)).toEqual([]);
  });

  it('records nothing for a plain refusal, and exactly the named entry for a refusal that hands something out', async () => {
    const id = randomUUID();
    const plan = { action: 'case.team_update', target: { type: 'case_team', id } } as const;
    expect(await auditedChange(t.db, ctx, plan, async () => refuse({ kind: 'not_found' as const }))).toEqual({
      kind: 'not_found',
    });
    expect(await entriesFor(id)).toEqual([]);
    const stale = await auditedChange(t.db, ctx, plan, async () =>
      refuse({ kind: 'stale' as const }, { action: 'case.read', details: { staleEdit: true } }),
    );
    expect(stale).toEqual({ kind: 'stale' });
    expect(await entriesFor(id)).toEqual([
      { action: 'case.read', target_type: 'case_team', target_id: id, request_id: 'req-audited-1', details: { staleEdit: true } },
    ]);
  });

  it('records one entry per note, in order, for a bulk answer', async () => {
    const ids = [randomUUID(), randomUUID()];
    await auditedRead(t.db, ctx, { action: 'case.export' }, async () =>
      answer(
        ids.length,
        ids.map((id) => ({ target: { type: 'case', id }, details: { bulk: true } })),
      ),
    );
    for (const id of ids)
      expect(await entriesFor(id)).toEqual([expect.objectContaining({ action: 'case.export', target_id: id })]);
  });
});

describe('audit action names', () => {
  it('accept only catalogue names: others do not type-check, and the run-time guard agrees', () => {
    const plans: AuditPlan[] = [
      { action: 'case.read' },
      // @ts-expect-error: a name outside the catalogue does not type-check
      { action: 'case.anything_at_all' },
      // @ts-expect-error: nor does a legacy name, which may only be read
      { action: 'case.episodes.read' },
    ];
    expect(plans.map((p) => isAuditAction(p.action))).toEqual([true, false, false]);
    expect(currentAction('case.episodes.read')).toBe('case.episode_list');
  });

  it('find entries written under a legacy name when filtering by the new one, and the chain still verifies', async () => {
    const reference = `CASE-2026-${String(Date.now()).slice(-6)}`;
    await t.db.transaction().execute(async (trx) => {
      // An entry as written before the catalogue (its name is frozen in the hash chain).
      await trx
        .insertInto('audit_entries')
        .values({
          at: new Date().toISOString(),
          actor_id: null,
          actor_label: 'system:old',
          action: 'case.episodes.read',
          target_type: 'case',
          target_id: reference,
          request_id: null,
          details: '{}',
          seq: null,
          prev_hash: null,
          hash: null,
        })
        .execute();
    });
    await auditedRead(t.db, ctx, { action: 'case.episode_list', target: { type: 'case', id: reference } }, async () =>
      answer(null),
    );
    const found = await listAudit(t.db, { action: 'case.episode_list', targetId: reference });
    expect(found.map((e) => e.action).sort()).toEqual(['case.episode_list', 'case.episodes.read']);
    expect((await listAudit(t.db, { action: 'case.episodes.read', targetId: reference })).length).toBe(2);
    await sealAll(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ kind: 'ok' });
  });
});
