import type { Transaction } from 'kysely';
import type { Database, Db } from '../database.ts';
import type { Actor } from './actor.ts';
import type { AuditAction } from './audit-actions.ts';
import { recordAudit, type AuditEvent } from './audit.ts';

/** Who is asking, and the request to quote in the audit trail: built once per request. */
export interface RequestContext {
  readonly actor: Actor;
  readonly requestId?: string | undefined;
}

export type AuditTarget = NonNullable<AuditEvent['target']>;
export type AuditDetails = NonNullable<AuditEvent['details']>;

/** What an audited block declares up front: the action it records, and usually its target. */
export interface AuditPlan {
  action: AuditAction;
  target?: AuditTarget | undefined;
}

/** One entry, as a block's outcome asks for it; unset fields come from the plan. */
export interface AuditNote {
  action?: AuditAction;
  target?: AuditTarget;
  details?: AuditDetails;
}

const OUTCOME = Symbol('audited outcome');

/** How an audited block ends. Only `answer` and `refuse` make one, so every ending says what it records. */
export interface Outcome<T> {
  readonly [OUTCOME]: true;
  readonly value: T;
  readonly notes: readonly AuditNote[];
}

/** It happened: record the plan's entry (a note may add details, a target known only now, or a bulk list). */
export function answer<T>(value: T, note: AuditNote | readonly AuditNote[] = {}): Outcome<T> {
  return { [OUTCOME]: true, value, notes: Array.isArray(note) ? note : [note as AuditNote] };
}

/**
 * It did not happen. Nothing is recorded unless the refusal still hands something out (a stale
 * edit answers with the current record): then it names the entry to write, action included.
 */
export function refuse<T>(value: T, note?: AuditNote & { action: AuditAction }): Outcome<T> {
  return { [OUTCOME]: true, value, notes: note ? [note] : [] };
}

export type Trx = Transaction<Database>;
export type AuditedBlock<T> = (trx: Trx) => Promise<Outcome<T>>;

async function audited<T>(db: Db, ctx: RequestContext, plan: AuditPlan, block: AuditedBlock<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const outcome = await block(trx);
    for (const note of outcome.notes) {
      const target = note.target ?? plan.target;
      await recordAudit(trx, {
        actor: ctx.actor,
        action: note.action ?? plan.action,
        requestId: ctx.requestId,
        ...(target ? { target } : {}),
        ...(note.details ? { details: note.details } : {}),
      });
    }
    return outcome.value;
  });
}

/**
 * A read of records worth recording (children's records are). The entry and the read share one
 * transaction; a block that throws leaves no entry.
 */
export function auditedRead<T>(db: Db, ctx: RequestContext, plan: AuditPlan, block: AuditedBlock<T>): Promise<T> {
  return audited(db, ctx, plan, block);
}

/**
 * A change and its entry commit together or not at all. A refusal commits too (as before the
 * helper existed), with the entry it names if any.
 */
export function auditedChange<T>(db: Db, ctx: RequestContext, plan: AuditPlan, block: AuditedBlock<T>): Promise<T> {
  return audited(db, ctx, plan, block);
}

/**
 * Upkeep that neither shows nor changes anyone's record as a person sees it (rebuilding a search
 * index): a transaction without an entry, named so that the choice is visible where it is made.
 */
export function withoutAudit<T>(db: Db, block: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(block);
}
