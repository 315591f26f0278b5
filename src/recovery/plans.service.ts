import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CaseForPlan } from '../cases/index.ts';
import type { FieldError } from '../core/result.ts';
import { fieldErrors } from '../core/validation.ts';
import type { Db } from '../database.ts';
import {
  answer,
  auditedChange,
  auditedRead,
  hasPermission,
  open,
  outsideAccount,
  refuse,
  seal,
  type Actor,
  type Keyring,
  type Permission,
  type RequestContext,
  type Trx,
} from '../security/index.ts';
import { planContentSchema, type PlanContent } from './plan.schema.ts';
import { planContent, progressNote } from './recovery.sealed.ts';
import { comparePlans, type ComparedRow } from './rules/compare.ts';
import { participationProblems, type ParticipationProblemCode } from './rules/participation.ts';
import { actionStatus, goalStatus, needStatus, planLate, planStatus, type ActionProgress } from './rules/plan-status.ts';
import { planFromTemplate, templateContentSchema } from './template.schema.ts';

/** What recovery asks of the cases module, passed in at composition (src/modules.ts). */
export interface CasesPort {
  caseForPlan(
    q: Trx,
    actor: Actor,
    permission: Permission,
    where: { reference: string } | { id: string },
  ): Promise<CaseForPlan | undefined>;
}

export interface RecoveryDeps {
  db: Db;
  keyring: Keyring;
  cases: CasesPort;
  publicUrl: string;
  now?: () => Date;
  /** Whether new template versions wait for survivor expert review before they are published (a port onto review). */
  templateReviewRequired?: (q: Db) => Promise<boolean>;
}

export type NotFound = { kind: 'not_found' };
export type Invalid = { kind: 'invalid'; errors: FieldError[] };
const notFound: NotFound = { kind: 'not_found' };
const invalid = (errors: FieldError[]): Invalid => ({ kind: 'invalid', errors });
const planTarget = (id: string) => ({ type: 'assistance_plan', id });

export const todayOf = (deps: Pick<RecoveryDeps, 'now'>): string => (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);

