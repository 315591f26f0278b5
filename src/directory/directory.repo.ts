import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database, Db } from '../database.ts';
import type { GenderServed, NeedDomain } from '../shared/directory.ts';
import type { Provider, ProviderEntry, ProviderSearch, ProviderService } from './directory.types.ts';
import type { ZipPlace } from './zip-places.ts';

type Reader = Db | Transaction<Database>;
const CANDIDATES = 1000;
type Eb = ExpressionBuilder<Database, 'providers'>;

const PROVIDER_COLUMNS = [
  'providers.id',
  'providers.code',
  'providers.name',
  'providers.description',
  'providers.phone',
  'providers.email',
  'providers.website',
  'providers.address_line',
  'providers.zip',
  'providers.lat',
  'providers.lon',
  'providers.languages',
  'providers.hours',
  'providers.accessibility',
  'providers.verified_at',
  'providers.updated_at',
] as const;

/** Where the search looks: a ZIP code's own place, or every area of a state. */
export type SearchPlace = { kind: 'zip'; place: ZipPlace } | { kind: 'state'; state: string };

function coversPlace(eb: Eb, where: SearchPlace): Expression<SqlBool> {
  const areas = eb.selectFrom('provider_areas as a').select(sql.lit(1).as('one')).whereRef('a.provider_id', '=', 'providers.id');
  if (where.kind === 'state') return eb.exists(areas.where('a.state', '=', where.state));
  const { zip, countyFips, state } = where.place;
  return eb.exists(
    areas.where((a) =>
      a.or([
        a.and([a('a.kind', '=', 'zip'), a('a.code', '=', zip)]),
        a.and([a('a.kind', '=', 'county'), a('a.code', '=', countyFips)]),
        a.and([a('a.kind', '=', 'state'), a('a.code', '=', state)]),
      ]),
    ),
  );
}

/** One service must meet every condition asked of services: a shelter for boys, not a shelter and some service for boys. */
function offersService(eb: Eb, s: ProviderSearch): Expression<SqlBool> | undefined {
  const conditions: Expression<SqlBool>[] = [];
  const svc = eb.selectFrom('provider_services as s').select(sql.lit(1).as('one')).whereRef('s.provider_id', '=', 'providers.id');
  if (s.need) conditions.push(sql<SqlBool>`${s.need}::text = any(s.needs)`);
  if (s.service) conditions.push(sql<SqlBool>`s.kind = ${s.service}`);
  if (s.gender) conditions.push(sql<SqlBool>`${s.gender}::text = any(s.genders)`);
  if (s.age !== undefined)
    conditions.push(sql<SqlBool>`coalesce(s.min_age, 0) <= ${s.age} and coalesce(s.max_age, 1000) >= ${s.age}`);
  if (conditions.length === 0) return undefined;
  return eb.exists(svc.where((w) => w.and(conditions)));
}

/** The providers serving a place, filtered by language and by what one of their services offers. */
export async function providersServing(db: Reader, where: SearchPlace, search: ProviderSearch): Promise<Provider[]> {
  const rows = await db
    .selectFrom('providers')
    .select(PROVIDER_COLUMNS)
    .where((eb) => {
      const all: Expression<SqlBool>[] = [coversPlace(eb, where)];
      const service = offersService(eb, search);
      if (service) all.push(service);
      if (search.language)
        all.push(sql<SqlBool>`exists (select 1 from unnest(providers.languages) l where lower(l) = lower(${search.language}))`);
      return eb.and(all);
    })
    .$call((q) => {
      if (where.kind === 'state') return q.orderBy('providers.name');
      // A flat-earth distance is enough to choose the nearest few thousand; the service ranks them exactly.
      const { lat, lon } = where.place;
      const squeeze = Math.cos((lat * Math.PI) / 180);
      return q.orderBy(sql`power(providers.lat - ${lat}, 2) + power((providers.lon - ${lon}) * ${squeeze}, 2)`);
    })
    .limit(CANDIDATES)
    .execute();
  return withDetails(db, rows);
}

export async function providerById(db: Reader, id: string): Promise<Provider | undefined> {
  const rows = await db.selectFrom('providers').select(PROVIDER_COLUMNS).where('id', '=', id).execute();
  return (await withDetails(db, rows))[0];
}

type ProviderRow = {
  id: string;
  code: string;
  name: string;
  description: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  address_line: string | null;
  zip: string;
  lat: number;
  lon: number;
  languages: string[];
  hours: string | null;
  accessibility: string | null;
  verified_at: Date;
  updated_at: Date;
};

