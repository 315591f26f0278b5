import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import { PdqIndex } from '../pdq/index.ts';
import { raiseLeads, type Candidate } from './matching.ts';

/**
 * Stored advert images, indexed in memory once and then topped up from the last advert id seen, so
 * a case photo added now is compared with every advert at once (a million hashes: about 32 MB and
 * well under a millisecond a lookup) rather than at the next `leads match`. One index per database.
 */
interface AdvertImages {
  index: PdqIndex<number>;
  /** The advert of each indexed image, by position. */
  adverts: number[];
  hashes: string[];
  upTo: number;
}

const byDatabase = new Map<string, AdvertImages>();
const TOP_UP_CHUNK = 50_000;

async function advertImages(db: Db): Promise<AdvertImages> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  const key = rows[0]!.name;
  let images = byDatabase.get(key);
  if (!images) byDatabase.set(key, (images = { index: new PdqIndex<number>(), adverts: [], hashes: [], upTo: 0 }));
  for (;;) {
    const chunk = await db
      .selectFrom('adverts')
      .select(['id', 'pdq'])
      .where('id', '>', images.upTo)
      .where(sql<boolean>`cardinality(pdq) > 0`)
      .orderBy('id')
      .limit(TOP_UP_CHUNK)
      .execute();
    for (const a of chunk)
      for (const hex of a.pdq) {
        images.index.add(images.adverts.length, hex);
        images.adverts.push(Number(a.id));
        images.hashes.push(hex);
      }
    if (chunk.length < TOP_UP_CHUNK) return images;
    images.upTo = Number(chunk.at(-1)!.id);
  }
}

/**
 * A photo just added to an open case, matched against every stored advert image; the leads are
 * raised in the caller's transaction. Adverts removed since they were indexed are skipped.
 */
export async function raiseLeadsForPhoto(db: Db, reference: string, pdqHex: string): Promise<number> {
  const images = await advertImages(db);
  const matches = images.index.query(pdqHex);
  if (matches.length === 0) return 0;
  const ids = [...new Set(matches.map((m) => images.adverts[m.id]!))];
  const present = new Set(
    (await db.selectFrom('adverts').select('id').where('id', 'in', ids).execute()).map((a) => Number(a.id)),
  );
  const candidates: Candidate[] = matches
    .filter((m) => present.has(images.adverts[m.id]!))
    .map((m) => {
      const hex = images.hashes[m.id]!;
      return {
        advertId: images.adverts[m.id]!,
        targetKind: 'case',
        targetRef: reference,
        kind: 'image',
        value: `${hex} (${m.distance} bits from a case photo)`,
        token: `pdq:${hex}`,
      };
    });
  return raiseLeads(db, candidates);
}