/** Age in whole years on `today`, from the date of birth or else the approximate age recorded. */
export function ageOn(child: CaseForPlan['child'], today: string): number | undefined {
  if (!child.dateOfBirth) return child.approximateAge;
  const [by, bm, bd] = child.dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

type PlanRow = {
  id: string;
  case_id: string;
  current_version: number;
  review_every_months: number;
  template_id: string | null;
  created_at: Date;
  submitted_at: Date | null;
  approved_at: Date | null;
  approved_by: string | null;
  approved_version: number | null;
  last_reviewed_at: Date | null;
  closed_at: Date | null;
};

const PLAN_COLUMNS = [
  'p.id',
  'p.case_id',
  'p.current_version',
  'p.review_every_months',
  'p.template_id',
  'p.created_at',
  'p.submitted_at',
  'p.approved_at',
  'p.approved_by',
  'p.approved_version',
  'p.last_reviewed_at',
  'p.closed_at',
] as const;

async function openPlanOfCase(trx: Trx, caseId: string, lock = false): Promise<PlanRow | undefined> {
  let q = trx
    .selectFrom('assistance_plans as p')
    .select(PLAN_COLUMNS)
    .where('p.case_id', '=', caseId)
    .where('p.closed_at', 'is', null);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

async function planById(trx: Trx, id: string, lock = false): Promise<PlanRow | undefined> {
  let q = trx.selectFrom('assistance_plans as p').select(PLAN_COLUMNS).where('p.id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A plan by id whose case the actor reaches under `permission`; the case check is the cases module's SQL. */
export async function planInReach(
  deps: RecoveryDeps,
  trx: Trx,
  actor: Actor,
  permission: Permission,
  planId: string,
  lock = false,
): Promise<{ plan: PlanRow; kase: CaseForPlan } | undefined> {
  if (!hasPermission(actor, permission)) return undefined;
  const plan = await planById(trx, planId, lock);
  if (!plan) return undefined;
  const kase = await deps.cases.caseForPlan(trx, actor, permission, { id: plan.case_id });
  return kase ? { plan, kase } : undefined;
}

async function contentOf(deps: RecoveryDeps, trx: Trx, planId: string, version: number): Promise<PlanContent | undefined> {
  const row = await trx
    .selectFrom('plan_versions')
    .select('content_enc')
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? open(deps.keyring, planContent, row.content_enc) : undefined;
}

export async function progressOf(deps: RecoveryDeps, trx: Trx, planId: string) {
  const rows = await trx
    .selectFrom('plan_progress as g')
    .innerJoin('staff_users as u', 'u.id', 'g.recorded_by')
    .select([
      'g.id',
      'g.action_id',
      sql<string | null>`to_char(g.done_on, 'YYYY-MM-DD')`.as('done_on'),
      'g.note_enc',
      'g.recorded_at',
      'u.display_name',
      'u.role',
    ])
    .where('g.plan_id', '=', planId)
    .orderBy('g.recorded_at')
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    actionId: r.action_id,
    doneOn: r.done_on,
    note: r.note_enc ? open(deps.keyring, progressNote, r.note_enc) : null,
    recordedAt: r.recorded_at.toISOString(),
    recordedBy: r.display_name,
    byOutsideParticipant: r.role === 'plan_participant',
  }));
}
export type ProgressView = Awaited<ReturnType<typeof progressOf>>[number];

const doneFacts = (progress: readonly ProgressView[]): ActionProgress =>
  progress.flatMap((p) => (p.doneOn ? [{ actionId: p.actionId, doneOn: p.doneOn }] : []));

/** Every status on the plan, derived from its dated facts on `today`. */
export function derivedStatuses(content: PlanContent, progress: readonly ProgressView[], today: string) {
  const facts = doneFacts(progress);
  const actions: Record<string, ReturnType<typeof actionStatus>> = {};
  const goals: Record<string, ReturnType<typeof goalStatus>> = {};
  const needs: Record<string, ReturnType<typeof needStatus>> = {};
  for (const need of content.needs) {
    for (const goal of need.goals) {
      for (const action of goal.actions) actions[action.id] = actionStatus(action, facts, today);
      goals[goal.id] = goalStatus(goal, facts, today);
    }
    needs[need.id] = needStatus(need, facts, today);
  }
  return { actions, goals, needs };
}

function planFacts(plan: PlanRow) {
  const day = (d: Date | null) => isoDay(d);
  return {
    ...(day(plan.submitted_at) ? { submittedOn: day(plan.submitted_at) } : {}),
    ...(day(plan.approved_at) ? { approvedOn: day(plan.approved_at) } : {}),
    ...(day(plan.last_reviewed_at) ? { lastReviewedOn: day(plan.last_reviewed_at) } : {}),
    ...(day(plan.closed_at) ? { closedOn: day(plan.closed_at) } : {}),
    reviewEveryMonths: plan.review_every_months,
  };
}

async function fullView(deps: RecoveryDeps, trx: Trx, actor: Actor, plan: PlanRow, kase: CaseForPlan) {
  const today = todayOf(deps);
  const content = await contentOf(deps, trx, plan.id, plan.current_version);
  if (!content) throw new Error('plan without its current version');
  const progress = await progressOf(deps, trx, plan.id);
  const invited = await trx
    .selectFrom('plan_participants as pp')
    .innerJoin('staff_users as u', 'u.id', 'pp.user_id')
    .select(['pp.participant_id', 'pp.user_id', 'pp.invited_at', 'u.password_hash'])
    .where('pp.plan_id', '=', plan.id)
    .execute();
  const recoveredOn = isoDay(kase.recoveredAt);
  const approvedOn = isoDay(plan.approved_at);
  return {
    id: plan.id,
    caseReference: kase.reference,
    childFirstName: kase.child.firstName,
    youngPersonAge: ageOn(kase.child, today) ?? null,
    version: plan.current_version,
    approvedVersion: plan.approved_version,
    status: planStatus(planFacts(plan), today),
    late: recoveredOn ? planLate(recoveredOn, approvedOn, today) : false,
    recoveredOn: recoveredOn ?? null,
    createdAt: plan.created_at.toISOString(),
    content,
    derived: derivedStatuses(content, progress, today),
    progress,
    invitations: invited.map((i) => ({
      participantId: i.participant_id,
      userId: i.user_id,
      invitedAt: i.invited_at.toISOString(),
      accepted: i.password_hash !== null,
    })),
    abilities: (['plan.write', 'plan.approve'] as const).filter((p) => hasPermission(actor, p)),
  };
}
export type PlanView = Awaited<ReturnType<typeof fullView>>;

/** The open plan of a case (or none yet), with what the case says about recovery. */
export async function planOfCase(deps: RecoveryDeps, ctx: RequestContext, reference: string) {
  return auditedRead(deps.db, ctx, { action: 'plan.read', target: { type: 'case', id: reference } }, async (trx) => {
    type Out = NotFound | { kind: 'ok'; plan: PlanView | null; recoveredOn: string | null; late: boolean };
    if (!hasPermission(ctx.actor, 'plan.read')) return refuse<Out>(notFound);
    const kase = await deps.cases.caseForPlan(trx, ctx.actor, 'plan.read', { reference });
    if (!kase) return refuse<Out>(notFound);
    const plan = await openPlanOfCase(trx, kase.id);
    const today = todayOf(deps);
    const recoveredOn = isoDay(kase.recoveredAt) ?? null;
    if (!plan)
      return answer<Out>({
        kind: 'ok',
        plan: null,
        recoveredOn,
        late: recoveredOn ? planLate(recoveredOn, undefined, today) : false,
      });
    const view = await fullView(deps, trx, ctx.actor, plan, kase);
    return answer<Out>({ kind: 'ok', plan: view, recoveredOn, late: view.late }, { target: planTarget(plan.id) });
  });
}

/** Starts the plan of a case, from the latest version of a template or empty. */
export async function startPlan(deps: RecoveryDeps, ctx: RequestContext, reference: string, body: unknown) {
  const input = (body ?? {}) as { templateId?: unknown };
  if (input.templateId !== undefined && (typeof input.templateId !== 'string' || !/^[0-9a-f-]{36}$/.test(input.templateId)))
    return invalid([{ path: 'templateId', message: 'is not a template' }]);
  return auditedChange(deps.db, ctx, { action: 'plan.create' }, async (trx) => {
    const kase = await deps.cases.caseForPlan(trx, ctx.actor, 'plan.write', { reference });
    if (!kase || !hasPermission(ctx.actor, 'plan.write'))
      return refuse<PlanView | NotFound | Invalid | { kind: 'exists' }>(notFound);
    if (kase.status === 'closed') return refuse({ kind: 'exists' as const });
    await sql`select pg_advisory_xact_lock(hashtext(${`plan:${kase.id}`}))`.execute(trx);
    if (await openPlanOfCase(trx, kase.id)) return refuse({ kind: 'exists' as const });
    let template: z.infer<typeof templateContentSchema> | undefined;
    if (typeof input.templateId === 'string') {
      const row = await trx
        .selectFrom('plan_templates')
        .select(['content'])
        .where('id', '=', input.templateId)
        .where('published_at', 'is not', null)
        .$if((await deps.templateReviewRequired?.(trx)) ?? false, (q) => q.where('reviewed_at', 'is not', null))
        .executeTakeFirst();
      if (!row) return refuse(invalid([{ path: 'templateId', message: 'is not a published template' }]));
      template = templateContentSchema.parse(row.content);
    }
    const actorId = ctx.actor.kind === 'staff' ? ctx.actor.id : null;
    const id = randomUUID();
    await trx
      .insertInto('assistance_plans')
      .values({
        id,
        case_id: kase.id,
        template_id: (input.templateId as string | undefined) ?? null,
        current_version: 1,
        created_by: actorId,
      })
      .execute();
    const content = planFromTemplate(template, todayOf(deps));
    await insertVersion(deps, trx, id, 1, content, actorId);
    const plan = (await planById(trx, id))!;
    return answer(await fullView(deps, trx, ctx.actor, plan, kase), {
      target: planTarget(id),
      details: { case: kase.reference },
    });
  });
}

async function insertVersion(
  deps: RecoveryDeps,
  trx: Trx,
  planId: string,
  version: number,
  content: PlanContent,
  by: string | null,
) {
  await trx
    .insertInto('plan_versions')
    .values({ id: randomUUID(), plan_id: planId, version, content_enc: seal(deps.keyring, planContent, content), saved_by: by })
    .execute();
}

export type SaveOutcome = PlanView | NotFound | Invalid | { kind: 'stale'; current: PlanView } | { kind: 'closed' };

/** Saves the plan as a new version; `version` must be the one the editor opened. */
export async function savePlan(deps: RecoveryDeps, ctx: RequestContext, planId: string, body: unknown): Promise<SaveOutcome> {
  const input = (body ?? {}) as { version?: unknown; content?: unknown };
  const parsed = planContentSchema.safeParse(input.content);
  if (typeof input.version !== 'number' || !Number.isInteger(input.version))
    return invalid([{ path: 'version', message: 'must be the version you opened, a whole number' }]);
  if (!parsed.success) return invalid(fieldErrors(parsed.error, 'en').map((e) => ({ ...e, path: `content.${e.path}` })));
  const problems = itemProblems(parsed.data);
  if (problems.length > 0) return invalid(problems);
  return auditedChange(deps.db, ctx, { action: 'plan.save', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.write', planId, true);
    if (!found) return refuse<SaveOutcome>(notFound);
    if (found.plan.closed_at) return refuse({ kind: 'closed' });
    if (found.plan.current_version !== input.version)
      return refuse(
        { kind: 'stale', current: await fullView(deps, trx, ctx.actor, found.plan, found.kase) },
        { action: 'plan.read', target: planTarget(planId) },
      );
    const version = found.plan.current_version + 1;
    await insertVersion(deps, trx, planId, version, parsed.data, ctx.actor.kind === 'staff' ? ctx.actor.id : null);
    // A saved change after approval goes back for approval: what was approved is the version recorded.
    await trx
      .updateTable('assistance_plans')
      .set({ current_version: version, submitted_at: null })
      .where('id', '=', planId)
      .execute();
    const plan = (await planById(trx, planId))!;
    return answer(await fullView(deps, trx, ctx.actor, plan, found.kase), { details: { version } });
  });
}

/** Ids must be unique within a plan: versions compare, and progress attaches, by them. */
function itemProblems(content: PlanContent): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  const check = (id: string, path: string) => {
    if (seen.has(id)) out.push({ path, message: 'repeats the id of another item on the plan' });
    seen.add(id);
  };
  content.participants.forEach((p, i) => check(p.id, `content.participants.${i}.id`));
  content.needs.forEach((n, i) => {
    check(n.id, `content.needs.${i}.id`);
    n.goals.forEach((g, j) => {
      check(g.id, `content.needs.${i}.goals.${j}.id`);
      g.actions.forEach((a, k) => check(a.id, `content.needs.${i}.goals.${j}.actions.${k}.id`));
    });
  });
  return out;
}

