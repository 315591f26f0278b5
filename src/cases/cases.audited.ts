import type { Db } from '../database.ts';
import {
  auditedChange,
  auditedRead,
  refuse,
  type AuditPlan,
  type Outcome,
  type Permission,
  type RequestContext,
} from '../security/index.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';

export type NotFound = { kind: 'not_found' };
export type Closed = { kind: 'closed' };
export const caseTarget = (reference: string) => ({ type: 'case', id: reference });
type CasesDb = { db: Db };

/** An audited block on one case, found in the actor's scope; the entry's target is the case. */
export interface CasePlan {
  reference: string;
  action: AuditPlan['action'];
  /** The permission whose reach the case must be in: case.read to read, case.update to change, by default. */
  permission?: Permission;
}

type CaseBlock<T> = (trx: repo.Trx, row: repo.CaseRow) => Promise<Outcome<T>>;

/** Reads one case: missing and out of reach both answer not_found, and record nothing. */
export function caseRead<T>(deps: CasesDb, ctx: RequestContext, plan: CasePlan, block: CaseBlock<T>): Promise<T | NotFound> {
  return auditedRead(deps.db, ctx, { action: plan.action, target: caseTarget(plan.reference) }, async (trx) => {
    const row = await repo.findCase(trx, caseScope(ctx.actor, plan.permission ?? 'case.read'), plan.reference);
    return row ? block(trx, row) : refuse<T | NotFound>({ kind: 'not_found' });
  });
}

/**
 * Changes one case, locked for the change. A closed case is refused unless `closedToo` says the
 * block decides itself (closing and reopening look at the status).
 */
export function caseChange<T>(
  deps: CasesDb,
  ctx: RequestContext,
  plan: CasePlan & { closedToo: true },
  block: CaseBlock<T>,
): Promise<T | NotFound>;
export function caseChange<T>(
  deps: CasesDb,
  ctx: RequestContext,
  plan: CasePlan & { closedToo?: false },
  block: CaseBlock<T>,
): Promise<T | NotFound | Closed>;
export function caseChange<T>(
  deps: CasesDb,
  ctx: RequestContext,
  plan: CasePlan & { closedToo?: boolean },
  block: CaseBlock<T>,
): Promise<T | NotFound | Closed> {
  return auditedChange(deps.db, ctx, { action: plan.action, target: caseTarget(plan.reference) }, async (trx) => {
    const row = await repo.findCase(trx, caseScope(ctx.actor, plan.permission ?? 'case.update'), plan.reference, { lock: true });
    if (!row) return refuse<T | NotFound | Closed>({ kind: 'not_found' });
    if (row.status === 'closed' && !plan.closedToo) return refuse<T | NotFound | Closed>({ kind: 'closed' });
    return block(trx, row);
  });
}
