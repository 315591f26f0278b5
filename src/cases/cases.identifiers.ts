import type { Db } from '../db/connection.ts';
import type { Actor } from '../security/actor.ts';
import { blindIndex } from '../security/blind-index.ts';
import type { Keyring } from '../security/crypto.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { identifierTokens, type IdentifierKind, type IdentifierToken } from './cases.search.ts';

/**
 * For other modules (leads, triage): which cases hold a phone number, email address or handle.
 * They hand over values or tokens, never read case tables; tokens are keyed, so only this Beacon's
 * keyring makes them, and the same normalisation as the case's own identifiers applies.
 */
export function caseIdentifierTokens(keyring: Keyring, identifiers: readonly { kind: IdentifierKind; value: string }[]): IdentifierToken[] {
  return identifierTokens(blindIndex(keyring.indexKey), [...identifiers]);
}

export interface CaseSharingIdentifier {
  caseId: string;
  reference: string;
  status: 'open' | 'closing_requested' | 'closed';
  shared: IdentifierToken[];
}

/**
 * Cases holding any of the tokens, with which ones each holds. With an actor, only the cases the
 * actor may read; without one (a system job watching identifiers), every case: the caller must not
 * show the result to anyone who may not read those cases.
 */
export async function casesSharingIdentifiers(db: Db, tokens: readonly IdentifierToken[], actor?: Actor): Promise<CaseSharingIdentifier[]> {
  const rows = await repo.casesWithIdentifiers(db, tokens, actor ? caseScope(actor, 'case.read') : undefined);
  const byCase = new Map<string, CaseSharingIdentifier>();
  for (const r of rows) {
    const entry = byCase.get(r.id) ?? { caseId: r.id, reference: r.reference, status: r.status, shared: [] };
    entry.shared.push({ kind: r.kind, token: r.token });
    byCase.set(r.id, entry);
  }
  return [...byCase.values()];
}

/** Open cases holding a set of identifiers, as one actor may learn of them. */
export interface CaseMatchesFor {
  /** References of the cases the actor may read. */
  readable: string[];
  /** Cases the actor may not read: never named, only whom to ask (the assignee), null when nobody is assigned. */
  unreadable: { contact: string | null; cases: number }[];
}

/**
 * Which open cases hold any of the tokens, split by whether the actor may read them, so that a
 * reference the actor cannot open is never handed on: an identifier matching it shows as "a case
 * you cannot open; ask whoever holds it".
 */
export async function openCaseMatchesFor(db: Db, tokens: readonly IdentifierToken[], actor: Actor): Promise<CaseMatchesFor> {
  if (tokens.length === 0) return { readable: [], unreadable: [] };
  const [all, inScope] = await Promise.all([
    repo.casesWithIdentifiers(db, tokens),
    repo.casesWithIdentifiers(db, tokens, caseScope(actor, 'case.read')),
  ]);
  const open = new Map(all.filter((r) => r.status !== 'closed').map((r) => [r.id, r]));
  const readableIds = new Set(inScope.map((r) => r.id).filter((id) => open.has(id)));
  const hidden = [...open.values()].filter((r) => !readableIds.has(r.id));
  const emails = await repo.activeStaffEmails(db, [...new Set(hidden.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])))]);
  const byContact = new Map<string | null, number>();
  for (const r of hidden) {
    const contact = (r.assignee_id && emails.get(r.assignee_id)) || null;
    byContact.set(contact, (byContact.get(contact) ?? 0) + 1);
  }
  return {
    readable: [...readableIds].map((id) => open.get(id)!.reference).sort(),
    unreadable: [...byContact].map(([contact, cases]) => ({ contact, cases })),
  };
}
