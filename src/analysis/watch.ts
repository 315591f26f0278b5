import type { Db } from '../database.ts';

export interface TipSharingToken {
  reference: string;
  kind: string;
  token: string;
}

/**
 * For other modules (leads): which tips hold these identifier tokens. Tips that were merged into
 * another are left out: the tip they were merged into holds the same identifiers.
 */
export async function tipsSharingTokens(db: Db, tokens: readonly { kind: string; token: string }[]): Promise<TipSharingToken[]> {
  if (tokens.length === 0) return [];
  const wanted = new Set(tokens.map((t) => `${t.kind}\u0000${t.token}`));
  return db
    .selectFrom('tip_identifiers as i')
    .innerJoin('tip_triage as t', 't.report_id', 'i.report_id')
    .select(['t.reference', 'i.kind', 'i.token'])
    .where('i.token', 'in', [...new Set(tokens.map((t) => t.token))])
    .where('t.status', '!=', 'merged')
    .orderBy('t.reference')
    .execute()
    .then((rows) => rows.filter((r) => wanted.has(`${r.kind}\u0000${r.token}`)));
}
