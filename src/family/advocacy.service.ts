import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  answer,
  auditedChange,
  auditedRead,
  open,
  recordScope,
  refuse,
  seal,
  type Actor,
  type RequestContext,
  type Trx,
} from '../security/index.ts';
import {
  contactSummary,
  familyDetails,
  familyPlan,
  familyPlanSchema,
  mediaRequest,
  mediaRequestSchema,
  type FamilyPlan,
} from './family.sealed.ts';
import { isoDay, isoDayOrNull } from './family.sql.ts';
import { todayOf, type FamilyDeps, type NotFound } from './volunteers.service.ts';

/** What the family module may learn of a case, through the port the composition root passes in. */
export interface CaseShared {
  id: string;
  reference: string;
  status: string;
  childFirstName: string;
}
export interface CasesPort {
  /** A case in the actor's reach (case.read), to link; undefined when out of reach. */
  caseToLink(q: Trx, actor: Actor, reference: string): Promise<CaseShared | undefined>;
  /** The shared part of cases already linked to a family in reach. */
  casesLinked(q: Trx, caseIds: readonly string[]): Promise<CaseShared[]>;
}
/** The resource directory, through the port the composition root passes in: a provider's name by id. */
export interface ProvidersPort {
  nameOf(q: Trx, providerId: string): Promise<string | undefined>;
}
export type AdvocacyDeps = FamilyDeps & { cases: CasesPort; providers?: ProvidersPort };

const notFound: NotFound = { kind: 'not_found' };
const day = z.iso.date();
export const contactSchema = z.object({
  contactedOn: day,
  summary: z.string().trim().min(1).max(4000),
  followUpOn: day.nullable(),
});
export const mediaSchema = mediaRequestSchema.extend({
  caseReference: z.string().trim().min(1).max(40),
  requestedOn: day,
  outlet: z.string().trim().min(1).max(200),
});
export { familyPlanSchema };

/** The families an actor reaches as an advocate, in SQL: assigned ones, or those in their states, or all. */
function familiesInReach(trx: Trx, actor: Actor) {
  const scope = recordScope(actor, 'family.advocate');
  const q = trx.selectFrom('families as f');
  switch (scope.kind) {
    case 'all':
      return q;
    case 'jurisdictions':
      return q.where('f.region', 'in', [...scope.states]);
    case 'assigned':
      return q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('family_advocates as fa')
            .select(sql`1`.as('one'))
            .whereRef('fa.family_id', '=', 'f.id')
            .where('fa.user_id', '=', scope.userId),
        ),
      );
    case 'none':
      return q.where(sql<boolean>`false`);
  }
}

