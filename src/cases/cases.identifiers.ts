import type { Db } from '../database.ts';
import { blindIndex, type Actor, type Keyring } from '../security/index.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { identifierTokens, type IdentifierKind, type IdentifierToken } from './cases.search.ts';

/**
 * For other modules (leads, triage): which cases hold a phone number, email address or handle.
 * They hand over values or tokens, never read case tables; tokens are keyed, so only this Beacon's
 * keyring makes them, and the same normalisation as the case's own identifiers applies.
 */
export function caseIdentifierTokens(
  keyring: Keyring,
  identifiers: readonly { kind: IdentifierKind; value: string }[],
): IdentifierToken[] {
  return identifierTokens(blindIndex(keyring.indexKey), [...identifiers]);
}

/**
 * The references of the cases the actor may read, as a subquery: other modules (the leads queue)
 * filter their own rows by it in SQL, so a case out of reach is never fetched.
 */
export function caseReferencesInReach(db: Db, actor: Actor) {
  return repo.referencesInScope(db, caseScope(actor, 'case.read'));
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
export async function casesSharingIdentifiers(
  db: Db,
  tokens: readonly IdentifierToken[],
  actor?: Actor,
): Promise<CaseSharingIdentifier[]> {
  const rows = await repo.casesWithIdentifiers(db, tokens, actor ? caseScope(actor, 'case.read') : undefined);
  const byCase = new Map<string, CaseSharingIdentifier>();
  for (const r of rows) {
    const entry = byCase.get(r.id) ?? { caseId: r.id, reference: r.reference, status: r.status, shared: [] };
    entry.shared.push({ kind: r.kind, token: r.token });
    byCase.set(r.id, entry);
  }
  return [...byCase.values()];
}

/** An open case holding one of a tip's identifiers, as the reader may know it. */
export type CaseMatch = { reference: string } | { matchesCaseYouCannotOpen: true; ask: string };

/** Whom to ask about a case one cannot open: a role and the team, never a person. */
export const askAbout = (teamName: string | null) =>
  teamName ? `a supervisor of the case team “${teamName}”` : 'a supervisor (the case belongs to no team)';

/**
 * Open cases holding any of the tokens, for a reader: the reference of each case the reader may
 * read, and for the others only that one matches and whom to ask (once per team, so their number
 * is not told either).
 */
export async function openCaseMatchesFor(db: Db, tokens: readonly IdentifierToken[], actor: Actor): Promise<CaseMatch[]> {
  const rows = await repo.openCaseMatches(db, tokens, caseScope(actor, 'case.read'));
  const readable = rows.flatMap((r) => (r.reference ? [{ reference: r.reference }] : []));
  const asks = [...new Set(rows.filter((r) => !r.reference).map((r) => askAbout(r.team_name)))];
  return [...readable, ...asks.map((ask) => ({ matchesCaseYouCannotOpen: true as const, ask }))];
}

/**
 * A case another module holds a reference to (a tip linked to it), as this reader may know it:
 * the reference if the reader may open the case, else whom to ask; null when there is no such case.
 */
export async function caseAsSeenBy(db: Db, actor: Actor, reference: string): Promise<CaseMatch | null> {
  const row = await repo.caseMatchByReference(db, reference, caseScope(actor, 'case.read'));
  if (!row) return null;
  return row.reference ? { reference: row.reference } : { matchesCaseYouCannotOpen: true, ask: askAbout(row.team_name) };
}

/** Whether the actor may link to this case: it exists and lies in the actor's reach (else both read as missing). */
export async function caseInReach(db: Db, actor: Actor, reference: string): Promise<boolean> {
  return (await repo.findCase(db, caseScope(actor, 'case.link'), reference)) !== undefined;
}
