import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../database.ts';
import { actorId, actorLabel, type Actor } from './actor.ts';
import { currentAction, storedNamesOf, type AuditAction } from './audit-actions.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actor: Actor;
  action: AuditAction;
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
    f.seq,
    f.at,
    f.actorId,
    f.actorLabel,
    f.action,
    f.targetType,
    f.targetId,
    f.requestId,
    canonical(f.details),
    f.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/**
 * Appends an entry inside the caller's transaction, so the entry and the change (or read) it
 * records commit or vanish together. No lock: the sealer chains it once its transaction is over.
 */
export async function recordAudit(trx: Transaction<Database>, event: AuditEvent): Promise<void> {
  await trx
    .insertInto('audit_entries')
    .values({ ...auditValues(event), seq: null, prev_hash: null, hash: null })
    .execute();
}

/** The row an event becomes, for a repository that writes it inside a larger single statement. */
export function auditValues(event: AuditEvent) {
  return {
    at: new Date().toISOString(),
    actor_id: actorId(event.actor),
    actor_label: actorLabel(event.actor),
    action: event.action,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    request_id: event.requestId ?? null,
    details: JSON.stringify(event.details ?? {}),
  };
}

const SEAL_LOCK = 0x6265_6163; // "beac": one sealer at a time, across processes

interface EntryRow {
  id: number;
  seq: number | null;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: unknown;
  prev_hash: string | null;
  hash: string | null;
}

function fieldsOf(row: EntryRow, seq: number, prevHash: string): ChainedFields {
  return {
    seq,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    requestId: row.request_id,
    details: row.details,
    prevHash,
  };
}

/**
 * Chains entries whose transactions have finished, in insertion order. An entry is eligible once
 * its transaction id is below the oldest one still running: no earlier entry can appear after that.
 * Returns how many were sealed; 0 also when another sealer holds the lock.
 */
export async function sealAudit(db: Db, batchSize = 5_000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`.execute(trx);
    if (!lock.rows[0]?.ok) return 0;
    const pending = await sql<EntryRow>`
      select id, seq, at, actor_id, actor_label, action, target_type, target_id, request_id, details, prev_hash, hash
      from audit_entries
      where seq is null and xid < pg_snapshot_xmin(pg_current_snapshot())
      order by id limit ${batchSize}`.execute(trx);
    if (pending.rows.length === 0) return 0;
    const last = await trx
      .selectFrom('audit_entries')
      .select(['seq', 'hash'])
      .where('seq', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS_HASH;
    const ids: number[] = [],
      seqs: number[] = [],
      prevs: string[] = [],
      hashes: string[] = [];
    for (const row of pending.rows) {
      seq++;
      const hash = entryHash(fieldsOf(row, seq, prev));
      ids.push(row.id);
      seqs.push(seq);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await sql`
      update audit_entries a set seq = v.seq, prev_hash = v.prev, hash = v.hash
      from (select unnest(${ids}::bigint[]) as id, unnest(${seqs}::bigint[]) as seq,
                   unnest(${prevs}::text[]) as prev, unnest(${hashes}::text[]) as hash) v
      where a.id = v.id`.execute(trx);
    return pending.rows.length;
  });
}

/** Seals until nothing eligible is left (used before verifying). */
export async function sealAll(db: Db): Promise<number> {
  let total = 0;
  for (let n = await sealAudit(db); n > 0; n = await sealAudit(db)) total += n;
  return total;
}

export type AuditVerification =
  | { kind: 'ok'; entries: number; headHash: string; unsealed: number }
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
    if (rows.length === 0) {
      const unsealed = await db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('seq', 'is', null)
        .executeTakeFirstOrThrow();
      return { kind: 'ok', entries: expectedSeq - 1, headHash: prevHash, unsealed: Number(unsealed.n) };
    }
    for (const row of rows) {
      const checked = expectedSeq - 1;
      if (row.seq !== expectedSeq) return { kind: 'broken', entries: checked, seq: expectedSeq, reason: 'missing_entry' };
      if (row.prev_hash !== prevHash) return { kind: 'broken', entries: checked, seq: row.seq, reason: 'chain_broken' };
      const recomputed = entryHash(fieldsOf(row as EntryRow, expectedSeq, prevHash));
      if (recomputed !== row.hash) return { kind: 'broken', entries: checked, seq: row.seq, reason: 'altered' };
      prevHash = row.hash ?? '';
      expectedSeq++;
    }
  }
}

export interface AuditListing {
  seq: number | null;
  at: Date;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
}

/** A filter on an action finds its entries under the legacy name too (the chain keeps old names). */
export async function listAudit(db: Db, filter: { action?: string; targetId?: string; limit?: number }): Promise<AuditListing[]> {
  let q = db.selectFrom('audit_entries').select(['id', 'seq', 'at', 'actor_label', 'action', 'target_type', 'target_id']);
  if (filter.action) {
    const action = currentAction(filter.action);
    q = q.where('action', 'in', action ? storedNamesOf(action) : [filter.action]);
  }
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 50)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: new Date(r.at),
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
  }));
}
