import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { authorize, type Actor } from '../security/index.ts';

export interface CompletionCount {
  /** UTC calendar month, e.g. "2026-12". */
  month: string;
  path: string;
  lang: string;
  completions: number;
}

/** Certificates in force, counted by month, path and language; revoked ones do not count. */
export async function completionCounts(db: Db, actor: Actor): Promise<CompletionCount[]> {
  authorize(actor, 'training.report');
  const month = sql<string>`to_char(issued_at at time zone 'UTC', 'YYYY-MM')`;
  const rows = await db
    .selectFrom('training_certificates')
    .select([month.as('month'), 'path', 'lang', (eb) => eb.fn.countAll<string>().as('completions')])
    .where('revoked_at', 'is', null)
    .groupBy([month, 'path', 'lang'])
    .orderBy(month)
    .orderBy('path')
    .orderBy('lang')
    .execute();
  return rows.map((r) => ({ month: r.month, path: r.path, lang: r.lang, completions: Number(r.completions) }));
}