const PARTICIPATION_MESSAGES: Record<ParticipationProblemCode, string> = {
  guardian_missing: 'must list the parent or guardian, or say why they are not part of the plan',
  reason_required: 'needs a reason why the parent or guardian did not take part',
  young_person_missing: 'must include the young person: at 14 or over the plan is made with them',
  young_person_must_take_part: 'must show the young person taking part: at 14 or over the plan is made with them',
  youth_named_too_many: 'may hold at most two people named by the young person',
  youth_named_not_allowed: 'a young person may name members of the planning team from the age of 14',
  owner_not_listed: 'names someone who is not listed among the participants',
};

/** Sends the plan for a supervisor's approval once it says who took part as the law asks. */
export async function submitPlan(deps: RecoveryDeps, ctx: RequestContext, planId: string) {
  return auditedChange(deps.db, ctx, { action: 'plan.submitted', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.write', planId, true);
    if (!found) return refuse<PlanView | NotFound | Invalid | { kind: 'closed' }>(notFound);
    if (found.plan.closed_at) return refuse({ kind: 'closed' as const });
    const content = (await contentOf(deps, trx, planId, found.plan.current_version))!;
    const problems = participationProblems(content, ageOn(found.kase.child, todayOf(deps)));
    if (problems.length > 0)
      return refuse(invalid(problems.map((p) => ({ path: `content.${p.path}`, message: PARTICIPATION_MESSAGES[p.problem] }))));
    await trx.updateTable('assistance_plans').set({ submitted_at: new Date() }).where('id', '=', planId).execute();
    const plan = (await planById(trx, planId))!;
    return answer(await fullView(deps, trx, ctx.actor, plan, found.kase), { details: { version: plan.current_version } });
  });
}

