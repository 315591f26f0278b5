import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { PdqIndex } from '../leads/index.ts';
import { open, seal, type Keyring } from '../security/index.ts';
import { casePhotoHash } from './cases.sealed.ts';

/**
 * Case photos' PDQ hashes are sealed in the database; the near-match index lives in this process's
 * memory only, built from the sealed values when the server starts (or at first use) and topped up
 * with photos added since. Nothing on disk can be compared with an advert image without the key.
 */
interface PhotoIndex {
  index: PdqIndex<number>;
  photoIds: string[];
  seen: Set<string>;
  /** Photos created at or after this are read again on each top-up (a late commit is not missed). */
  since: Date;
}

const byDatabase = new Map<string, PhotoIndex>();
/** Transactions that began earlier may commit photos with an earlier `created_at`: look back this far. */
const LATE_COMMIT_MS = 10 * 60_000;

const databaseName = async (db: Db) => (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]!.name;

async function photoIndex(db: Db, keyring: Keyring): Promise<PhotoIndex> {
  const key = await databaseName(db);
  let pi = byDatabase.get(key);
  if (!pi) byDatabase.set(key, (pi = { index: new PdqIndex<number>(), photoIds: [], seen: new Set(), since: new Date(0) }));
  const rows = await db
    .selectFrom('case_photos')
    .select(['id', 'pdq_enc', 'pdq_hex', 'created_at'])
    .where('created_at', '>=', new Date(pi.since.getTime() - LATE_COMMIT_MS))
    .where((eb) => eb.or([eb('pdq_enc', 'is not', null), eb('pdq_hex', 'is not', null)]))
    .execute();
  for (const r of rows) {
    if (pi.seen.has(r.id)) continue;
    pi.seen.add(r.id);
    pi.index.add(pi.photoIds.length, r.pdq_enc ? open(keyring, casePhotoHash, r.pdq_enc) : r.pdq_hex!);
    pi.photoIds.push(r.id);
    const at = new Date(r.created_at);
    if (at > pi.since) pi.since = at;
  }
  return pi;
}

/** At start-up: seal hashes stored in clear before they were sealed, then build the index. */
export async function warmCasePhotoIndex(db: Db, keyring: Keyring): Promise<number> {
  const plain = await db.selectFrom('case_photos').select(['id', 'pdq_hex']).where('pdq_hex', 'is not', null).execute();
  for (const p of plain)
    await db
      .updateTable('case_photos')
      .set({ pdq_enc: seal(keyring, casePhotoHash, p.pdq_hex!), pdq_hex: null })
      .where('id', '=', p.id)
      .execute();
  return (await photoIndex(db, keyring)).photoIds.length;
}

/**
 * For the leads module: photos on open cases within PDQ's match distance of each advert image,
 * as (image position, case reference, distance). A system job's view; only the reference leaves.
 */
export async function openCasePhotoMatches(
  db: Db,
  keyring: Keyring,
  hexes: readonly string[],
): Promise<{ image: number; reference: string; distance: number }[]> {
  if (hexes.length === 0) return [];
  const pi = await photoIndex(db, keyring);
  if (pi.photoIds.length === 0) return [];
  const hits = hexes.flatMap((hex, image) =>
    pi.index.query(hex).map((m) => ({ image, photoId: pi.photoIds[m.id]!, distance: m.distance })),
  );
  if (hits.length === 0) return [];
  const onOpenCases = await db
    .selectFrom('case_photos as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select(['p.id', 'c.reference'])
    .where('p.id', 'in', [...new Set(hits.map((h) => h.photoId))])
    .where('c.status', '<>', 'closed')
    .execute();
  const referenceOf = new Map(onOpenCases.map((r) => [r.id, r.reference]));
  return hits.flatMap((h) => {
    const reference = referenceOf.get(h.photoId);
    return reference ? [{ image: h.image, reference, distance: h.distance }] : [];
  });
}
