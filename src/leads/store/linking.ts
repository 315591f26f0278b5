import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import type { Trx } from './repo.ts';
import { DEFAULT_HUB_RULES, LinkTableBuilder, linkTable, networkName, type HubRules } from '../linking/index.ts';

interface Involved {
  id: number;
  source_id: string;
  network_id: string | null;
  posted_at: Date | null;
  city: string | null;
  state: string | null;
  site: string | null;
  keys: string[];
}

export interface LinkSummary {
  linked: number;
  newNetworks: number;
  merges: { merged: string; into: string }[];
  newHubs: string[];
}

/**
 * Adverts not yet in a network, with every advert sharing one of their keys. Existing adverts carry
 * only the keys they share with the new ones: other keys already joined whatever they join.
 */
async function involvedAdverts(db: Db): Promise<Involved[]> {
  // Joins only (no IN-or-OR): every step stays a hash join, whatever the planner guesses about fresh tables.
  const { rows } = await sql<Involved>`
    with pending as materialized (
      select a.id from adverts a where not exists (select 1 from advert_links l where l.advert_id = a.id)),
    pending_keys as (
      select distinct i.key from advert_identifiers i join pending p on p.id = i.advert_id),
    shared as materialized (
      select i.advert_id, array_agg(i.key) as keys from advert_identifiers i join pending_keys k on k.key = i.key group by i.advert_id),
    involved as (
      select advert_id as id from shared union select id from pending)
    select a.id, a.source_id, l.network_id, a.posted_at, a.city, a.state, a.site, coalesce(s.keys, '{}') as keys
    from involved v join adverts a on a.id = v.id left join shared s on s.advert_id = a.id left join advert_links l on l.advert_id = a.id`.execute(
    db,
  );
  return rows;
}

async function hubLists(db: Db): Promise<{ listed: string[]; allowed: string[] }> {
  const rows = await db.selectFrom('advert_hubs').select(['key', 'reason']).execute();
  return {
    listed: rows.filter((r) => r.reason !== 'allowed').map((r) => r.key),
    allowed: rows.filter((r) => r.reason === 'allowed').map((r) => r.key),
  };
}

/** An existing network's membership is a key of its own, so adverts already together stay together; never a hub. */
const networkKey = (id: string) => `net:${id}`;

function components(adverts: readonly Involved[], lists: { listed: string[]; allowed: string[] }, rules: Partial<HubRules>) {
  const builder = new LinkTableBuilder();
  for (const a of adverts) {
    const keys = a.network_id ? [...a.keys, networkKey(a.network_id)] : a.keys;
    builder.add({ keys, city: a.city, state: a.state, site: a.site, postedAt: a.posted_at ? a.posted_at.getTime() : undefined });
  }
  const ids = (keys: Iterable<string>) =>
    new Set([...keys].map((k) => builder.keyNames.lookup(k)).filter((k) => k !== undefined));
  const allowed = ids([...lists.allowed, ...new Set(adverts.flatMap((a) => (a.network_id ? [networkKey(a.network_id)] : [])))]);
  const table = builder.build((x, y) =>
    adverts[x]!.source_id < adverts[y]!.source_id ? -1 : adverts[x]!.source_id > adverts[y]!.source_id ? 1 : 0,
  );
  const outcome = linkTable(table, { ...DEFAULT_HUB_RULES, ...rules, listed: ids(lists.listed), allowed });
  const groups = new Map<number, number[]>();
  outcome.namedBy.forEach((by, i) => {
    const g = groups.get(by);
    if (g) g.push(i);
    else groups.set(by, [i]);
  });
  const newHubs = outcome.hubs
    .filter((h) => h.reason === 'spread')
    .map((h) => ({ key: builder.keyNames.names[h.key]!, adverts: h.adverts }));
  return { groups, newHubs };
}

async function mergeNetworks(trx: Trx, merges: readonly { merged: string; into: string }[]): Promise<void> {
  const merged = merges.map((m) => m.merged);
  const into = merges.map((m) => m.into);
  await sql`insert into advert_network_merges (merged_id, into_id) select * from unnest(${merged}::text[], ${into}::text[])
    on conflict (merged_id) do nothing`.execute(trx);
  await sql`update advert_links l set network_id = m.target from unnest(${merged}::text[], ${into}::text[]) as m(merged, target) where l.network_id = m.merged`.execute(
    trx,
  );
  // Earlier merges into a network that has now merged point at the survivor, so old links still resolve in one step.
  await sql`update advert_network_merges x set into_id = m.target from unnest(${merged}::text[], ${into}::text[]) as m(merged, target) where x.into_id = m.merged`.execute(
    trx,
  );
  await sql`delete from advert_networks where id = any(${merged}::text[])`.execute(trx);
}

