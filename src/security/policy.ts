import type { Actor, StaffActor } from './actor.ts';
import { ROLE_DEFINITIONS, type Permission } from './roles.ts';

/** Deny by default: only staff with the permission in their role pass. */
export function hasPermission(actor: Actor, permission: Permission): actor is StaffActor {
  return actor.kind === 'staff' && ROLE_DEFINITIONS[actor.role].permissions.includes(permission);
}

export class ForbiddenError extends Error {
  constructor(readonly permission: Permission) {
    super('forbidden');
  }
}

export function authorize(actor: Actor, permission: Permission): asserts actor is StaffActor {
  if (!hasPermission(actor, permission)) throw new ForbiddenError(permission);
}

/**
 * The slice of records an actor may see, turned into a SQL filter by each repository.
 * `none` is the default for anything that does not grant a reach.
 */
export type RecordScope =
  | { kind: 'all' }
  | { kind: 'jurisdictions'; states: readonly string[] }
  | { kind: 'assigned'; userId: string }
  | { kind: 'none' };

export function recordScope(actor: Actor, permission: Permission): RecordScope {
  if (!hasPermission(actor, permission)) return { kind: 'none' };
  if (ROLE_DEFINITIONS[actor.role].reach === 'assignment') return { kind: 'assigned', userId: actor.id };
  return actor.jurisdictions.length > 0 ? { kind: 'jurisdictions', states: actor.jurisdictions } : { kind: 'all' };
}

/** What the actor may do, sent with records so the UI hides what it cannot do. */
export function abilities(actor: Actor, candidates: readonly Permission[]): Permission[] {
  return candidates.filter((p) => hasPermission(actor, p));
}
