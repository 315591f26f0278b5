import type { OperandExpression } from 'kysely';
import type { Db } from '../../database.ts';
import type { Actor, Keyring } from '../../security/index.ts';

export interface WatchedToken {
  kind: 'phone' | 'email' | 'handle';
  token: string;
}
/** An identifier token a case or a tip holds: the reference is what the leads queue shows. */
export interface WatchedHit {
  reference: string;
  kind: string;
  token: string;
}
/** A name an advert gives its subject, where and when it was posted. */
export interface PersonaQuery {
  name: string;
  state: string | null;
  postedAt: Date | null;
}
/** An open missing-child case whose name or alias equals, contains or is close to persona `persona`. */
export interface PersonaHit {
  persona: number;
  reference: string;
  alias: boolean;
  agreement: 'equal' | 'word' | 'close';
  similarity: number;
}
/** A subquery of the references the reader may read, built by the module that owns them. */
export type ReferencesInReach = OperandExpression<string>;

/**
 * What leads asks of the cases and triage modules, wired at composition (src/modules.ts): leads
 * never imports them, so neither may import leads back into a cycle.
 */
export interface LeadsPorts {
  /** Open cases holding any of these tokens; a system job, so every case is watched. */
  openCasesSharing(db: Db, tokens: readonly WatchedToken[]): Promise<WatchedHit[]>;
  tipsSharing(db: Db, tokens: readonly WatchedToken[]): Promise<WatchedHit[]>;
  /** Photos on open cases within PDQ's match distance of each image (by position); the hashes stay in cases. */
  openCasePhotoMatches(db: Db, hexes: readonly string[]): Promise<{ image: number; reference: string; distance: number }[]>;
  /** Open missing-child cases named like these personas, within the case's state and missing period. */
  missingCasesNamed(db: Db, personas: readonly PersonaQuery[]): Promise<PersonaHit[]>;
  caseReferencesInReach(db: Db, actor: Actor): ReferencesInReach;
  tipReferencesInReach(db: Db, actor: Actor): ReferencesInReach;
}

export interface LeadsDeps extends LeadsPorts {
  db: Db;
  keyring: Keyring;
}