/** A supervisor approves the version submitted (or records a review of the plan in force). */
export async function approvePlan(deps: RecoveryDeps, ctx: RequestContext, planId: string, what: 'approve' | 'review') {
  const action = what === 'approve' ? 'plan.approved' : 'plan.reviewed';
  return auditedChange(deps.db, ctx, { action, target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.approve', planId, true);
    if (!found) return refuse<PlanView | NotFound | { kind: 'not_submitted' }>(notFound);
    const now = deps.now?.() ?? new Date();
    if (what === 'approve') {
      if (!found.plan.submitted_at) return refuse({ kind: 'not_submitted' as const });
      await trx
        .updateTable('assistance_plans')
        .set({
          approved_at: now,
          approved_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
          approved_version: found.plan.current_version,
          last_reviewed_at: now,
        })
        .where('id', '=', planId)
        .execute();
    } else {
      if (!found.plan.approved_at) return refuse({ kind: 'not_submitted' as const });
      await trx.updateTable('assistance_plans').set({ last_reviewed_at: now }).where('id', '=', planId).execute();
    }
    const plan = (await planById(trx, planId))!;
    return answer(await fullView(deps, trx, ctx.actor, plan, found.kase), { details: { version: plan.current_version } });
  });
}

export async function planVersions(deps: RecoveryDeps, ctx: RequestContext, planId: string) {
  return auditedRead(deps.db, ctx, { action: 'plan.versions_read', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.read', planId);
    if (!found) return refuse<{ items: { version: number; savedAt: string; savedBy: string | null }[] } | NotFound>(notFound);
    const rows = await trx
      .selectFrom('plan_versions as v')
      .leftJoin('staff_users as u', 'u.id', 'v.saved_by')
      .select(['v.version', 'v.saved_at', 'u.display_name'])
      .where('v.plan_id', '=', planId)
      .orderBy('v.version', 'desc')
      .execute();
    return answer({
      items: rows.map((r) => ({ version: r.version, savedAt: r.saved_at.toISOString(), savedBy: r.display_name })),
    });
  });
}

