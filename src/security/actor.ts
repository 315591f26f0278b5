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

/** An organisation's system calling the API with a bearer token (an electronic service provider). */
export interface ServiceActor {
  kind: 'service';
  /** The token's id: which credential acted, so a leaked one can be traced and revoked. */
  id: string;
  organisation: string;
  scopes: readonly string[];
}

export type Actor = StaffActor | PublicActor | SystemActor | ServiceActor;

export const PUBLIC_ACTOR: PublicActor = { kind: 'public' };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return actor.email;
    case 'public':
      return 'public';
    case 'system':
      return `system:${actor.label}`;
    case 'service':
      return `service:${actor.organisation}`;
  }
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'staff' || actor.kind === 'service' ? actor.id : null;
}
