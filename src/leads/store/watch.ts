import type { Db } from '../../database.ts';
import { candidatesOf, raiseLeads, type Held } from './matching.ts';

const WATCHED_KINDS = new Set(['phone', 'email', 'handle']);

async function heldBy(db: Db, tokens: readonly { kind: string; token: string }[]): Promise<Held[]> {
  const usable = tokens.filter((t) => WATCHED_KINDS.has(t.kind));
  if (usable.length === 0) return [];
  const wanted = new Set(usable.map((t) => `${t.kind}\u0000${t.token}`));
  const rows = await db
    .selectFrom('advert_identifiers')
    .select(['advert_id', 'kind', 'value', 'token'])
    .where('token', 'in', [...new Set(usable.map((t) => t.token))])
    .limit(5_000)
    .execute();
  return rows.filter((r): r is Held => r.token !== null && wanted.has(`${r.kind}\u0000${r.token}`));
}

/**
 * A new tip (or case) whose identifiers adverts already hold becomes a lead at once, not at the
 * next import. Dismissed pairs stay dismissed (see `raiseLeads`).
 */
export async function raiseLeadsFor(
  db: Db,
  target: { kind: 'case' | 'tip'; reference: string },
  tokens: readonly { kind: string; token: string }[],
): Promise<number> {
  const held = await heldBy(db, tokens);
  if (held.length === 0) return 0;
  const hits = tokens.map((t) => ({ targetKind: target.kind, targetRef: target.reference, kind: t.kind, token: t.token }));
  return raiseLeads(db, candidatesOf(held, hits));
}

/** Adverts holding any of these identifier tokens, newest first: the "already known" panel of a tip. */
export async function advertsSharingTokens(db: Db, tokens: readonly { kind: string; token: string }[]) {
  const held = await heldBy(db, tokens);
  if (held.length === 0) return [];
  const adverts = await db
    .selectFrom('adverts')
    .select(['id', 'source_id', 'site', 'city', 'state', 'posted_at'])
    .where('id', 'in', [...new Set(held.map((h) => h.advert_id))].slice(0, 200))
    .orderBy('posted_at', 'desc')
    .limit(50)
    .execute();
  return adverts.map((a) => ({
    id: Number(a.id),
    sourceId: a.source_id,
    site: a.site,
    city: a.city,
    state: a.state,
    postedAt: a.posted_at ? new Date(a.posted_at) : null,
    shared: [
      ...new Map(
        held
          .filter((h) => Number(h.advert_id) === Number(a.id))
          .map((h) => [`${h.kind}:${h.value}`, { kind: h.kind, value: h.value }]),
      ).values(),
    ],
  }));
}
