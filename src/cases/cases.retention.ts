import type { Db } from '../database.ts';
import { type Actor, answer, auditedChange, auditedRead, refuse } from '../security/index.ts';
import type { Trx } from './cases.repo.ts';
import { caseTarget } from './cases.service.ts';

/**
 * Retention of closed cases: a case closed more than N years ago is purged with everything recorded
 * inside it. The report names cases by reference and counts what they hold, never their content;
 * the audit log keeps the fact of each purge.
 */

export interface RetentionCounts {
  episodes: number;
  observations: number;
  tasks: number;
  notes: number;
  links: number;
}

export interface RetentionCandidate {
  reference: string;
  closedAt: Date;
  counts: RetentionCounts;
}

export interface RetentionReport {
  years: number;
  /** Cases closed before this instant are due. */
  cutoff: Date;
  candidates: RetentionCandidate[];
  /** References actually purged (empty on a dry run). */
  purged: string[];
}

export interface RetentionDeps {
  db: Db;
  now?: () => Date;
}

/** The same day and month, `years` earlier (29 February falls back to 28). */
export function retentionCutoff(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== now.getUTCMonth()) d.setUTCDate(0);
  return d;
}

const CHILD_TABLES = {
  episodes: 'case_episodes',
  observations: 'case_observations',
  tasks: 'case_tasks',
  notes: 'case_notes',
  links: 'case_links',
} as const;

async function countsOf(q: Db | Trx, caseId: string): Promise<RetentionCounts> {
  const n = async (table: (typeof CHILD_TABLES)[keyof typeof CHILD_TABLES]) =>
    Number(
      (
        await q
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    episodes: await n(CHILD_TABLES.episodes),
    observations: await n(CHILD_TABLES.observations),
    tasks: await n(CHILD_TABLES.tasks),
    notes: await n(CHILD_TABLES.notes),
    links: await n(CHILD_TABLES.links),
  };
}

function dueCases(q: Db | Trx, cutoff: Date) {
  return q
    .selectFrom('cases')
    .select(['id', 'reference', 'closed_at'])
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .orderBy('closed_at')
    .orderBy('reference');
}

/** Deletes one case and what it holds, children first (observations point at tasks). */
async function purgeCase(trx: Trx, caseId: string): Promise<void> {
  await trx.deleteFrom('case_observations').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_tasks').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_episodes').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_notes').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_links').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_access').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_revisions').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_poster_approvals').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('cases').where('id', '=', caseId).execute();
}

/**
 * Lists the closed cases due for purging and, with `apply`, purges each in its own transaction:
 * a case that changed or vanished meanwhile is skipped, and a failure leaves the others done.
 * An operator's command: only a system actor (the command line) may run it.
 */
export async function retentionReview(
  deps: RetentionDeps,
  actor: Actor,
  opts: { years: number; apply: boolean },
): Promise<RetentionReport> {
  if (actor.kind !== 'system') throw new Error('retention runs from the command line only');
  if (!Number.isInteger(opts.years) || opts.years < 1) throw new Error('years must be a whole number of at least 1');
  const now = deps.now ? deps.now() : new Date();
  const cutoff = retentionCutoff(now, opts.years);
  const due = await dueCases(deps.db, cutoff).execute();
  const candidates: RetentionCandidate[] = [];
  for (const c of due)
    candidates.push({ reference: c.reference, closedAt: new Date(c.closed_at!), counts: await countsOf(deps.db, c.id) });

  const purged: string[] = [];
  if (opts.apply) {
    for (const c of due) {
      const done = await auditedChange(
        deps.db,
        { actor },
        { action: 'case.purge', target: caseTarget(c.reference) },
        async (trx) => {
          // Re-checked under the row lock: a case reopened or already purged by another run is left alone.
          const still = await dueCases(trx, cutoff).where('id', '=', c.id).forUpdate().executeTakeFirst();
          if (!still) return refuse(false);
          const counts = await countsOf(trx, c.id);
          await purgeCase(trx, c.id);
          return answer(true, {
            details: { retentionYears: opts.years, closedYear: new Date(c.closed_at!).getUTCFullYear(), ...counts },
          });
        },
      );
      if (done) purged.push(c.reference);
    }
  } else {
    await auditedRead(deps.db, { actor }, { action: 'case.retention_review' }, async () =>
      answer(undefined, { details: { retentionYears: opts.years, due: candidates.length } }),
    );
  }
  return { years: opts.years, cutoff, candidates, purged };
}
