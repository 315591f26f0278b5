import { hasPermission, type Actor, type Permission, type Role, type StaffActor } from '../security/index.ts';

/**
 * How far each role reaches over cases, as data (tips have their own reach in security/roles.ts):
 * - team: cases assigned to the user or to a team the user belongs to (case managers, supervisors)
 * - organisation: every case, within the user's jurisdictions (analysts, who link tips to cases)
 * Restricted cases are further limited to the assignee and the users named on the case, and an
 * account limited to some states reaches only cases of those states, whatever its teams hold.
 */
export type CaseReach = 'team' | 'organisation';
export const CASE_REACH: Partial<Record<Role, CaseReach>> = {
  case_manager: 'team',
  supervisor: 'team',
  analyst: 'organisation',
  recovery: 'team',
};

export type CaseScope =
  | { kind: 'team'; userId: string; states: readonly string[] }
  | { kind: 'organisation'; userId: string; states: readonly string[] }
  | { kind: 'none' };

export function caseScope(actor: Actor, permission: Permission): CaseScope {
  if (!hasPermission(actor, permission)) return { kind: 'none' };
  const reach = CASE_REACH[actor.role];
  if (reach === 'team') return { kind: 'team', userId: actor.id, states: actor.jurisdictions };
  if (reach === 'organisation') return { kind: 'organisation', userId: actor.id, states: actor.jurisdictions };
  return { kind: 'none' };
}

export interface CaseState {
  status: 'open' | 'closing_requested' | 'closed';
  closeRequestedBy: string | null;
}

/** A closed case is read-only for everyone. */
export function canChange(actor: StaffActor, c: CaseState): boolean {
  return hasPermission(actor, 'case.update') && c.status !== 'closed';
}

/** A supervisor approves a closing that somebody else asked for (four eyes). */
export function canApproveClose(actor: StaffActor, c: CaseState): boolean {
  return hasPermission(actor, 'case.close_approve') && c.status === 'closing_requested' && c.closeRequestedBy !== actor.id;
}

/** What the UI may offer on this case; the server checks again on every request. */
export function caseAbilities(actor: StaffActor, c: CaseState): string[] {
  const out: string[] = [];
  if (canChange(actor, c)) out.push('case.update');
  if (hasPermission(actor, 'case.link') && c.status !== 'closed') out.push('case.link');
  if (hasPermission(actor, 'case.update') && c.status === 'open') out.push('case.close_request');
  if (canApproveClose(actor, c)) out.push('case.close_approve');
  if (hasPermission(actor, 'case.export')) out.push('case.export');
  // The poster is for a child still missing: never offered on a closed case.
  if (hasPermission(actor, 'case.poster') && c.status !== 'closed') out.push('case.poster');
  if (hasPermission(actor, 'case.poster_approve') && c.status !== 'closed') out.push('case.poster_approve');
  // The victim assistance plan lives in the recovery module; the case page links to it.
  if (hasPermission(actor, 'plan.read')) out.push('plan.read');
  return out;
}
