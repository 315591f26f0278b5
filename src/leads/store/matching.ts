import { sql } from 'kysely';
import { personaNames } from '../extract/index.ts';
import type { Db } from '../../database.ts';
import type { LeadsPorts, WatchedToken } from './ports.ts';

export interface Held {
  advert_id: number;
  kind: string;
  value: string;
  token: string;
}
export interface Candidate {
  advertId: number;
  targetKind: 'case' | 'tip';
  targetRef: string;
  kind: string;
  value: string;
  token: string;
  /** Weak: worth a look, never enough alone (a name); strong by default (a shared identifier or image). */
  strength?: 'strong' | 'weak';
  /** Why the lead was raised, in words for the analyst. */
  reason?: string;
}

const TOKEN_KINDS: ReadonlySet<string> = new Set<WatchedToken['kind']>(['phone', 'email', 'handle']);
const LOOKUP_CHUNK = 1000;

const pairKey = (kind: string, token: string) => `${kind}\u0000${token}`;

/** Pure: every (advert identifier, target) pair the watched cases and tips share. */
export function candidatesOf(
  held: readonly Held[],
  hits: readonly { targetKind: 'case' | 'tip'; targetRef: string; kind: string; token: string }[],
): Candidate[] {
  const holders = new Map<string, Held[]>();
  for (const h of held) {
    const k = pairKey(h.kind, h.token);
    const list = holders.get(k);
    if (list) list.push(h);
    else holders.set(k, [h]);
  }
  return hits.flatMap((hit) =>
    (holders.get(pairKey(hit.kind, hit.token)) ?? []).map((h) => ({
      advertId: h.advert_id,
      targetKind: hit.targetKind,
      targetRef: hit.targetRef,
      kind: h.kind,
      value: h.value,
      token: h.token,
    })),
  );
}

/** What matching asks of the cases and tips; the ports are wired at composition. */
export type MatchPorts = Pick<LeadsPorts, 'openCasesSharing' | 'tipsSharing' | 'openCasePhotoMatches' | 'missingCasesNamed'>;

async function watchedHits(ports: MatchPorts, db: Db, tokens: readonly WatchedToken[]) {
  const hits: { targetKind: 'case' | 'tip'; targetRef: string; kind: string; token: string }[] = [];
  for (let i = 0; i < tokens.length; i += LOOKUP_CHUNK) {
    const part = tokens.slice(i, i + LOOKUP_CHUNK);
    for (const c of await ports.openCasesSharing(db, part))
      hits.push({ targetKind: 'case', targetRef: c.reference, kind: c.kind, token: c.token });
    for (const t of await ports.tipsSharing(db, part))
      hits.push({ targetKind: 'tip', targetRef: t.reference, kind: t.kind, token: t.token });
  }
  return hits;
}

/** Writes new leads; a pair an analyst dismissed (same identifier, same case or tip) is never raised again. */
export async function raiseLeads(db: Db, candidates: readonly Candidate[]): Promise<number> {
  if (candidates.length === 0) return 0;
  const col = <T>(f: (c: Candidate) => T) => candidates.map(f);
  const { rows } = await sql<{ id: number }>`
    insert into leads (advert_id, target_kind, target_ref, matched_kind, matched_value, matched_token, strength, reason)
    select * from unnest(${col((c) => c.advertId)}::bigint[], ${col((c) => c.targetKind)}::text[], ${col((c) => c.targetRef)}::text[],
      ${col((c) => c.kind)}::text[], ${col((c) => c.value)}::text[], ${col((c) => c.token)}::text[],
      ${col((c) => c.strength ?? 'strong')}::text[], ${col((c) => c.reason ?? null)}::text[]) as v(a, tk, tr, k, val, tok, st, re)
    where not exists (select 1 from leads d where d.status = 'dismissed' and d.matched_token = v.tok and d.target_kind = v.tk and d.target_ref = v.tr)
    on conflict do nothing
    returning id`.execute(db);
  return rows.length;
}

/** Leads for these adverts' identifiers (held in memory by the caller, or read back). Returns how many were raised. */
export async function matchHeld(
  ports: MatchPorts,
  db: Db,
  held: readonly Held[],
  images: readonly AdvertImage[] = [],
  texts: readonly AdvertText[] = [],
): Promise<number> {
  const usable = held.filter((h) => TOKEN_KINDS.has(h.kind));
  const tokens = [
    ...new Map(usable.map((h) => [pairKey(h.kind, h.token), { kind: h.kind as WatchedToken['kind'], token: h.token }])).values(),
  ];
  const byToken = usable.length === 0 ? [] : candidatesOf(usable, await watchedHits(ports, db, tokens));
  return raiseLeads(db, [...byToken, ...(await imageCandidates(ports, db, images)), ...(await nameCandidates(ports, db, texts))]);
}

