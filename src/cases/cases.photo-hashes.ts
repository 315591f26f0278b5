import type { Db } from '../database.ts';

/**
 * For the leads module: perceptual hashes of the photos on cases that are not closed, with the
 * case reference. A system job's view (every case); callers show only the reference.
 */
export async function openCasePhotoHashes(db: Db): Promise<{ reference: string; pdqHex: string }[]> {
  const rows = await db
    .selectFrom('case_photos as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select(['c.reference', 'p.pdq_hex'])
    .where('c.status', '<>', 'closed')
    .where('p.pdq_hex', 'is not', null)
    .execute();
  return rows.map((r) => ({ reference: r.reference, pdqHex: r.pdq_hex! }));
}
