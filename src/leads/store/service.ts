import { randomUUID } from 'node:crypto';
import { authorize, open, recordAudit, recordScope, seal, type Actor, type StaffActor } from '../../security/index.ts';
import { extractIdentifiers } from '../extract/index.ts';
import { loadLexicon, patternProblem, withEntries } from '../indicators/index.ts';
import { timeline } from '../movement/index.ts';
import { leadNote } from './leads.sealed.ts';
import { loadAdverts, type ImportCounts, type ImportOptions } from './import.ts';
import { ANALYST_SOURCE, analystEntry, type LexiconEntryInput } from './lexicon.ts';
import { linkPending, type LinkSummary } from './linking.ts';
import type { LeadsDeps } from './ports.ts';
import { advertText } from './prepare.ts';
import * as repo from './repo.ts';

export type { LeadsDeps } from './ports.ts';

// Named before the table.column habit; kept, since stored notes are sealed under it.

/** Jurisdictions limit adverts and leads to their states; an empty list is every state. */
function statesOf(actor: StaffActor): readonly string[] | undefined {
  const scope = recordScope(actor, 'advert.read');
  return scope.kind === 'jurisdictions' ? scope.states : undefined;
}

/** The cases and tips whose leads the actor may see: those the actor may read. */
function targetsInReach(deps: LeadsDeps, actor: StaffActor): repo.TargetReach {
  return { cases: deps.caseReferencesInReach(deps.db, actor), tips: deps.tipReferencesInReach(deps.db, actor) };
}

export interface ImportSummary extends ImportCounts { link: LinkSummary }

/** `beacon leads import`: store (each batch watched for case and tip identifiers as it is stored), then link what is new into networks. */
export async function importAdverts(deps: LeadsDeps, opts: ImportOptions): Promise<ImportSummary> {
  const counts = await loadAdverts(deps, opts);
  return { ...counts, link: await linkPending(deps.db) };
}

/** The extractor reads what was typed, so "four oh five 555 01 34" finds the same number. */
export function phoneKeyOf(text: string): string | null {
  const phone = extractIdentifiers(text, { defaultCountry: 'US' }).phones[0];
  return phone ? `tel:${phone.e164}` : null;
}

export type SearchInput = { q?: string; phone?: string; city?: string; state?: string; network?: string; limit: number };

export async function searchAdverts(deps: LeadsDeps, actor: Actor, input: SearchInput, requestId: string) {
  authorize(actor, 'advert.read');
  const phoneKey = input.phone ? phoneKeyOf(input.phone) : undefined;
  if (phoneKey === null) return { kind: 'invalid' as const, errors: [{ path: 'phone', message: 'is not a phone number Beacon can read' }] };
  const rows = await repo.searchAdverts(deps.db, { ...input, phoneKey, states: statesOf(actor) });
  await deps.db.transaction().execute((trx) => recordAudit(trx, { actor, action: 'advert.search', requestId, details: { results: rows.length } }));
  return { kind: 'ok' as const, rows };
}

export async function readAdvert(deps: LeadsDeps, actor: Actor, id: number, requestId: string) {
  authorize(actor, 'advert.read');
  const advert = await repo.advertById(deps.db, id, statesOf(actor));
  if (!advert) return undefined;
  const [identifiers, leads] = await Promise.all([repo.identifiersOf(deps.db, [id]), repo.leadsOfAdvert(deps.db, id, targetsInReach(deps, actor))]);
  await deps.db.transaction().execute((trx) => recordAudit(trx, { actor, action: 'advert.read', target: { type: 'advert', id: String(id) }, requestId }));
  return { advert, text: advertText(advert), identifiers, leads };
}

const MEMBER_LIMIT = 500;