export async function compareVersions(deps: RecoveryDeps, ctx: RequestContext, planId: string, from: number, to: number) {
  return auditedRead(deps.db, ctx, { action: 'plan.compared', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.read', planId);
    if (!found) return refuse<{ from: number; to: number; rows: ComparedRow[] } | NotFound>(notFound);
    const [before, after] = await Promise.all([contentOf(deps, trx, planId, from), contentOf(deps, trx, planId, to)]);
    if (!before || !after) return refuse(notFound);
    return answer({ from, to, rows: comparePlans(before, after) }, { details: { from, to } });
  });
}

const OUTSIDE_KINDS = new Set([
  'guardian',
  'foster_parent',
  'child_welfare',
  'law_enforcement',
  'advocate',
  'youth_named',
  'other',
]);

export type InviteOutcome =
  { kind: 'ok'; setupUrl: string | null; userId: string } | NotFound | Invalid | { kind: 'email_taken' } | { kind: 'closed' };

/**
 * Invites a participant named on the plan as an outside account that reaches this plan only. A new
 * account gets a one-time set-up link (password, then a second factor, as staff do); an existing
 * outside account is simply given this plan too.
 */
export async function inviteParticipant(
  deps: RecoveryDeps,
  ctx: RequestContext,
  planId: string,
  body: unknown,
): Promise<InviteOutcome> {
  const input = (body ?? {}) as { participantId?: unknown; email?: unknown };
  const errors: FieldError[] = [];
  if (typeof input.participantId !== 'string' || input.participantId === '')
    errors.push({ path: 'participantId', message: 'is required' });
  if (typeof input.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email) || input.email.length > 254)
    errors.push({ path: 'email', message: 'must be an email address, like name@example.com' });
  if (errors.length > 0) return invalid(errors);
  const participantId = input.participantId as string;
  const email = (input.email as string).trim();
  return auditedChange(deps.db, ctx, { action: 'plan.participant_invited', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.write', planId, true);
    if (!found) return refuse<InviteOutcome>(notFound);
    if (found.plan.closed_at) return refuse({ kind: 'closed' });
    const content = (await contentOf(deps, trx, planId, found.plan.current_version))!;
    const participant = content.participants.find((p) => p.id === participantId);
    if (!participant) return refuse(invalid([{ path: 'participantId', message: 'is not a participant listed on the plan' }]));
    if (!OUTSIDE_KINDS.has(participant.kind))
      return refuse(invalid([{ path: 'participantId', message: 'names someone who cannot be given an outside account' }]));
    const account = await outsideAccount(trx, ctx.actor, {
      email,
      displayName: participant.name,
      organisation: 'outside participant',
      role: 'plan_participant',
    });
    if (account.kind === 'taken') return refuse({ kind: 'email_taken' });
    await trx
      .insertInto('plan_participants')
      .values({
        plan_id: planId,
        user_id: account.id,
        participant_id: participantId,
        invited_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
      })
      .onConflict((oc) => oc.columns(['plan_id', 'user_id']).doUpdateSet({ participant_id: participantId }))
      .execute();
    return answer(
      {
        kind: 'ok',
        userId: account.id,
        setupUrl: account.kind === 'created' ? `${deps.publicUrl}/app/setup?token=${account.setupToken}` : null,
      },
      { details: { participantKind: participant.kind, newAccount: account.kind === 'created' } },
    );
  });
}

