import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { Database, Db } from '../../database.ts';
import type { StoredFlag, StoredMark } from './leads.tables.ts';
import type { ReferencesInReach } from './ports.ts';

export type Trx = Transaction<Database>;
type Q = Db | Trx;

export interface AdvertFilter {
  q?: string;
  phoneKey?: string;
  city?: string;
  state?: string;
  network?: string;
  states?: readonly string[];
  limit: number;
}

/** Adverts are public, but who may see which is still the actor's jurisdiction (as a SQL filter). */
function filtered(db: Q, f: AdvertFilter) {
  let query = db
    .selectFrom('adverts as a')
    .leftJoin('advert_links as l', 'l.advert_id', 'a.id')
    .select(['a.id', 'a.source_id', 'a.posted_at', 'a.city', 'a.state', 'a.site', 'a.title', 'l.network_id']);
  if (f.states?.length) query = query.where('a.state', 'in', [...f.states]);
  if (f.state) query = query.where(sql`upper(a.state)`, '=', f.state.toUpperCase());
  if (f.city) query = query.where(sql`lower(a.city)`, '=', f.city.trim().toLowerCase());
  if (f.network) query = query.where('l.network_id', '=', f.network);
  if (f.phoneKey)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('advert_identifiers as i')
          .select('i.advert_id')
          .whereRef('i.advert_id', '=', 'a.id')
          .where('i.key', '=', f.phoneKey!),
      ),
    );
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The expression of the trigram index `adverts_text_trgm`, so the index answers the ILIKE.
    query = query.where(sql<string>`(coalesce(a.title, '') || ' ' || coalesce(a.body, ''))`, 'ilike', like);
  }
  return query;
}

/** How many of the newest adverts a text search reads before it turns to the trigram index. */
export const RECENT_WINDOW = 20_000;

/**
 * When the newest `window` adverts were posted (undefined when there are fewer, or that many without
 * a date). Any cutoff gives the same page, so one up to a minute old serves: it only decides how much
 * of the first step is read, and finding it walks 20,000 index entries.
 */
const cutoffs = new Map<number, { at: number; cutoff: Date | undefined }>();

async function recentCutoff(db: Q, window: number, maxAgeMs: number): Promise<Date | undefined> {
  const known = cutoffs.get(window);
  if (known && performance.now() - known.at < maxAgeMs) return known.cutoff;
  const row = await db
    .selectFrom('adverts')
    .select('posted_at')
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .offset(window - 1)
    .limit(1)
    .executeTakeFirst();
  const cutoff = row?.posted_at ?? undefined;
  cutoffs.set(window, { at: performance.now(), cutoff });
  return cutoff;
}

/**
 * Newest first (undated adverts lead, as PostgreSQL sorts nulls first when descending). A word
 * common enough to fill the page among the newest adverts is answered from them alone: every
 * advert left out is older than all it found, so the page is the same. A rarer word is answered
 * from the trigram index, its few matches sorted. The planner cannot tell the two apart from
 * statistics of whole texts, and its wrong guess cost one query 240 ms at 300,000 adverts.
 */
export async function searchAdverts(db: Q, f: AdvertFilter, window = RECENT_WINDOW, cutoffMaxAgeMs = 60_000) {
  const newestFirst = <T extends ReturnType<typeof filtered>>(q: T) =>
    q.orderBy('a.posted_at', 'desc').orderBy('a.id', 'desc').limit(f.limit);
  if (!f.q) return newestFirst(filtered(db, f)).execute();
  const cutoff = await recentCutoff(db, window, cutoffMaxAgeMs);
  if (cutoff) {
    const recent = await newestFirst(
      filtered(db, f).where((eb) => eb.or([eb('a.posted_at', '>=', cutoff), eb('a.posted_at', 'is', null)])),
    ).execute();
    if (recent.length === f.limit) return recent;
  }
  return db
    .with(
      (cte) => cte('matches').materialized(),
      () => filtered(db, f),
    )
    .selectFrom('matches')
    .selectAll()
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .execute();
}

export async function advertById(db: Q, id: number, states?: readonly string[]) {
  let query = db
    .selectFrom('adverts as a')
    .leftJoin('advert_links as l', 'l.advert_id', 'a.id')
    .selectAll('a')
    .select('l.network_id')
    .where('a.id', '=', id);
  if (states?.length) query = query.where('a.state', 'in', [...states]);
  const row = await query.executeTakeFirst();
  return row ? { ...row, marks: row.marks as StoredMark[], flags: row.flags as StoredFlag[] } : undefined;
}

export async function identifiersOf(db: Q, advertIds: readonly number[]) {
  if (advertIds.length === 0) return [];
  return db
    .selectFrom('advert_identifiers')
    .select(['advert_id', 'kind', 'value', 'key'])
    .where('advert_id', 'in', [...advertIds])
    .execute();
}

/** A network id that was merged away resolves to the network it joined. */
export async function resolveNetwork(db: Q, id: string): Promise<string | undefined> {
  const found = await db.selectFrom('advert_networks').select('id').where('id', '=', id).executeTakeFirst();
  if (found) return found.id;
  return (await db.selectFrom('advert_network_merges').select('into_id').where('merged_id', '=', id).executeTakeFirst())?.into_id;
}