async function familyInReach(trx: Trx, actor: Actor, familyId: string, lock = false) {
  const q = familiesInReach(trx, actor).select(['f.id', 'f.details_enc', 'f.region']).where('f.id', '=', familyId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

const staffId = (ctx: RequestContext) => {
  if (ctx.actor.kind !== 'staff') throw new Error('a staff actor is required');
  return ctx.actor.id;
};

export async function advocacyFamilies(deps: AdvocacyDeps, ctx: RequestContext) {
  return auditedRead(deps.db, ctx, { action: 'family.list' }, async (trx) => {
    const rows = await familiesInReach(trx, ctx.actor)
      .select([
        'f.id',
        'f.details_enc',
        'f.region',
        (eb) =>
          eb
            .selectFrom('family_contacts as c')
            .select(sql<string>`to_char(min(c.follow_up_on), 'YYYY-MM-DD')`.as('d'))
            .whereRef('c.family_id', '=', 'f.id')
            .where('c.follow_up_done_on', 'is', null)
            .as('next_follow_up'),
      ])
      .orderBy('f.created_at')
      .execute();
    return answer({
      items: rows.map((r) => ({
        id: r.id,
        name: open(deps.keyring, familyDetails, r.details_enc).name,
        region: r.region,
        nextFollowUpOn: r.next_follow_up ?? null,
      })),
    });
  });
}

async function linkedCases(deps: AdvocacyDeps, trx: Trx, familyId: string) {
  const ids = await trx.selectFrom('family_cases').select('case_id').where('family_id', '=', familyId).execute();
  return deps.cases.casesLinked(
    trx,
    ids.map((r) => r.case_id),
  );
}

/** One family as its advocate sees it: the family, the shared part of its cases, plan, contacts, media requests. */
export async function advocacyFamily(deps: AdvocacyDeps, ctx: RequestContext, familyId: string) {
  const today = todayOf(deps);
  return auditedRead<ReturnType<typeof familyView> | NotFound>(
    deps.db,
    ctx,
    { action: 'family.read', target: { type: 'family', id: familyId } },
    async (trx) => {
      const family = await familyInReach(trx, ctx.actor, familyId);
      if (!family) return refuse(notFound);
      const cases = await linkedCases(deps, trx, familyId);
      const plan = await trx
        .selectFrom('family_plans')
        .select('content_enc')
        .where('family_id', '=', familyId)
        .executeTakeFirst();
      const contacts = await trx
        .selectFrom('family_contacts')
        .select([
          'id',
          isoDay('contacted_on').as('contacted_on'),
          'summary_enc',
          isoDayOrNull('follow_up_on').as('follow_up_on'),
          isoDayOrNull('follow_up_done_on').as('follow_up_done_on'),
        ])
        .where('family_id', '=', familyId)
        .orderBy('contacted_on', 'desc')
        .execute();
      const media = await trx
        .selectFrom('media_requests')
        .select(['id', 'case_id', isoDay('requested_on').as('requested_on'), 'outlet', 'request_enc'])
        .where('family_id', '=', familyId)
        .orderBy('requested_on', 'desc')
        .execute();
      return answer(
        familyView(deps, today, family, cases, plan ? open(deps.keyring, familyPlan, plan.content_enc) : null, contacts, media),
      );
    },
  );
}

function familyView(
  deps: AdvocacyDeps,
  today: string,
  family: { id: string; details_enc: string; region: string },
  cases: CaseShared[],
  plan: FamilyPlan | null,
  contacts: {
    id: string;
    contacted_on: string;
    summary_enc: string;
    follow_up_on: string | null;
    follow_up_done_on: string | null;
  }[],
  media: { id: string; case_id: string; requested_on: string; outlet: string; request_enc: string }[],
) {
  const details = open(deps.keyring, familyDetails, family.details_enc);
  return {
    id: family.id,
    name: details.name,
    region: family.region,
    contactDetails: details.contacts,
    cases: cases.map(({ reference, status, childFirstName }) => ({ reference, status, childFirstName })),
    plan: plan ?? { needs: [], resources: [] },
    contacts: contacts.map((c) => ({
      id: c.id,
      contactedOn: c.contacted_on,
      summary: open(deps.keyring, contactSummary, c.summary_enc),
      followUpOn: c.follow_up_on,
      followUpDoneOn: c.follow_up_done_on,
      followUpDue: c.follow_up_on !== null && c.follow_up_done_on === null && c.follow_up_on <= today,
    })),
    mediaRequests: media.map((m) => ({
      id: m.id,
      caseReference: cases.find((c) => c.id === m.case_id)?.reference ?? null,
      requestedOn: m.requested_on,
      outlet: m.outlet,
      ...open(deps.keyring, mediaRequest, m.request_enc),
    })),
  };
}

type Changed = { id: string } | NotFound;

/** Runs a change on a family in the actor's reach (locked), else answers not found. */
function onFamily<Out extends Changed | { kind: string } = Changed>(
  deps: AdvocacyDeps,
  ctx: RequestContext,
  familyId: string,
  action: 'family.plan_saved' | 'family.contact_recorded' | 'family.media_request_recorded' | 'family.follow_up_done',
  change: (trx: Trx) => Promise<Out>,
): Promise<Out | NotFound> {
  return auditedChange<Out | NotFound>(deps.db, ctx, { action, target: { type: 'family', id: familyId } }, async (trx) => {
    if (!(await familyInReach(trx, ctx.actor, familyId, true))) return refuse(notFound);
    const out = await change(trx);
    return 'kind' in out ? refuse(out) : answer(out);
  });
}

export type PlanOutcome = Changed | { kind: 'unknown_provider'; index: number };

/** Resources chosen from the directory take the directory's name for the provider; an unknown id is refused. */
async function withDirectoryNames(deps: AdvocacyDeps, trx: Trx, plan: FamilyPlan): Promise<FamilyPlan | number> {
  const resources: FamilyPlan['resources'] = [];
  for (const [index, r] of plan.resources.entries()) {
    if (r.providerId === null || !deps.providers) {
      resources.push(r);
      continue;
    }
    const name = await deps.providers.nameOf(trx, r.providerId);
    if (name === undefined) return index;
    resources.push({ ...r, providerName: name });
  }
  return { ...plan, resources };
}

export function saveFamilyPlan(deps: AdvocacyDeps, ctx: RequestContext, familyId: string, plan: FamilyPlan) {
  return onFamily<PlanOutcome>(deps, ctx, familyId, 'family.plan_saved', async (trx) => {
    const named = await withDirectoryNames(deps, trx, plan);
    if (typeof named === 'number') return { kind: 'unknown_provider', index: named };
    const content_enc = seal(deps.keyring, familyPlan, named);
    await trx
      .insertInto('family_plans')
      .values({ family_id: familyId, content_enc, saved_by: staffId(ctx) })
      .onConflict((oc) => oc.column('family_id').doUpdateSet({ content_enc, saved_by: staffId(ctx), saved_at: new Date() }))
      .execute();
    return { id: familyId };
  });
}

export function recordContact(deps: AdvocacyDeps, ctx: RequestContext, familyId: string, input: z.infer<typeof contactSchema>) {
  return onFamily(deps, ctx, familyId, 'family.contact_recorded', async (trx) => {
    const id = randomUUID();
    await trx
      .insertInto('family_contacts')
      .values({
        id,
        family_id: familyId,
        contacted_on: input.contactedOn,
        summary_enc: seal(deps.keyring, contactSummary, input.summary),
        follow_up_on: input.followUpOn,
        recorded_by: staffId(ctx),
      })
      .execute();
    return { id };
  });
}

export function completeFollowUp(deps: AdvocacyDeps, ctx: RequestContext, familyId: string, contactId: string) {
  return onFamily(deps, ctx, familyId, 'family.follow_up_done', async (trx) => {
    const done = await trx
      .updateTable('family_contacts')
      .set({ follow_up_done_on: todayOf(deps) })
      .where('id', '=', contactId)
      .where('family_id', '=', familyId)
      .where('follow_up_on', 'is not', null)
      .executeTakeFirst();
    return done.numUpdatedRows > 0n ? { id: contactId } : notFound;
  });
}

export function recordMediaRequest(
  deps: AdvocacyDeps,
  ctx: RequestContext,
  familyId: string,
  input: z.infer<typeof mediaSchema>,
) {
  return onFamily(deps, ctx, familyId, 'family.media_request_recorded', async (trx) => {
    const linked = (await linkedCases(deps, trx, familyId)).find((c) => c.reference === input.caseReference);
    if (!linked) return notFound;
    const id = randomUUID();
    await trx
      .insertInto('media_requests')
      .values({
        id,
        family_id: familyId,
        case_id: linked.id,
        requested_on: input.requestedOn,
        outlet: input.outlet,
        request_enc: seal(deps.keyring, mediaRequest, {
          asked: input.asked,
          answeredBy: input.answeredBy,
          agreedWithFamily: input.agreedWithFamily,
        }),
        recorded_by: staffId(ctx),
      })
      .execute();
    return { id };
  });
}

export type LinkOutcome = { id: string } | NotFound | { kind: 'case_not_found' } | { kind: 'not_advocate' };

/** A supervisor links a case they reach to a family. */
export function linkCase(deps: AdvocacyDeps, ctx: RequestContext, familyId: string, reference: string) {
  return auditedChange<LinkOutcome>(
    deps.db,
    ctx,
    { action: 'family.case_linked', target: { type: 'family', id: familyId } },
    async (trx) => {
      const family = await trx.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
      if (!family) return refuse(notFound);
      const linked = await deps.cases.caseToLink(trx, ctx.actor, reference);
      if (!linked) return refuse({ kind: 'case_not_found' } as const);
      await trx
        .insertInto('family_cases')
        .values({ family_id: familyId, case_id: linked.id, linked_by: staffId(ctx) })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return answer({ id: familyId }, { details: { case: linked.reference } });
    },
  );
}

/** A supervisor assigns an advocate (an account with the family_advocate role) to a family. */
export function assignAdvocate(deps: AdvocacyDeps, ctx: RequestContext, familyId: string, userId: string) {
  return auditedChange<LinkOutcome>(
    deps.db,
    ctx,
    { action: 'family.advocate_assigned', target: { type: 'family', id: familyId } },
    async (trx) => {
      const family = await trx.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
      if (!family) return refuse(notFound);
      const user = await trx
        .selectFrom('staff_users')
        .select('id')
        .where('id', '=', userId)
        .where('role', '=', 'family_advocate')
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (!user) return refuse({ kind: 'not_advocate' } as const);
      await trx
        .insertInto('family_advocates')
        .values({ family_id: familyId, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return answer({ id: familyId }, { details: { advocate: userId } });
    },
  );
}

/** A supervisor takes an advocate off a family: from then on the advocate reaches nothing of it. Idempotent. */
export function unassignAdvocate(deps: AdvocacyDeps, ctx: RequestContext, familyId: string, userId: string) {
  return auditedChange<Changed>(
    deps.db,
    ctx,
    { action: 'family.advocate_unassigned', target: { type: 'family', id: familyId } },
    async (trx) => {
      const family = await trx.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
      if (!family) return refuse(notFound);
      const gone = await trx
        .deleteFrom('family_advocates')
        .where('family_id', '=', familyId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return answer({ id: familyId }, { details: { advocate: userId, wasAssigned: gone.numDeletedRows > 0n } });
    },
  );
}

/** For the supervisor's family page: the advocates assigned, and the active advocate accounts one could assign. */
export function familyAdvocates(deps: AdvocacyDeps, ctx: RequestContext, familyId: string) {
  type View = { assigned: { id: string; name: string }[]; assignable: { id: string; name: string }[] };
  return auditedRead<View | NotFound>(
    deps.db,
    ctx,
    { action: 'family.advocates_read', target: { type: 'family', id: familyId } },
    async (trx) => {
      const family = await trx.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
      if (!family) return refuse(notFound);
      const advocates = await trx
        .selectFrom('staff_users as u')
        .leftJoin('family_advocates as fa', (j) => j.onRef('fa.user_id', '=', 'u.id').on('fa.family_id', '=', familyId))
        .select(['u.id', 'u.display_name', 'u.disabled_at', 'fa.family_id'])
        .where('u.role', '=', 'family_advocate')
        .orderBy('u.display_name')
        .execute();
      const person = (a: (typeof advocates)[number]) => ({ id: a.id, name: a.display_name });
      return answer({
        assigned: advocates.filter((a) => a.family_id !== null).map(person),
        assignable: advocates.filter((a) => a.family_id === null && a.disabled_at === null).map(person),
      });
    },
  );
}
