import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { authorize, type Actor } from '../security/index.ts';

export interface CompletionCount {
  /** UTC calendar month, e.g. "2026-12". */
  month: string;
  path: string;
  lang: string;
  /** From the learner's registration; empty for certificates earned without an account. */
  organisation: string;
  role: string;
  state: string;
  completions: number;
}

/** Certificates in force, counted by month, path, language and the learner's organisation, role and state; revoked ones do not count. */
export async function completionCounts(db: Db, actor: Actor): Promise<CompletionCount[]> {
  authorize(actor, 'training.report');
  const month = sql<string>`to_char(c.issued_at at time zone 'UTC', 'YYYY-MM')`;
  const organisation = sql<string>`coalesce(l.organisation, '')`;
  const role = sql<string>`coalesce(l.role, '')`;
  const state = sql<string>`coalesce(l.state, '')`;
  const rows = await db
    .selectFrom('training_certificates as c')
    .leftJoin('training_learners as l', 'l.id', 'c.learner_id')
    .select([
      month.as('month'),
      'c.path',
      'c.lang',
      organisation.as('organisation'),
      role.as('role'),
      state.as('state'),
      (eb) => eb.fn.countAll<string>().as('completions'),
    ])
    .where('c.revoked_at', 'is', null)
    .groupBy([month, 'c.path', 'c.lang', organisation, role, state])
    .orderBy(month)
    .orderBy('c.path')
    .orderBy('c.lang')
    .orderBy(organisation)
    .orderBy(role)
    .orderBy(state)
    .execute();
  return rows.map((r) => ({ ...r, completions: Number(r.completions) }));
}