export interface AdvertText {
  advertId: number;
  text: string;
  state: string | null;
  postedAt: Date | null;
}

const AGREEMENT = { equal: 'is the same as', word: 'is one word of', close: 'is close to' } as const;

/**
 * Weak leads: a persona name ("I'm Jade") like the name or an alias of an open missing-child case,
 * posted in the case's state while the child was missing. Names repeat; the reason says so.
 */
export async function nameCandidates(ports: MatchPorts, db: Db, texts: readonly AdvertText[]): Promise<Candidate[]> {
  const personas = texts.flatMap((t) => (t.state ? personaNames(t.text).map((name) => ({ advert: t, name })) : []));
  if (personas.length === 0) return [];
  const hits = await ports.missingCasesNamed(
    db,
    personas.map((p) => ({ name: p.name, state: p.advert.state, postedAt: p.advert.postedAt })),
  );
  return hits.map((h) => {
    const { advert, name } = personas[h.persona]!;
    const whose = h.alias ? 'an alias' : 'the name';
    return {
      advertId: advert.advertId,
      targetKind: 'case' as const,
      targetRef: h.reference,
      kind: 'name',
      value: name,
      token: `name:${name.toLowerCase()}`,
      strength: 'weak' as const,
      reason:
        `The advert's persona name "${name}" ${AGREEMENT[h.agreement]} ${whose} on the case (similarity ${h.similarity.toFixed(2)}), ` +
        `posted in ${advert.state} while the child was missing. A name alone is weak: many people share it.`,
    };
  });
}

export interface AdvertImage {
  advertId: number;
  pdqHex: string;
}

/**
 * An advert image within PDQ's match distance (31 bits) of a photo on an open case. The cases
 * module keeps the photos' index (their hashes are sealed); the dismissal key is the advert's hash.
 */
export async function imageCandidates(ports: MatchPorts, db: Db, images: readonly AdvertImage[]): Promise<Candidate[]> {
  if (images.length === 0) return [];
  const matches = await ports.openCasePhotoMatches(
    db,
    images.map((i) => i.pdqHex),
  );
  return matches.map((m) => {
    const img = images[m.image]!;
    return {
      advertId: img.advertId,
      targetKind: 'case' as const,
      targetRef: m.reference,
      kind: 'image',
      value: `${img.pdqHex} (${m.distance} bits from a case photo)`,
      token: `pdq:${img.pdqHex}`,
    };
  });
}

/**
 * Every stored advert again, a chunk at a time: for cases and tips that arrived after their adverts.
 * Pairs already raised or dismissed stay as they are.
 */
export async function matchAll(deps: MatchPorts & { db: Db }, chunk = 5000): Promise<number> {
  const { db } = deps;
  let raised = 0;
  let after = 0;
  for (;;) {
    const ids = await db.selectFrom('adverts').select('id').where('id', '>', after).orderBy('id').limit(chunk).execute();
    if (ids.length === 0) return raised;
    const last = ids.at(-1)!.id;
    const held = (
      await db
        .selectFrom('advert_identifiers')
        .select(['advert_id', 'kind', 'value', 'token'])
        .where('advert_id', '>', after)
        .where('advert_id', '<=', last)
        .where('token', 'is not', null)
        .execute()
    ).filter((h): h is Held => h.token !== null);
    const images = (
      await db
        .selectFrom('adverts')
        .select(['id', 'pdq'])
        .where('id', '>', after)
        .where('id', '<=', last)
        .where(sql<boolean>`cardinality(pdq) > 0`)
        .execute()
    ).flatMap((a) => a.pdq.map((pdqHex) => ({ advertId: Number(a.id), pdqHex })));
    const texts = (
      await db
        .selectFrom('adverts')
        .select(['id', 'title', 'body', 'state', 'posted_at'])
        .where('id', '>', after)
        .where('id', '<=', last)
        .where('state', 'is not', null)
        .execute()
    ).map((a) => ({
      advertId: Number(a.id),
      text: `${a.title ?? ''}\n${a.body ?? ''}`,
      state: a.state,
      postedAt: a.posted_at ? new Date(a.posted_at) : null,
    }));
    raised += await matchHeld(deps, db, held, images, texts);
    after = last;
  }
}