export async function readNetwork(deps: LeadsDeps, actor: Actor, asked: string, requestId: string) {
  authorize(actor, 'advert.read');
  const id = await repo.resolveNetwork(deps.db, asked);
  if (!id) return undefined;
  const states = statesOf(actor);
  const [members, { size, inReach }, hubs] = await Promise.all([repo.networkMembers(deps.db, id, MEMBER_LIMIT, states), repo.networkSize(deps.db, id, states), repo.hubKeys(deps.db)]);
  // Out of reach answers as missing; otherwise only the members in reach, saying how many were withheld.
  if (inReach === 0) return undefined;
  const identifiers = await repo.identifiersOf(deps.db, members.map((m) => m.id));
  const hubSet = new Set(hubs.filter((h) => h.reason !== 'allowed').map((h) => h.key));
  const byKey = new Map<string, { kind: string; value: string; key: string; adverts: number[] }>();
  for (const i of identifiers) {
    const entry = byKey.get(i.key) ?? { kind: i.kind, value: i.value, key: i.key, adverts: [] };
    entry.adverts.push(i.advert_id);
    byKey.set(i.key, entry);
  }
  const all = [...byKey.values()];
  const movement = timeline(members.flatMap((m) => (m.posted_at ? [{ advertId: String(m.id), city: m.city, state: m.state, postedAt: m.posted_at.toISOString() }] : [])));
  await deps.db.transaction().execute((trx) => recordAudit(trx, { actor, action: 'network.read', target: { type: 'advert_network', id }, requestId }));
  return {
    id, requested: asked, size, members, withheld: size - inReach, truncated: inReach > members.length, movement,
    identifiers: all.filter((i) => !hubSet.has(i.key)),
    hubsExcluded: all.filter((i) => hubSet.has(i.key)),
  };
}

export async function listLeads(deps: LeadsDeps, actor: Actor, status: repo.LeadStatus, limit: number, requestId: string) {
  authorize(actor, 'lead.review');
  const rows = await repo.listLeads(deps.db, status, limit, targetsInReach(deps, actor), statesOf(actor));
  await deps.db.transaction().execute((trx) => recordAudit(trx, { actor, action: 'lead.list', requestId, details: { status, results: rows.length } }));
  return rows.map((r) => ({ ...r, note: r.note === null ? null : open(deps.keyring, leadNote, r.note) }));
}

export async function decideLead(deps: LeadsDeps, actor: Actor, id: number, input: { decision: 'confirm' | 'dismiss'; note?: string }, requestId: string) {
  authorize(actor, 'lead.review');
  return deps.db.transaction().execute(async (trx) => {
    const lead = await repo.leadForUpdate(trx, id, targetsInReach(deps, actor), statesOf(actor));
    if (!lead) return { kind: 'not_found' } as const;
    const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
    await repo.decideLead(trx, id, status, actor.id, input.note ? seal(deps.keyring, leadNote, input.note) : null);
    await recordAudit(trx, { actor, action: `lead.${status}`, target: { type: 'lead', id: String(id) }, requestId, details: { previous: lead.status } });
    return { kind: 'ok', status } as const;
  });
}

export async function readHubs(deps: LeadsDeps, actor: Actor) {
  authorize(actor, 'advert.read');
  return repo.hubKeys(deps.db);
}

export async function saveHubList(deps: LeadsDeps, actor: Actor, input: { listed: string[]; allowed: string[] }, requestId: string) {
  authorize(actor, 'hub.edit');
  await deps.db.transaction().execute(async (trx) => {
    await repo.replaceHubList(trx, actor.id, input.listed, input.allowed);
    await recordAudit(trx, { actor, action: 'advert.hubs_saved', requestId, details: { listed: input.listed.length, allowed: input.allowed.length } });
  });
  return repo.hubKeys(deps.db);
}

/** Checked against the whole lexicon (ids, patterns that compile) before it is kept; used from the next import on. */
export async function addLexiconEntry(deps: LeadsDeps, actor: Actor, input: LexiconEntryInput, requestId: string) {
  authorize(actor, 'lexicon.edit');
  const id = `analyst-${input.code}-${randomUUID().slice(0, 8)}`;
  const entry = analystEntry(id, input);
  const problem = input.kind === 'pattern' ? patternProblem(input.match) : null;
  if (problem) return { kind: 'invalid' as const, message: problem };
  try {
    withEntries(loadLexicon(), [...(await repo.lexiconEntries(deps.db)), entry], [ANALYST_SOURCE]);
  } catch (err) {
    return { kind: 'invalid' as const, message: err instanceof Error ? err.message : 'the entry does not fit the lexicon' };
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertLexiconEntry(trx, id, entry, actor.id);
    await recordAudit(trx, { actor, action: 'lexicon.entry_added', target: { type: 'lexicon_entry', id }, requestId, details: { code: input.code, kind: input.kind } });
  });
  return { kind: 'ok' as const, entry };
}
