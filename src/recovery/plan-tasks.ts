import { sql, type Transaction } from 'kysely';
import type { PlanTaskView } from '../cases/index.ts';
import type { Database } from '../database.ts';
import { open, type Keyring } from '../security/index.ts';
import { planContent } from './recovery.sealed.ts';
import { actionTasks, type ActionProgress } from './rules/plan-status.ts';

/**
 * The actions of the open plans of these cases that are due by `dueBy` (or overdue), for the
 * cases module's deadlines dashboard. Reach was decided by the cases module: it passes only cases in
 * the actor's scope.
 */
export async function planTasksOf(
  keyring: Keyring,
  trx: Transaction<Database>,
  cases: readonly { id: string; reference: string }[],
  dueBy: string,
  today: string,
): Promise<PlanTaskView[]> {
  if (cases.length === 0) return [];
  const referenceOf = new Map(cases.map((c) => [c.id, c.reference]));
  const plans = await trx
    .selectFrom('assistance_plans as p')
    .innerJoin('plan_versions as v', (j) => j.onRef('v.plan_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
    .select(['p.id', 'p.case_id', 'v.content_enc'])
    // One array parameter, not one per case: a team's dashboard passes thousands.
    .where(sql<boolean>`p.case_id = any(${[...referenceOf.keys()]}::uuid[])`)
    .where('p.closed_at', 'is', null)
    .execute();
  if (plans.length === 0) return [];
  const done = await trx
    .selectFrom('plan_progress')
    .select(['plan_id', 'action_id', sql<string>`to_char(done_on, 'YYYY-MM-DD')`.as('done_on')])
    .where(
      'plan_id',
      'in',
      plans.map((p) => p.id),
    )
    .where('done_on', 'is not', null)
    .execute();
  const progressOf = new Map<string, { actionId: string; doneOn: string }[]>();
  for (const d of done) {
    const list = progressOf.get(d.plan_id) ?? [];
    list.push({ actionId: d.action_id, doneOn: d.done_on });
    progressOf.set(d.plan_id, list);
  }
  return plans
    .flatMap((p) => {
      const progress: ActionProgress = progressOf.get(p.id) ?? [];
      return actionTasks(open(keyring, planContent, p.content_enc), progress, today)
        .filter((t) => t.dueOn <= dueBy)
        .map((t) => ({
          caseReference: referenceOf.get(p.case_id) ?? '',
          actionId: t.actionId,
          title: t.title,
          dueOn: t.dueOn,
          state: t.state,
          ownerKind: t.owner.kind,
        }));
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
