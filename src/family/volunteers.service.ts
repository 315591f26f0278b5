import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../database.ts';
import {
  answer,
  auditedChange,
  auditedRead,
  findUserByEmail,
  open,
  refuse,
  seal,
  type Keyring,
  type RequestContext,
  type Trx,
} from '../security/index.ts';
import { isoDay, isoDayOrNull } from './family.sql.ts';
import { familyDetails, familyDetailsSchema } from './family.sealed.ts';
import {
  approvalOf,
  expiringRequirements,
  VOLUNTEER_STAGES,
  type StageCompletion,
  type VolunteerStage,
} from './rules/approval.ts';
import { nextCheckIn } from './rules/checkins.ts';
import { LIVED_EXPERIENCES, shortlist, type Candidate, type LivedExperience, type Proposal } from './rules/shortlist.ts';

export interface FamilyDeps {
  db: Db;
  keyring: Keyring;
  now?: () => Date;
}

export type NotFound = { kind: 'not_found' };
const notFound: NotFound = { kind: 'not_found' };
export const todayOf = (deps: Pick<FamilyDeps, 'now'>) => (deps.now?.() ?? new Date()).toISOString().slice(0, 10);

const day = z.iso.date();
const codes = z.array(z.string().trim().min(1).max(40)).max(20);
export const newVolunteerSchema = z.object({
  name: z.string().trim().min(1).max(200),
  languages: codes,
  regions: codes,
  livedExperience: z.array(z.enum(LIVED_EXPERIENCES)).max(4),
  preferences: codes,
  familyLimit: z.number().int().min(0).max(10),
  /** An existing account with the volunteer role, for them to sign in with. */
  accountEmail: z.email().optional(),
});
export const stageSchema = z
  .object({ stage: z.enum(VOLUNTEER_STAGES), completedOn: day, validUntil: day.nullable() })
  .refine((s) => s.validUntil === null || s.validUntil >= s.completedOn, {
    path: ['validUntil'],
    message: 'Valid until must not be before the day it was completed.',
  });

async function completionsOf(trx: Trx, volunteerIds: string[]) {
  if (volunteerIds.length === 0) return new Map<string, StageCompletion[]>();
  const rows = await trx
    .selectFrom('volunteer_stages')
    .select(['volunteer_id', 'stage', isoDay('completed_on').as('completed_on'), isoDayOrNull('valid_until').as('valid_until')])
    .where('volunteer_id', 'in', volunteerIds)
    .orderBy('completed_on')
    .execute();
  const out = new Map<string, StageCompletion[]>();
  for (const r of rows) {
    const list = out.get(r.volunteer_id) ?? [];
    list.push({ stage: r.stage as VolunteerStage, completedOn: r.completed_on, validUntil: r.valid_until });
    out.set(r.volunteer_id, list);
  }
  return out;
}

