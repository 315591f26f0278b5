import { randomUUID } from 'node:crypto';
import {
  type Actor,
  answer,
  auditedChange,
  auditedRead,
  authorize,
  open,
  recordScope,
  refuse,
  type RequestContext,
  seal,
  type StaffActor,
} from '../../security/index.ts';
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

export interface ImportSummary extends ImportCounts {
  link: LinkSummary;
}

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

export async function searchAdverts(deps: LeadsDeps, ctx: RequestContext, input: SearchInput) {
  const { actor } = ctx;
  authorize(actor, 'advert.read');
  const phoneKey = input.phone ? phoneKeyOf(input.phone) : undefined;
  if (phoneKey === null)
    return { kind: 'invalid' as const, errors: [{ path: 'phone', message: 'is not a phone number Beacon can read' }] };
  return auditedRead(deps.db, ctx, { action: 'advert.search' }, async (trx) => {
    const rows = await repo.searchAdverts(trx, { ...input, phoneKey, states: statesOf(actor) });
    return answer({ kind: 'ok' as const, rows }, { details: { results: rows.length } });
  });
}

export async function readAdvert(deps: LeadsDeps, ctx: RequestContext, id: number) {
  const { actor } = ctx;
  authorize(actor, 'advert.read');
  return auditedRead(deps.db, ctx, { action: 'advert.read', target: { type: 'advert', id: String(id) } }, async (trx) => {
    const advert = await repo.advertById(trx, id, statesOf(actor));
    if (!advert) return refuse(undefined);
    const [identifiers, leads] = await Promise.all([
      repo.identifiersOf(trx, [id]),
      repo.leadsOfAdvert(trx, id, targetsInReach(deps, actor)),
    ]);
    return answer({ advert, text: advertText(advert), identifiers, leads });
  });
}

const MEMBER_LIMIT = 500;

export async function readNetwork(deps: LeadsDeps, ctx: RequestContext, asked: string) {
  const { actor } = ctx;
  authorize(actor, 'advert.read');
  const id = await repo.resolveNetwork(deps.db, asked);
  if (!id) return undefined;
  const states = statesOf(actor);
  return auditedRead(deps.db, ctx, { action: 'network.read', target: { type: 'advert_network', id } }, async (trx) => {
    const [members, { size, inReach }, hubs] = await Promise.all([
      repo.networkMembers(trx, id, MEMBER_LIMIT, states),
      repo.networkSize(trx, id, states),
      repo.hubKeys(trx),
    ]);
    // Out of reach answers as missing; otherwise only the members in reach, saying how many were withheld.
    if (inReach === 0) return refuse(undefined);
    return answer(
      networkView(
        id,
        asked,
        members,
        size,
        inReach,
        hubs,
        await repo.identifiersOf(
          trx,
          members.map((m) => m.id),
        ),
      ),
    );
  });
}

function networkView(
  id: string,
  asked: string,
  members: Awaited<ReturnType<typeof repo.networkMembers>>,
  size: number,
  inReach: number,
  hubs: Awaited<ReturnType<typeof repo.hubKeys>>,
  identifiers: Awaited<ReturnType<typeof repo.identifiersOf>>,
) {
  const hubSet = new Set(hubs.filter((h) => h.reason !== 'allowed').map((h) => h.key));
  const byKey = new Map<string, { kind: string; value: string; key: string; adverts: number[] }>();
  for (const i of identifiers) {
    const entry = byKey.get(i.key) ?? { kind: i.kind, value: i.value, key: i.key, adverts: [] };
    entry.adverts.push(i.advert_id);
    byKey.set(i.key, entry);
  }
  const all = [...byKey.values()];
  const movement = timeline(
    members.flatMap((m) =>
      m.posted_at ? [{ advertId: String(m.id), city: m.city, state: m.state, postedAt: m.posted_at.toISOString() }] : [],
    ),
  );
  return {
    id,
    requested: asked,
    size,
    members,
    withheld: size - inReach,
    truncated: inReach > members.length,
    movement,
    identifiers: all.filter((i) => !hubSet.has(i.key)),
    hubsExcluded: all.filter((i) => hubSet.has(i.key)),
  };
}

export async function listLeads(deps: LeadsDeps, ctx: RequestContext, status: repo.LeadStatus, limit: number) {
  const { actor } = ctx;
  authorize(actor, 'lead.review');
  return auditedRead(deps.db, ctx, { action: 'lead.list' }, async (trx) => {
    const rows = await repo.listLeads(trx, status, limit, targetsInReach(deps, actor), statesOf(actor));
    const leads = rows.map((r) => ({ ...r, note: r.note === null ? null : open(deps.keyring, leadNote, r.note) }));
    return answer(leads, { details: { status, results: rows.length } });
  });
}

const DECISION_ACTION = { confirmed: 'lead.confirmed', dismissed: 'lead.dismissed' } as const;

export async function decideLead(
  deps: LeadsDeps,
  ctx: RequestContext,
  id: number,
  input: { decision: 'confirm' | 'dismiss'; note?: string },
) {
  const { actor } = ctx;
  authorize(actor, 'lead.review');
  const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
  type Decided = { kind: 'ok'; status: typeof status } | { kind: 'not_found' };
  return auditedChange<Decided>(
    deps.db,
    ctx,
    { action: DECISION_ACTION[status], target: { type: 'lead', id: String(id) } },
    async (trx) => {
      const lead = await repo.leadForUpdate(trx, id, targetsInReach(deps, actor), statesOf(actor));
      if (!lead) return refuse({ kind: 'not_found' });
      await repo.decideLead(trx, id, status, actor.id, input.note ? seal(deps.keyring, leadNote, input.note) : null);
      return answer({ kind: 'ok', status }, { details: { previous: lead.status } });
    },
  );
}

export async function readHubs(deps: LeadsDeps, actor: Actor) {
  authorize(actor, 'advert.read');
  return repo.hubKeys(deps.db);
}

export async function saveHubList(deps: LeadsDeps, ctx: RequestContext, input: { listed: string[]; allowed: string[] }) {
  const { actor } = ctx;
  authorize(actor, 'hub.edit');
  await auditedChange(deps.db, ctx, { action: 'advert.hubs_saved' }, async (trx) => {
    await repo.replaceHubList(trx, actor.id, input.listed, input.allowed);
    return answer(undefined, { details: { listed: input.listed.length, allowed: input.allowed.length } });
  });
  return repo.hubKeys(deps.db);
}

/** Checked against the whole lexicon (ids, patterns that compile) before it is kept; used from the next import on. */
export async function addLexiconEntry(deps: LeadsDeps, ctx: RequestContext, input: LexiconEntryInput) {
  const { actor } = ctx;
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
  await auditedChange(deps.db, ctx, { action: 'lexicon.entry_added', target: { type: 'lexicon_entry', id } }, async (trx) => {
    await repo.insertLexiconEntry(trx, id, entry, actor.id);
    return answer(undefined, { details: { code: input.code, kind: input.kind } });
  });
  return { kind: 'ok' as const, entry };
}
