import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { BlindIndex } from '../security/index.ts';
import type { IDENTIFIER_KINDS, CaseDetails } from './cases.schema.ts';

/**
 * Search tokens of a case (pure): keyed trigram tokens of its name and aliases, and keyed tokens
 * of its normalised identifiers. The database holds these, never the names or identifiers.
 */
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
export interface IdentifierToken {
  kind: IdentifierKind;
  token: string;
}
export interface NameTrigramRow {
  token: number;
  nameNo: number;
  nameSize: number;
}

/** pg_trgm's default `similarity_threshold`. */
export const NAME_THRESHOLD = 0.3;
/** Phone numbers written without a country code are read as US numbers. */
const DEFAULT_COUNTRY = 'US';

/** Name 0 is the child's name, then the aliases; a name without letters or digits adds nothing. */
export function nameTrigramRows(
  index: BlindIndex,
  identity: Pick<CaseDetails['identity'], 'name' | 'aliases'>,
): NameTrigramRow[] {
  return [identity.name, ...identity.aliases].flatMap((name, nameNo) => {
    const tokens = index.nameTrigrams(name);
    return tokens.map((token) => ({ token, nameNo, nameSize: tokens.length }));
  });
}

/** The one form a value takes before it is tokenised, or null when it cannot be that kind. */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string | null {
  const v = value.trim();
  if (kind === 'phone') {
    const phone = parsePhoneNumberFromString(v, DEFAULT_COUNTRY);
    return phone?.isPossible() ? phone.number : null;
  }
  if (kind === 'email') return /^[^\s@]+@[^\s@]+$/.test(v) ? v.toLowerCase() : null;
  const handle = v.replace(/^@+/, '').toLowerCase();
  return handle === '' || /\s/.test(handle) ? null : handle;
}

export function identifierTokens(index: BlindIndex, identifiers: CaseDetails['identifiers']): IdentifierToken[] {
  const out = new Map<string, IdentifierToken>();
  for (const i of identifiers) {
    const normal = normaliseIdentifier(i.kind, i.value);
    if (normal === null) continue;
    const token = index.token(i.kind, normal);
    out.set(`${i.kind}:${token}`, { kind: i.kind, token });
  }
  return [...out.values()];
}

/**
 * What someone typed in the identifier box may be a phone number, an email address or a handle:
 * every reading that makes sense is tried.
 */
export function queryIdentifierTokens(index: BlindIndex, text: string): IdentifierToken[] {
  const kinds: IdentifierKind[] = text.includes('@') && !text.trim().startsWith('@') ? ['email'] : ['phone', 'handle'];
  return identifierTokens(
    index,
    kinds.map((kind) => ({ kind, value: text })),
  );
}

/**
 * shared / (|q| + |c| - shared) ≥ t needs shared ≥ t·|q| (as |c| ≥ shared), so a name with fewer
 * shared trigrams cannot reach the threshold and is never counted further.
 */
export function minimumShared(queryTrigrams: number, threshold = NAME_THRESHOLD): number {
  return Math.max(1, Math.ceil(threshold * queryTrigrams - 1e-9));
}

/**
 * A name sharing at least `minShared` of the query's n trigrams shares at least one of any
 * n − minShared + 1 of them (pigeonhole), so candidates found through that many of the rarest
 * tokens miss no match, whichever tokens "rarest" turns out to pick.
 */
export function candidateTokenCount(queryTrigrams: number, minShared: number): number {
  return Math.max(1, queryTrigrams - minShared + 1);
}

/**
 * The `candidateTokenCount` rarest of the query's tokens (distinct), by the share of rows each is
 * known to hold (a token not listed is rarer than any listed), ties by token. Any choice of that
 * many finds every match; the rarest read the fewest rows.
 */
export function rarestTokens(trigrams: readonly number[], frequency: ReadonlyMap<number, number>, minShared: number): number[] {
  const distinct = [...new Set(trigrams)];
  const count = candidateTokenCount(trigrams.length, minShared);
  return distinct.sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || a - b).slice(0, count);
}
