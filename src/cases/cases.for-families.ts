import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { open, type Actor, type Keyring, type Permission } from '../security/index.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { caseBody } from './cases.sealed.ts';

type Q = Kysely<Database>;

/** What a family's advocate is shown of a linked case; nothing else of the case leaves here. */
export interface CaseForFamily {
  id: string;
  reference: string;
  status: 'open' | 'closing_requested' | 'closed';
  childFirstName: string;
}

function shared(keyring: Keyring, row: { id: string; reference: string; status: CaseForFamily['status']; body_enc: string }) {
  const name = open(keyring, caseBody, row.body_enc).identity.name;
  return { id: row.id, reference: row.reference, status: row.status, childFirstName: name.split(/\s+/)[0] ?? name };
}

/** A case the actor reaches under this permission, to link to a family; undefined when out of reach. */
export async function caseToLink(
  q: Q,
  keyring: Keyring,
  actor: Actor,
  permission: Permission,
  reference: string,
): Promise<CaseForFamily | undefined> {
  const row = await repo.findCase(q, caseScope(actor, permission), reference);
  return row ? shared(keyring, row) : undefined;
}

/**
 * The shared part of the cases linked to a family. The caller has already found the family in the
 * actor's reach; the link is what grants this much, and no more, of each case.
 */
export async function casesLinkedToFamily(q: Q, keyring: Keyring, caseIds: readonly string[]): Promise<CaseForFamily[]> {
  if (caseIds.length === 0) return [];
  const rows = await q
    .selectFrom('cases')
    .select(['id', 'reference', 'status', 'body_enc'])
    .where('id', 'in', [...caseIds])
    .orderBy('reference')
    .execute();
  return rows.map((r) => shared(keyring, r));
}
