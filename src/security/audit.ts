import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import { actorId, actorLabel, type Actor } from './actor.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  requestId?: string | undefined;
  details?: Record<string, string | number | boolean | null>;
}

interface ChainedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: unknown;
  prevHash: string;
}

/** jsonb does not keep key order, so hashes are computed over keys sorted recursively. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function entryHash(f: ChainedFields): string {
  const material = JSON.stringify([
    f.seq, f.at, f.actorId, f.actorLabel, f.action, f.targetType, f.targetId, f.requestId,
    canonical(f.details), f.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

const CHAIN_LOCK = 0x6265_6163; // "beac": one advisory lock orders the whole chain

/**
 * Appends an entry inside the caller's transaction, so the audit entry and the change (or read)
 * it records commit or vanish together.
 */
export async function recordAudit(trx: Transaction<Database>, event: AuditEvent): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actorId: actorId(event.actor),
    actorLabel: actorLabel(event.actor),
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    requestId: event.requestId ?? null,
    details: event.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_entries')
    .values({
      seq: fields.seq,
      at: fields.at,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      request_id: fields.requestId,
      details: JSON.stringify(fields.details),
      prev_hash: fields.prevHash,
      hash: entryHash(fields),
    })
    .execute();
}

export type AuditVerification =
  | { kind: 'ok'; entries: number; headHash: string }
  | { kind: 'broken'; entries: number; seq: number; reason: 'altered' | 'chain_broken' | 'missing_entry' };

/** Walks the whole chain in order, recomputing each hash. */
export async function verifyAuditChain(db: Db, batchSize = 2_000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { kind: 'ok', entries: expectedSeq - 1, headHash: prevHash };
    for (const row of rows) {
      const checked = expectedSeq - 1;
      if (row.seq !== expectedSeq) return { kind: 'broken', entries: checked, seq: expectedSeq, reason: 'missing_entry' };
      if (row.prev_hash !== prevHash) return { kind: 'broken', entries: checked, seq: row.seq, reason: 'chain_broken' };
      const recomputed = entryHash({
        seq: row.seq,
        at: new Date(row.at).toISOString(),
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        requestId: row.request_id,
        details: row.details,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) return { kind: 'broken', entries: checked, seq: row.seq, reason: 'altered' };
      prevHash = row.hash;
      expectedSeq++;
    }
  }
}

export interface AuditListing {
  seq: number;
  at: Date;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
}

export async function listAudit(db: Db, filter: { action?: string; targetId?: string; limit?: number }): Promise<AuditListing[]> {
  let q = db.selectFrom('audit_entries').select(['seq', 'at', 'actor_label', 'action', 'target_type', 'target_id']);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  const rows = await q.orderBy('seq', 'desc').limit(filter.limit ?? 50).execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: new Date(r.at),
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
  }));
}
