import type { Role } from './roles.ts';

export interface StaffActor {
  kind: 'staff';
  id: string;
  email: string;
  role: Role;
  organisation: string;
  /** Empty means no restriction of that kind (e.g. national analysts). */
  jurisdictions: readonly string[];
  assignments: readonly string[];
}

/** Someone using a public route: a tip from the public, never identified. */
export interface PublicActor {
  kind: 'public';
}

/** An operator at the command line, or Beacon itself. */
export interface SystemActor {
  kind: 'system';
  label: string;
}

export type Actor = StaffActor | PublicActor | SystemActor;

export const PUBLIC_ACTOR: PublicActor = { kind: 'public' };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return actor.email;
    case 'public':
      return 'public';
    case 'system':
      return `system:${actor.label}`;
  }
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'staff' ? actor.id : null;
}