const byAge = (a: { first_posted_at: Date | null; id: string }, b: { first_posted_at: Date | null; id: string }) =>
  (a.first_posted_at?.getTime() ?? Infinity) - (b.first_posted_at?.getTime() ?? Infinity) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Incremental linking: new adverts join the networks they share a non-hub key with. Network ids are
 * stable: a new network is named after its oldest advert, and when networks merge the oldest network
 * (earliest first advert) keeps its id; the others are recorded as merged into it.
 */
export async function linkPending(db: Db, rules: Partial<HubRules> = {}): Promise<LinkSummary> {
  const adverts = await involvedAdverts(db);
  const summary: LinkSummary = { linked: 0, newNetworks: 0, merges: [], newHubs: [] };
  if (!adverts.some((a) => a.network_id === null)) return summary;
  const { groups, newHubs } = components(adverts, await hubLists(db), rules);
  const existingIds = [...new Set(adverts.flatMap((a) => (a.network_id ? [a.network_id] : [])))];
  const existing = existingIds.length
    ? await db
        .selectFrom('advert_networks')
        .select(['id', 'first_posted_at'])
        .where('id', '=', sql<string>`any(${existingIds}::text[])`)
        .execute()
    : [];
  const ageOf = new Map(existing.map((n) => [n.id, n]));
  const assign: { id: number; network: string }[] = [];
  const created: { id: string; first_posted_at: Date | null }[] = [];
  const olderFirst = new Map<string, Date>();
  for (const [namer, members] of groups) {
    const pending = members.filter((i) => adverts[i]!.network_id === null);
    if (pending.length === 0) continue;
    const nets = [...new Set(members.flatMap((i) => (adverts[i]!.network_id ? [adverts[i]!.network_id!] : [])))]
      .map((id) => ageOf.get(id) ?? { id, first_posted_at: null })
      .sort(byAge);
    const oldestPending = pending.reduce((min, i) => Math.min(min, adverts[i]!.posted_at?.getTime() ?? Infinity), Infinity);
    const keep = nets[0]?.id ?? networkName(adverts[namer]!.source_id);
    if (nets.length === 0)
      created.push({ id: keep, first_posted_at: Number.isFinite(oldestPending) ? new Date(oldestPending) : null });
    for (const n of nets.slice(1)) summary.merges.push({ merged: n.id, into: keep });
    for (const i of pending) assign.push({ id: adverts[i]!.id, network: keep });
    if (nets.length > 0 && Number.isFinite(oldestPending)) olderFirst.set(keep, new Date(oldestPending));
  }
  await db.transaction().execute(async (trx) => {
    if (created.length)
      await sql`insert into advert_networks (id, first_posted_at)
        select * from unnest(${created.map((c) => c.id)}::text[], ${created.map((c) => c.first_posted_at)}::timestamptz[])
        on conflict (id) do nothing`.execute(trx);
    if (summary.merges.length) await mergeNetworks(trx, summary.merges);
    // Every list goes as one array parameter: PostgreSQL allows 65,535 parameters a statement, and a first import makes hundreds of thousands of networks.
    for (let i = 0; i < assign.length; i += 50_000) {
      const part = assign.slice(i, i + 50_000);
      await sql`insert into advert_links (advert_id, network_id) select * from unnest(${part.map((p) => p.id)}::bigint[], ${part.map((p) => p.network)}::text[])
        on conflict (advert_id) do update set network_id = excluded.network_id`.execute(trx);
    }
    if (olderFirst.size) {
      await sql`update advert_networks n set first_posted_at = v.first from unnest(${[...olderFirst.keys()]}::text[], ${[...olderFirst.values()]}::timestamptz[]) as v(id, first)
        where n.id = v.id and (n.first_posted_at is null or n.first_posted_at > v.first)`.execute(trx);
    }
    if (newHubs.length)
      await sql`insert into advert_hubs (key, reason, adverts)
        select k, 'spread', n from unnest(${newHubs.map((h) => h.key)}::text[], ${newHubs.map((h) => h.adverts)}::int[]) as h(k, n)
        on conflict (key) do nothing`.execute(trx);
  });
  summary.linked = assign.length;
  summary.newNetworks = created.length;
  summary.newHubs = newHubs.map((h) => h.key);
  return summary;
}