async function activeMatchCounts(trx: Trx) {
  const rows = await trx
    .selectFrom('peer_matches')
    .select(['volunteer_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('ended_on', 'is', null)
    .groupBy('volunteer_id')
    .execute();
  return new Map(rows.map((r) => [r.volunteer_id, Number(r.n)]));
}

/** The roster, each volunteer's approval computed today, and the renewals the coordinator should start. */
export async function roster(deps: FamilyDeps, ctx: RequestContext) {
  const today = todayOf(deps);
  return auditedRead(deps.db, ctx, { action: 'volunteer.roster_read' }, async (trx) => {
    const volunteers = await trx.selectFrom('volunteers').selectAll().orderBy('name').execute();
    const completions = await completionsOf(
      trx,
      volunteers.map((v) => v.id),
    );
    const matches = await activeMatchCounts(trx);
    const items = volunteers.map((v) => {
      const done = completions.get(v.id) ?? [];
      return {
        id: v.id,
        name: v.name,
        hasAccount: v.user_id !== null,
        languages: v.languages,
        regions: v.regions,
        livedExperience: v.lived_experience,
        preferences: v.preferences,
        familyLimit: v.family_limit,
        activeMatches: matches.get(v.id) ?? 0,
        approval: approvalOf(done, today),
        expiring: expiringRequirements(done, today),
        stages: done,
      };
    });
    return answer({ today, items });
  });
}

export async function addVolunteer(
  deps: FamilyDeps,
  ctx: RequestContext,
  input: z.infer<typeof newVolunteerSchema>,
): Promise<{ id: string } | { kind: 'no_account' }> {
  const id = randomUUID();
  return auditedChange<{ id: string } | { kind: 'no_account' }>(
    deps.db,
    ctx,
    { action: 'volunteer.create', target: { type: 'volunteer', id } },
    async (trx) => {
      const account = input.accountEmail ? await findUserByEmail(trx, input.accountEmail) : undefined;
      if (input.accountEmail && (account?.role !== 'volunteer' || account.disabled_at))
        return refuse({ kind: 'no_account' } as const);
      await trx
        .insertInto('volunteers')
        .values({
          id,
          name: input.name,
          languages: input.languages,
          regions: input.regions,
          lived_experience: input.livedExperience,
          preferences: input.preferences,
          family_limit: input.familyLimit,
          user_id: account?.id ?? null,
        })
        .execute();
      return answer({ id });
    },
  );
}

export async function recordStage(
  deps: FamilyDeps,
  ctx: RequestContext,
  volunteerId: string,
  input: z.infer<typeof stageSchema>,
): Promise<{ id: string } | NotFound> {
  return auditedChange<{ id: string } | NotFound>(
    deps.db,
    ctx,
    { action: 'volunteer.stage_recorded', target: { type: 'volunteer', id: volunteerId } },
    async (trx) => {
      const v = await trx.selectFrom('volunteers').select('id').where('id', '=', volunteerId).executeTakeFirst();
      if (!v) return refuse(notFound);
      const id = randomUUID();
      await trx
        .insertInto('volunteer_stages')
        .values({
          id,
          volunteer_id: volunteerId,
          stage: input.stage,
          completed_on: input.completedOn,
          valid_until: input.validUntil,
          recorded_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
        })
        .execute();
      return answer({ id }, { details: { stage: input.stage } });
    },
  );
}

/** The volunteers Beacon proposes for a family, with reasons; nothing is assigned here. */
export async function familyShortlist(deps: FamilyDeps, ctx: RequestContext, familyId: string) {
  const today = todayOf(deps);
  return auditedRead<{ familyId: string; proposals: Proposal[] } | NotFound>(
    deps.db,
    ctx,
    { action: 'volunteer.shortlist', target: { type: 'family', id: familyId } },
    async (trx) => {
      const family = await trx
        .selectFrom('families')
        .select(['id', 'region', 'languages', 'experience', 'preferences'])
        .where('id', '=', familyId)
        .executeTakeFirst();
      if (!family) return refuse(notFound as NotFound);
      const matched = await trx
        .selectFrom('peer_matches')
        .select('volunteer_id')
        .where('family_id', '=', familyId)
        .where('ended_on', 'is', null)
        .execute();
      const already = new Set(matched.map((m) => m.volunteer_id));
      const volunteers = (await trx.selectFrom('volunteers').selectAll().execute()).filter((v) => !already.has(v.id));
      const completions = await completionsOf(
        trx,
        volunteers.map((v) => v.id),
      );
      const counts = await activeMatchCounts(trx);
      const candidates: Candidate[] = volunteers.map((v) => ({
        id: v.id,
        name: v.name,
        completions: completions.get(v.id) ?? [],
        familyLimit: v.family_limit,
        activeMatches: counts.get(v.id) ?? 0,
        languages: v.languages,
        regions: v.regions,
        livedExperience: v.lived_experience as LivedExperience[],
        preferences: v.preferences,
      }));
      const needs = {
        region: family.region,
        languages: family.languages,
        experience: family.experience as LivedExperience[],
        preferences: family.preferences,
      };
      return answer({ familyId, proposals: shortlist(candidates, needs, today) });
    },
  );
}

export type MatchOutcome = { id: string } | NotFound | { kind: 'not_proposed' };

/** A staff member confirms one of the proposals; Beacon re-checks it is still on the shortlist. */
export async function confirmMatch(
  deps: FamilyDeps,
  ctx: RequestContext,
  familyId: string,
  volunteerId: string,
): Promise<MatchOutcome> {
  const list = await familyShortlist(deps, ctx, familyId);
  if ('kind' in list) return list;
  const proposal = list.proposals.find((p) => p.volunteerId === volunteerId);
  if (!proposal) return { kind: 'not_proposed' };
  const id = randomUUID();
  return auditedChange(deps.db, ctx, { action: 'volunteer.match_confirmed', target: { type: 'peer_match', id } }, async (trx) => {
    await trx
      .insertInto('peer_matches')
      .values({
        id,
        family_id: familyId,
        volunteer_id: volunteerId,
        reasons: proposal.reasons,
        confirmed_by: staffId(ctx),
        started_on: todayOf(deps),
      })
      .execute();
    return answer({ id });
  });
}

function staffId(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'staff') throw new Error('a staff actor is required');
  return ctx.actor.id;
}

/** Records that the family agreed to be contacted; only then does the volunteer see their shared contact. */
export async function recordConsent(deps: FamilyDeps, ctx: RequestContext, matchId: string, consentOn: string) {
  return changeMatch(deps, ctx, matchId, 'volunteer.consent_recorded', (trx) =>
    trx
      .updateTable('peer_matches')
      .set({ consent_on: consentOn, consent_recorded_by: staffId(ctx) })
      .where('id', '=', matchId)
      .where('ended_on', 'is', null)
      .executeTakeFirst(),
  );
}

export const MATCH_END_REASONS = ['family_request', 'volunteer_request', 'goals_met', 'no_contact', 'other'] as const;
export const endMatchSchema = z.object({ endedOn: day, reason: z.enum(MATCH_END_REASONS) });

export type EndOutcome = { id: string } | NotFound | { kind: 'ended' } | { kind: 'before_start' };

/** Ends a match from the day given (today or earlier): from now on the volunteer reaches nothing of the family. */
export async function endMatch(
  deps: FamilyDeps,
  ctx: RequestContext,
  matchId: string,
  input: z.infer<typeof endMatchSchema>,
): Promise<EndOutcome> {
  return auditedChange<EndOutcome>(
    deps.db,
    ctx,
    { action: 'volunteer.match_ended', target: { type: 'peer_match', id: matchId } },
    async (trx) => {
      const match = await trx
        .selectFrom('peer_matches')
        .select(['ended_on', isoDay('started_on').as('started_on')])
        .where('id', '=', matchId)
        .forUpdate()
        .executeTakeFirst();
      if (!match) return refuse(notFound);
      if (match.ended_on !== null) return refuse({ kind: 'ended' as const });
      if (input.endedOn < match.started_on) return refuse({ kind: 'before_start' as const });
      await trx
        .updateTable('peer_matches')
        .set({ ended_on: input.endedOn, end_reason: input.reason, ended_by: staffId(ctx) })
        .where('id', '=', matchId)
        .execute();
      return answer({ id: matchId }, { details: { reason: input.reason } });
    },
  );
}

export const checkInSchema = z.object({ checkedOn: day, concernRaised: z.boolean() });

/** The coordinator's monthly check-in on a match in force; the next one falls a month later. */
export async function recordCheckIn(
  deps: FamilyDeps,
  ctx: RequestContext,
  matchId: string,
  input: z.infer<typeof checkInSchema>,
): Promise<{ id: string } | NotFound | { kind: 'ended' }> {
  const id = randomUUID();
  return auditedChange<{ id: string } | NotFound | { kind: 'ended' }>(
    deps.db,
    ctx,
    { action: 'volunteer.check_in_recorded', target: { type: 'peer_match', id: matchId } },
    async (trx) => {
      const match = await trx
        .selectFrom('peer_matches')
        .select('ended_on')
        .where('id', '=', matchId)
        .forUpdate()
        .executeTakeFirst();
      if (!match) return refuse(notFound);
      if (match.ended_on !== null) return refuse({ kind: 'ended' as const });
      await trx
        .insertInto('peer_checkins')
        .values({
          id,
          match_id: matchId,
          checked_on: input.checkedOn,
          concern_raised: input.concernRaised,
          recorded_by: staffId(ctx),
        })
        .execute();
      return answer({ id }, { details: { concernRaised: input.concernRaised } });
    },
  );
}

async function changeMatch(
  deps: FamilyDeps,
  ctx: RequestContext,
  matchId: string,
  action: 'volunteer.consent_recorded',
  update: (trx: Trx) => Promise<{ numUpdatedRows: bigint }>,
): Promise<{ id: string } | NotFound | { kind: 'ended' }> {
  return auditedChange<{ id: string } | NotFound | { kind: 'ended' }>(
    deps.db,
    ctx,
    { action, target: { type: 'peer_match', id: matchId } },
    async (trx) => {
      if ((await update(trx)).numUpdatedRows > 0n) return answer({ id: matchId });
      const exists = await trx.selectFrom('peer_matches').select('id').where('id', '=', matchId).executeTakeFirst();
      return refuse(exists ? { kind: 'ended' as const } : notFound);
    },
  );
}

/** Families for the coordinator's match page: a name to recognise them by and what matching uses. */
export async function familiesToMatch(deps: FamilyDeps, ctx: RequestContext) {
  return auditedRead(deps.db, ctx, { action: 'family.list' }, async (trx) => {
    const rows = await trx.selectFrom('families').selectAll().orderBy('created_at').execute();
    const matches = await trx
      .selectFrom('peer_matches as m')
      .innerJoin('volunteers as v', 'v.id', 'm.volunteer_id')
      .select([
        'm.id',
        'm.family_id',
        'v.name',
        isoDay('m.started_on').as('started_on'),
        isoDayOrNull('m.consent_on').as('consent_on'),
        'm.reasons',
      ])
      .where('m.ended_on', 'is', null)
      .execute();
    const lastCheckIns = await lastCheckInOf(
      trx,
      matches.map((m) => m.id),
    );
    const today = todayOf(deps);
    return answer({
      items: rows.map((f) => ({
        id: f.id,
        name: open(deps.keyring, familyDetails, f.details_enc).name,
        region: f.region,
        languages: f.languages,
        experience: f.experience,
        preferences: f.preferences,
        matches: matches
          .filter((m) => m.family_id === f.id)
          .map((m) => {
            const last = lastCheckIns.get(m.id) ?? null;
            const next = nextCheckIn({ startedOn: m.started_on, endedOn: null, checkIns: last ? [last] : [] }, today);
            return {
              id: m.id,
              volunteer: m.name,
              startedOn: m.started_on,
              consentOn: m.consent_on,
              reasons: m.reasons,
              lastCheckInOn: last,
              nextCheckIn: next,
            };
          }),
      })),
    });
  });
}

async function lastCheckInOf(trx: Trx, matchIds: string[]) {
  if (matchIds.length === 0) return new Map<string, string>();
  const rows = await trx
    .selectFrom('peer_checkins')
    .select(['match_id', sql<string>`to_char(max(checked_on), 'YYYY-MM-DD')`.as('last')])
    .where('match_id', 'in', matchIds)
    .groupBy('match_id')
    .execute();
  return new Map(rows.map((r) => [r.match_id, r.last]));
}

export const newFamilySchema = z.object({
  details: familyDetailsSchema,
  region: z.string().trim().min(1).max(40),
  languages: codes,
  experience: z.array(z.enum(LIVED_EXPERIENCES)).max(4),
  preferences: codes,
});

export async function addFamily(deps: FamilyDeps, ctx: RequestContext, input: z.infer<typeof newFamilySchema>) {
  const id = randomUUID();
  return auditedChange(deps.db, ctx, { action: 'family.create', target: { type: 'family', id } }, async (trx) => {
    await trx
      .insertInto('families')
      .values({
        id,
        details_enc: seal(deps.keyring, familyDetails, input.details),
        region: input.region,
        languages: input.languages,
        experience: input.experience,
        preferences: input.preferences,
        created_by: staffId(ctx),
      })
      .execute();
    return answer({ id });
  });
}