async function withDetails(db: Reader, rows: ProviderRow[]): Promise<Provider[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [services, areas] = await Promise.all([
    db.selectFrom('provider_services').selectAll().where('provider_id', 'in', ids).orderBy('kind').orderBy('id').execute(),
    db.selectFrom('provider_areas').selectAll().where('provider_id', 'in', ids).orderBy('kind').orderBy('code').execute(),
  ]);
  const servicesOf = new Map<string, ProviderService[]>();
  for (const s of services)
    servicesOf.set(s.provider_id, [
      ...(servicesOf.get(s.provider_id) ?? []),
      {
        kind: s.kind,
        needs: s.needs,
        genders: s.genders,
        ...(s.min_age !== null ? { minAge: s.min_age } : {}),
        ...(s.max_age !== null ? { maxAge: s.max_age } : {}),
        ...(s.notes !== null ? { notes: s.notes } : {}),
      },
    ]);
  const areasOf = new Map<string, Provider['areas']>();
  for (const a of areas)
    areasOf.set(a.provider_id, [...(areasOf.get(a.provider_id) ?? []), { kind: a.kind, code: a.code, state: a.state }]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    zip: r.zip,
    lat: r.lat,
    lon: r.lon,
    languages: r.languages,
    verifiedAt: r.verified_at,
    updatedAt: r.updated_at,
    services: servicesOf.get(r.id) ?? [],
    areas: areasOf.get(r.id) ?? [],
    ...(r.description !== null ? { description: r.description } : {}),
    ...(r.phone !== null ? { phone: r.phone } : {}),
    ...(r.email !== null ? { email: r.email } : {}),
    ...(r.website !== null ? { website: r.website } : {}),
    ...(r.address_line !== null ? { addressLine: r.address_line } : {}),
    ...(r.hours !== null ? { hours: r.hours } : {}),
    ...(r.accessibility !== null ? { accessibility: r.accessibility } : {}),
  }));
}

/** Imports wait for each other, so two at once cannot both create the same code. */
export async function lockProviders(trx: Transaction<Database>): Promise<void> {
  await sql`lock table providers in share row exclusive mode`.execute(trx);
}

export async function providerIdsByCode(db: Reader, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('providers').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Writes a provider and replaces its services and areas; the point is the ZIP code's. */
export async function saveProvider(
  trx: Transaction<Database>,
  existingId: string | undefined,
  entry: ProviderEntry,
  point: { lat: number; lon: number },
  now: Date,
): Promise<string> {
  const id = existingId ?? randomUUID();
  const values = {
    code: entry.code,
    name: entry.name,
    description: entry.description ?? null,
    phone: entry.phone ?? null,
    email: entry.email ?? null,
    website: entry.website ?? null,
    address_line: entry.addressLine ?? null,
    zip: entry.zip,
    lat: point.lat,
    lon: point.lon,
    languages: entry.languages,
    hours: entry.hours ?? null,
    accessibility: entry.accessibility ?? null,
    verified_at: entry.verifiedOn ?? now,
    updated_at: now,
  };
  if (existingId) {
    await trx.updateTable('providers').set(values).where('id', '=', id).execute();
    await trx.deleteFrom('provider_services').where('provider_id', '=', id).execute();
    await trx.deleteFrom('provider_areas').where('provider_id', '=', id).execute();
  } else {
    await trx
      .insertInto('providers')
      .values({ id, ...values, created_at: now })
      .execute();
  }
  await trx
    .insertInto('provider_services')
    .values(
      entry.services.map((s) => ({
        provider_id: id,
        kind: s.kind,
        needs: s.needs satisfies NeedDomain[],
        genders: s.genders satisfies GenderServed[],
        min_age: s.minAge ?? null,
        max_age: s.maxAge ?? null,
        notes: s.notes ?? null,
      })),
    )
    .execute();
  await trx
    .insertInto('provider_areas')
    .values(entry.areas.map((a) => ({ provider_id: id, kind: a.kind, code: a.code, state: a.state })))
    .execute();
  return id;
}

export async function markVerified(trx: Transaction<Database>, id: string, now: Date): Promise<Date | undefined> {
  const row = await trx
    .updateTable('providers')
    .set({ verified_at: now, updated_at: now })
    .where('id', '=', id)
    .returning('verified_at')
    .executeTakeFirst();
  return row?.verified_at;
}
