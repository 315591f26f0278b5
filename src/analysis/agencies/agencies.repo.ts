import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { UsStateCode } from '../../shared/places.ts';
import type { Database, Db } from '../../database.ts';
import type { DirectoryEntry } from './agencies.csv.ts';
import type { Agency, AgencyArea, Place } from './agencies.types.ts';
import { areaKey, placeKeys } from './jurisdiction.ts';

type Reader = Db | Transaction<Database>;

interface AreaRow {
  agency_id: string;
  area_kind: AgencyArea['kind'];
  state: string | null;
  county: string | null;
  city: string | null;
  tribal_land: string | null;
}

const areaFromRow = (r: AreaRow): AgencyArea => ({
  kind: r.area_kind,
  ...(r.state ? { state: r.state as UsStateCode } : {}),
  ...(r.county ? { county: r.county } : {}),
  ...(r.city ? { city: r.city } : {}),
  ...(r.tribal_land ? { tribalLand: r.tribal_land } : {}),
});

/** Agencies with all their areas, in the order of `rows`. */
async function withAreas(
  db: Reader,
  rows: {
    id: string;
    code: string;
    name: string;
    kind: Agency['kind'];
    phone: string | null;
    email: string | null;
    active: boolean;
  }[],
): Promise<Agency[]> {
  if (rows.length === 0) return [];
  const areas = await db
    .selectFrom('agency_areas')
    .select(['agency_id', 'area_kind', 'state', 'county', 'city', 'tribal_land'])
    .where(
      'agency_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('area_kind')
    .orderBy('state')
    .orderBy('match_key')
    .execute();
  const byAgency = new Map<string, AgencyArea[]>();
  for (const a of areas) byAgency.set(a.agency_id, [...(byAgency.get(a.agency_id) ?? []), areaFromRow(a)]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    active: r.active,
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.email ? { email: r.email } : {}),
    areas: byAgency.get(r.id) ?? [],
  }));
}

const AGENCY_COLUMNS = [
  'agencies.id',
  'agencies.code',
  'agencies.name',
  'agencies.kind',
  'agencies.phone',
  'agencies.email',
  'agencies.active',
] as const;

export async function agenciesByCode(db: Reader, codes: readonly string[]): Promise<Agency[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('agencies').select(AGENCY_COLUMNS).where('code', 'in', codes).orderBy('code').execute();
  return withAreas(db, rows);
}

export interface AgencyListFilter {
  state?: UsStateCode;
  /** Part of the name or code. */
  q?: string;
  includeInactive?: boolean;
  limit: number;
}

/** Agencies covering anything in the state (state-wide or a place in it), or matching the text. */
export async function listAgencyRows(db: Reader, filter: AgencyListFilter): Promise<Agency[]> {
  let query = db
    .selectFrom('agencies')
    .select(AGENCY_COLUMNS)
    .orderBy('agencies.name')
    .orderBy('agencies.code')
    .limit(filter.limit);
  if (!filter.includeInactive) query = query.where('agencies.active', '=', true);
  if (filter.state) {
    const state = filter.state;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('agency_areas')
          .select(sql<number>`1`.as('one'))
          .whereRef('agency_areas.agency_id', '=', 'agencies.id')
          .where('agency_areas.state', '=', state),
      ),
    );
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('agencies.name', 'ilike', like), eb('agencies.code', 'ilike', like)]));
  }
  return withAreas(db, await query.execute());
}

/**
 * Active agencies with at least one area covering the place, each found through the
 * (area_kind, match_key, state) index; the caller ranks them.
 */
export async function agenciesCovering(db: Reader, place: Place): Promise<Agency[]> {
  const keys = placeKeys(place);
  const lookups: { kind: AgencyArea['kind']; key: string; state?: string }[] = [];
  if (keys.state) lookups.push({ kind: 'state', key: keys.state.toLowerCase(), state: keys.state });
  if (keys.county) lookups.push({ kind: 'county', key: keys.county, state: keys.state });
  if (keys.city) lookups.push({ kind: 'city', key: keys.city, state: keys.state });
  if (keys.tribal) lookups.push({ kind: 'tribal', key: keys.tribal });
  if (lookups.length === 0) return [];
  const rows = await db
    .selectFrom('agencies')
    .select(AGENCY_COLUMNS)
    .where('agencies.active', '=', true)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('agency_areas')
          .select(sql<number>`1`.as('one'))
          .whereRef('agency_areas.agency_id', '=', 'agencies.id')
          .where((eb) =>
            eb.or(
              lookups.map((l) =>
                eb.and([
                  eb('agency_areas.area_kind', '=', l.kind),
                  eb('agency_areas.match_key', '=', l.key),
                  ...(l.state ? [eb('agency_areas.state', '=', l.state)] : []),
                ]),
              ),
            ),
          ),
      ),
    )
    .execute();
  return withAreas(db, rows);
}

const AREA_BATCH = 1000;

async function insertAreas(trx: Transaction<Database>, agencyId: string, areas: readonly AgencyArea[]): Promise<void> {
  for (let i = 0; i < areas.length; i += AREA_BATCH) {
    await trx
      .insertInto('agency_areas')
      .values(
        areas.slice(i, i + AREA_BATCH).map((a) => ({
          id: randomUUID(),
          agency_id: agencyId,
          area_kind: a.kind,
          state: a.state ?? null,
          county: a.county ?? null,
          city: a.city ?? null,
          tribal_land: a.tribalLand ?? null,
          match_key: areaKey(a),
        })),
      )
      .execute();
  }
}

const detailColumns = (e: DirectoryEntry) => ({
  name: e.name,
  kind: e.kind,
  phone: e.phone ?? null,
  email: e.email ?? null,
  active: e.active,
});

export async function insertAgency(trx: Transaction<Database>, entry: DirectoryEntry): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('agencies')
    .values({ id, code: entry.code, ...detailColumns(entry) })
    .execute();
  await insertAreas(trx, id, entry.areas);
  return id;
}

/** Replaces the agency's details and the whole set of areas it covers. */
export async function replaceAgency(trx: Transaction<Database>, id: string, entry: DirectoryEntry): Promise<void> {
  await trx
    .updateTable('agencies')
    .set({ ...detailColumns(entry), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
  await trx.deleteFrom('agency_areas').where('agency_id', '=', id).execute();
  await insertAreas(trx, id, entry.areas);
}

/** One import at a time: two concurrent imports of the same code would otherwise race on its areas. */
export async function lockDirectory(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('beacon.agencies.import'))`.execute(trx);
}

export async function agencyIdsOfStaff(db: Reader, staffId: string): Promise<string[]> {
  const rows = await db.selectFrom('agency_members').select('agency_id').where('staff_id', '=', staffId).execute();
  return rows.map((r) => r.agency_id);
}

export async function addMember(trx: Transaction<Database>, staffId: string, agencyId: string): Promise<boolean> {
  const res = await trx
    .insertInto('agency_members')
    .values({ staff_id: staffId, agency_id: agencyId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
