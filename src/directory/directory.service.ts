import type { Db } from '../database.ts';
import { answer, auditedChange, authorize, refuse, type Actor } from '../security/index.ts';
import { STALE_AFTER_DAYS } from '../shared/directory.ts';
import { parseProviderCsv, type ProviderCsvProblem } from './directory.csv.ts';
import {
  lockProviders,
  markVerified,
  providerById,
  providerIdsByCode,
  providersServing,
  saveProvider,
} from './directory.repo.ts';
import type { FoundProvider, Provider, ProviderSearch } from './directory.types.ts';
import { distanceMiles, zipPlace, type ZipPlace } from './zip-places.ts';

export interface DirectoryDeps {
  db: Db;
  now?: () => Date;
}

const DAY_MS = 24 * 3600 * 1000;
export const MAX_RESULTS = 200;

export function isStale(verifiedAt: Date, now: Date): boolean {
  return now.getTime() - verifiedAt.getTime() > STALE_AFTER_DAYS * DAY_MS;
}

/** Nearest first from the searched point (ties by name); without a point, by name. */
export function rankProviders(providers: readonly Provider[], from: ZipPlace | undefined, now: Date): FoundProvider[] {
  const found = providers.map((provider) => ({
    provider,
    stale: isStale(provider.verifiedAt, now),
    ...(from ? { distanceMiles: distanceMiles(from, provider) } : {}),
  }));
  return found.sort((a, b) => (a.distanceMiles ?? 0) - (b.distanceMiles ?? 0) || a.provider.name.localeCompare(b.provider.name));
}

export type SearchOutcome = { kind: 'ok'; found: FoundProvider[] } | { kind: 'unknown_zip' } | { kind: 'no_place' };

export async function searchProviders(deps: DirectoryDeps, actor: Actor, search: ProviderSearch): Promise<SearchOutcome> {
  if (actor.kind !== 'system') authorize(actor, 'directory.read');
  const now = deps.now?.() ?? new Date();
  if (search.zip !== undefined) {
    const place = zipPlace(search.zip);
    if (!place) return { kind: 'unknown_zip' };
    const providers = await providersServing(deps.db, { kind: 'zip', place }, search);
    return { kind: 'ok', found: rankProviders(providers, place, now).slice(0, MAX_RESULTS) };
  }
  if (search.state === undefined) return { kind: 'no_place' };
  const providers = await providersServing(deps.db, { kind: 'state', state: search.state }, search);
  return { kind: 'ok', found: rankProviders(providers, undefined, now).slice(0, MAX_RESULTS) };
}

export async function getProvider(deps: DirectoryDeps, actor: Actor, id: string): Promise<FoundProvider | undefined> {
  if (actor.kind !== 'system') authorize(actor, 'directory.read');
  const provider = await providerById(deps.db, id);
  return provider && { provider, stale: isStale(provider.verifiedAt, deps.now?.() ?? new Date()) };
}

export type ProviderImportOutcome =
  { kind: 'invalid'; problems: ProviderCsvProblem[] } | { kind: 'ok'; rows: number; created: string[]; updated: string[] };

/**
 * Checks the whole file, then in one transaction creates or updates every provider in it (by
 * code), replacing their services and areas, with one audit entry. Nothing is written on any problem.
 */
export async function importProviders(deps: DirectoryDeps, actor: Actor, csv: string): Promise<ProviderImportOutcome> {
  if (actor.kind !== 'system') authorize(actor, 'directory.manage');
  const now = deps.now?.() ?? new Date();
  const parsed = parseProviderCsv(csv, now);
  if (parsed.kind === 'invalid') return parsed;
  return auditedChange(deps.db, { actor }, { action: 'provider.imported' }, async (trx) => {
    await lockProviders(trx);
    const known = await providerIdsByCode(
      trx,
      parsed.providers.map((p) => p.code),
    );
    const created: string[] = [];
    const updated: string[] = [];
    for (const entry of parsed.providers) {
      const point = zipPlace(entry.zip);
      if (!point) throw new Error('an imported ZIP code left the table'); // the parser accepts only ZIP codes in it
      await saveProvider(trx, known.get(entry.code), entry, point, now);
      (known.has(entry.code) ? updated : created).push(entry.code);
    }
    return answer(
      { kind: 'ok' as const, rows: parsed.rows, created, updated },
      { details: { rows: parsed.rows, created: created.length, updated: updated.length } },
    );
  });
}

export type VerifyOutcome = { kind: 'ok'; verifiedAt: Date } | { kind: 'not_found' };

/** Records that someone checked the entry with the provider today. */
export async function verifyProvider(deps: DirectoryDeps, actor: Actor, id: string): Promise<VerifyOutcome> {
  if (actor.kind !== 'system') authorize(actor, 'directory.manage');
  const now = deps.now?.() ?? new Date();
  return auditedChange<VerifyOutcome>(
    deps.db,
    { actor },
    { action: 'provider.verified', target: { type: 'provider', id } },
    async (trx) => {
      const verifiedAt = await markVerified(trx, id, now);
      return verifiedAt ? answer({ kind: 'ok', verifiedAt }) : refuse({ kind: 'not_found' });
    },
  );
}