/** A network's members within the states given (every member without them). */
export async function networkMembers(db: Q, id: string, limit: number, states?: readonly string[]) {
  let query = db
    .selectFrom('advert_links as l')
    .innerJoin('adverts as a', 'a.id', 'l.advert_id')
    .select(['a.id', 'a.source_id', 'a.posted_at', 'a.city', 'a.state', 'a.site', 'a.title'])
    .where('l.network_id', '=', id);
  if (states?.length) query = query.where('a.state', 'in', [...states]);
  return query.orderBy('a.posted_at').orderBy('a.id').limit(limit).execute();
}

/** How many adverts the network has, and how many of them lie within the states given. */
export async function networkSize(db: Q, id: string, states?: readonly string[]): Promise<{ size: number; inReach: number }> {
  const inReach = states?.length
    ? sql<number>`(count(*) filter (where a.state in (${sql.join([...states])})))::int`
    : sql<number>`count(*)::int`;
  return db
    .selectFrom('advert_links as l')
    .innerJoin('adverts as a', 'a.id', 'l.advert_id')
    .select([sql<number>`count(*)::int`.as('size'), inReach.as('inReach')])
    .where('l.network_id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function hubKeys(db: Q) {
  return db.selectFrom('advert_hubs').select(['key', 'reason', 'adverts', 'added_at']).orderBy('reason').orderBy('key').execute();
}

export async function replaceHubList(trx: Trx, actorId: string, listed: readonly string[], allowed: readonly string[]) {
  await trx.deleteFrom('advert_hubs').where('reason', 'in', ['listed', 'allowed']).execute();
  const rows = [...listed.map((key) => ({ key, reason: 'listed' })), ...allowed.map((key) => ({ key, reason: 'allowed' }))];
  if (rows.length) {
    await trx
      .insertInto('advert_hubs')
      .values(rows.map((r) => ({ ...r, adverts: null, added_by: actorId })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ reason: (eb) => eb.ref('excluded.reason'), added_by: actorId, added_at: new Date() }),
      )
      .execute();
  }
}

export async function lexiconEntries(db: Q): Promise<unknown[]> {
  return (await db.selectFrom('lexicon_entries').select('entry').orderBy('added_at').execute()).map((r) => r.entry);
}

export async function insertLexiconEntry(trx: Trx, id: string, entry: Record<string, unknown>, actorId: string) {
  await trx
    .insertInto('lexicon_entries')
    .values({ id, entry: JSON.stringify(entry), added_by: actorId })
    .execute();
}

export type LeadStatus = 'new' | 'confirmed' | 'dismissed';

/**
 * The cases and the tips the reader may read, as subqueries of their references (built by the
 * cases and triage modules): a lead is in reach only when its advert and its target both are.
 */
export interface TargetReach {
  cases: ReferencesInReach;
  tips: ReferencesInReach;
}

const targetInReach = (reach: TargetReach) => (eb: ExpressionBuilder<Database & { l: Database['leads'] }, 'l'>) =>
  eb.or([
    eb.and([eb('l.target_kind', '=', 'case'), eb('l.target_ref', 'in', reach.cases)]),
    eb.and([eb('l.target_kind', '=', 'tip'), eb('l.target_ref', 'in', reach.tips)]),
  ]);

export async function listLeads(db: Q, status: LeadStatus, limit: number, reach: TargetReach, states?: readonly string[]) {
  let query = db
    .selectFrom('leads as l')
    .innerJoin('adverts as a', 'a.id', 'l.advert_id')
    .leftJoin('advert_links as n', 'n.advert_id', 'a.id')
    .select([
      'l.id',
      'l.target_kind',
      'l.target_ref',
      'l.matched_kind',
      'l.matched_value',
      'l.strength',
      'l.reason',
      'l.status',
      'l.created_at',
      'l.decided_at',
      'l.note',
      'a.id as advert_id',
      'a.source_id',
      'a.posted_at',
      'a.city',
      'a.state',
      'a.site',
      'n.network_id',
    ])
    .where('l.status', '=', status)
    .where(targetInReach(reach));
  if (states?.length) query = query.where('a.state', 'in', [...states]);
  return query.orderBy('l.created_at', 'desc').orderBy('l.id', 'desc').limit(limit).execute();
}

/** The leads of an advert the reader already may see, limited to targets in reach. */
export async function leadsOfAdvert(db: Q, advertId: number, reach: TargetReach) {
  return db
    .selectFrom('leads as l')
    .select(['l.id', 'l.target_kind', 'l.target_ref', 'l.matched_kind', 'l.matched_value', 'l.strength', 'l.reason', 'l.status'])
    .where('l.advert_id', '=', advertId)
    .where(targetInReach(reach))
    .orderBy('l.id')
    .execute();
}

export async function leadForUpdate(trx: Trx, id: number, reach: TargetReach, states?: readonly string[]) {
  let query = trx
    .selectFrom('leads as l')
    .innerJoin('adverts as a', 'a.id', 'l.advert_id')
    .select(['l.id', 'l.status'])
    .where('l.id', '=', id)
    .where(targetInReach(reach));
  if (states?.length) query = query.where('a.state', 'in', [...states]);
  return query.forUpdate('l').executeTakeFirst();
}

export async function decideLead(
  trx: Trx,
  id: number,
  status: 'confirmed' | 'dismissed',
  actorId: string,
  noteEnc: string | null,
) {
  await trx
    .updateTable('leads')
    .set({ status, decided_by: actorId, decided_at: new Date(), note: noteEnc })
    .where('id', '=', id)
    .execute();
}
