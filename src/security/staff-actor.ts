import type { Transaction } from 'kysely';
import type { Database, Db } from '../database.ts';
import type { StaffActor } from './actor.ts';
import { isRole } from './roles.ts';
import { scopesOf } from './staff.repo.ts';

/**
 * An active staff account as the policy sees it (role, jurisdictions), for checking what a record
 * may be handed to: the same scope that limits that person's own reads decides.
 */
export async function staffActorOf(db: Db | Transaction<Database>, id: string): Promise<StaffActor | undefined> {
  const user = await db
    .selectFrom('staff_users')
    .select(['id', 'email', 'role', 'organisation'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user || !isRole(user.role)) return undefined;
  const scopes = await scopesOf(db, user.id);
  return {
    kind: 'staff',
    id: user.id,
    email: user.email,
    role: user.role,
    organisation: user.organisation,
    jurisdictions: scopes.filter((s) => s.kind === 'jurisdiction').map((s) => s.value),
    assignments: scopes.filter((s) => s.kind === 'assignment').map((s) => s.value),
  };
}
