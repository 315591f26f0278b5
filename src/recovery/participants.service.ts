import { answer, auditedChange, auditedRead, hasPermission, refuse, type RequestContext, type Trx } from '../security/index.ts';
import type { PlanContent } from './plan.schema.ts';
import {
  actionIdsOf,
  contentOf,
  derivedStatuses,
  insertProgress,
  parseProgress,
  progressOf,
  todayOf,
  type Invalid,
  type NotFound,
  type RecoveryDeps,
} from './plans.service.ts';

const notFound: NotFound = { kind: 'not_found' };
const planTarget = (id: string) => ({ type: 'assistance_plan', id });

/**
 * The plans an outside participant was invited to, found in SQL by their own account: nothing of
 * the case, its tips or other plans is ever selected for them.
 */
function invitedPlans(trx: Trx, userId: string) {
  return trx
    .selectFrom('plan_participants as pp')
    .innerJoin('assistance_plans as p', 'p.id', 'pp.plan_id')
    .select(['p.id', 'p.current_version', 'pp.participant_id', 'pp.invited_at'])
    .where('pp.user_id', '=', userId)
    .where('p.closed_at', 'is', null);
}

/** What a participant sees: their own actions, and the parts the plan chose to share. */
export function participantSlice(content: PlanContent, participantId: string) {
  const me = content.participants.find((p) => p.id === participantId);
  const mine = (a: { owner: { participantId?: string | undefined } }) => a.owner.participantId === participantId;
  return {
    you: me ? { name: me.name, kind: me.kind } : null,
    youngPersonWords: content.sharing.youngPersonWords ? content.youngPersonWords : null,
    needs: content.needs
      .map((n) => ({
        id: n.id,
        domain: n.domain,
        goals: n.goals
          .map((g) => ({
            id: g.id,
            description: content.sharing.goals ? g.description : null,
            targetOn: content.sharing.goals ? g.targetOn : null,
            actions: g.actions
              .filter(mine)
              .map((a) => ({ id: a.id, description: a.description, dueOn: a.dueOn, recurrence: a.recurrence ?? null })),
          }))
          .filter((g) => g.actions.length > 0 || content.sharing.goals),
      }))
      .filter((n) => n.goals.length > 0),
  };
}

export async function myPlans(deps: RecoveryDeps, ctx: RequestContext) {
  const actor = ctx.actor;
  if (!hasPermission(actor, 'plan.participate')) return { items: [] };
  const rows = await deps.db
    .transaction()
    .execute((trx) => invitedPlans(trx, actor.id).orderBy('pp.invited_at', 'desc').execute());
  return { items: rows.map((r) => ({ id: r.id, invitedAt: r.invited_at.toISOString() })) };
}

async function invitation(trx: Trx, ctx: RequestContext, planId: string) {
  if (!hasPermission(ctx.actor, 'plan.participate')) return undefined;
  return invitedPlans(trx, ctx.actor.id).where('p.id', '=', planId).forUpdate().executeTakeFirst();
}

async function participantView(deps: RecoveryDeps, trx: Trx, planId: string, version: number, participantId: string) {
  const content = (await contentOf(deps, trx, planId, version))!;
  const slice = participantSlice(content, participantId);
  const actionIds = new Set(slice.needs.flatMap((n) => n.goals.flatMap((g) => g.actions.map((a) => a.id))));
  const progress = (await progressOf(deps, trx, planId)).filter((p) => actionIds.has(p.actionId));
  const derived = derivedStatuses(content, progress, todayOf(deps));
  const actions = Object.fromEntries([...actionIds].map((id) => [id, derived.actions[id]]));
  return { id: planId, ...slice, actionStatus: actions, progress };
}
export type ParticipantPlanView = Awaited<ReturnType<typeof participantView>>;

export async function myPlan(deps: RecoveryDeps, ctx: RequestContext, planId: string) {
  return auditedRead(deps.db, ctx, { action: 'plan.participant_read', target: planTarget(planId) }, async (trx) => {
    const row = await invitation(trx, ctx, planId);
    if (!row) return refuse<ParticipantPlanView | NotFound>(notFound);
    return answer(await participantView(deps, trx, planId, row.current_version, row.participant_id));
  });
}

/** A participant marks one of their own actions done, or adds a progress note to it. */
export async function recordMyProgress(deps: RecoveryDeps, ctx: RequestContext, planId: string, body: unknown) {
  const parsed = parseProgress(body, todayOf(deps));
  if ('kind' in parsed) return parsed;
  return auditedChange(deps.db, ctx, { action: 'plan.progress_recorded', target: planTarget(planId) }, async (trx) => {
    const row = await invitation(trx, ctx, planId);
    if (!row || ctx.actor.kind !== 'staff') return refuse<ParticipantPlanView | NotFound | Invalid>(notFound);
    const content = (await contentOf(deps, trx, planId, row.current_version))!;
    const own = participantSlice(content, row.participant_id).needs.flatMap((n) =>
      n.goals.flatMap((g) => g.actions.map((a) => a.id)),
    );
    // Someone else's action answers as if it did not exist: its id tells them nothing.
    if (!actionIdsOf(content).has(parsed.actionId) || !own.includes(parsed.actionId))
      return refuse(invalid([{ path: 'actionId', message: 'is not one of your actions on this plan' }]));
    await insertProgress(deps, trx, planId, ctx.actor.id, parsed);
    return answer(await participantView(deps, trx, planId, row.current_version, row.participant_id), {
      details: { done: parsed.doneOn !== null, byParticipant: true },
    });
  });
}

const invalid = (errors: { path: string; message: string }[]): Invalid => ({ kind: 'invalid', errors });