export type ProgressOutcome = { kind: 'ok'; progress: ProgressView[] } | NotFound | Invalid | { kind: 'closed' };

export function parseProgress(
  body: unknown,
  today: string,
): { actionId: string; doneOn: string | null; note: string | null } | Invalid {
  const input = (body ?? {}) as { actionId?: unknown; done?: unknown; note?: unknown };
  const errors: FieldError[] = [];
  if (typeof input.actionId !== 'string' || input.actionId === '') errors.push({ path: 'actionId', message: 'is required' });
  if (input.done !== undefined && typeof input.done !== 'boolean')
    errors.push({ path: 'done', message: 'must be true or false' });
  if (input.note !== undefined && (typeof input.note !== 'string' || input.note.length > 2000))
    errors.push({ path: 'note', message: 'must be text of at most 2000 characters' });
  const note = typeof input.note === 'string' && input.note.trim() !== '' ? input.note.trim() : null;
  if (errors.length === 0 && input.done !== true && note === null)
    errors.push({ path: 'note', message: 'is required unless you mark the action done' });
  if (errors.length > 0) return invalid(errors);
  return { actionId: input.actionId as string, doneOn: input.done === true ? today : null, note };
}

export async function insertProgress(
  deps: RecoveryDeps,
  trx: Trx,
  planId: string,
  by: string,
  p: { actionId: string; doneOn: string | null; note: string | null },
) {
  const id = randomUUID();
  await trx
    .insertInto('plan_progress')
    .values({
      id,
      plan_id: planId,
      action_id: p.actionId,
      done_on: p.doneOn,
      note_enc: p.note === null ? null : seal(deps.keyring, progressNote, p.note),
      recorded_by: by,
    })
    .execute();
}

export const actionIdsOf = (content: PlanContent) =>
  new Set(content.needs.flatMap((n) => n.goals.flatMap((g) => g.actions.map((a) => a.id))));

/** Staff record progress on any action of a plan in reach. */
export async function recordProgress(
  deps: RecoveryDeps,
  ctx: RequestContext,
  planId: string,
  body: unknown,
): Promise<ProgressOutcome> {
  const parsed = parseProgress(body, todayOf(deps));
  if ('kind' in parsed) return parsed;
  return auditedChange(deps.db, ctx, { action: 'plan.progress_recorded', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.write', planId, true);
    if (!found || ctx.actor.kind !== 'staff') return refuse<ProgressOutcome>(notFound);
    if (found.plan.closed_at) return refuse({ kind: 'closed' });
    const content = (await contentOf(deps, trx, planId, found.plan.current_version))!;
    if (!actionIdsOf(content).has(parsed.actionId))
      return refuse(invalid([{ path: 'actionId', message: 'is not an action on this plan' }]));
    await insertProgress(deps, trx, planId, ctx.actor.id, parsed);
    return answer({ kind: 'ok', progress: await progressOf(deps, trx, planId) }, { details: { done: parsed.doneOn !== null } });
  });
}

export { contentOf, planById };
