import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { answer, auditedChange, auditedRead, open, refuse, seal, type RequestContext, type Trx } from '../security/index.ts';
import { isoDay, isoDayOrNull } from './family.sql.ts';
import { callNote, familyDetails } from './family.sealed.ts';
import { monthlyCallCounts } from './rules/calls.ts';
import { monthlyFamilySupport } from './rules/counts.ts';
import type { FamilyDeps, NotFound } from './volunteers.service.ts';

export const callSchema = z.object({
  calledOn: z.iso.date(),
  minutes: z.number().int().min(1).max(600),
  topics: z.array(z.string().trim().min(1).max(60)).max(10),
  followUpNeeded: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});

/**
 * The matches a volunteer may act on, found in SQL from their own account: in force and with the
 * family's consent recorded. Nothing of any case is joined here, nor any other family.
 */
function myMatches(trx: Trx, userId: string) {
  return trx
    .selectFrom('peer_matches as m')
    .innerJoin('volunteers as v', 'v.id', 'm.volunteer_id')
    .innerJoin('families as f', 'f.id', 'm.family_id')
    .select(['m.id', isoDay('m.started_on').as('started_on'), 'f.details_enc'])
    .where('v.user_id', '=', userId)
    .where('m.ended_on', 'is', null)
    .where('m.consent_on', 'is not', null);
}

function actorId(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'staff') throw new Error('a signed-in account is required');
  return ctx.actor.id;
}

/** Only what the family agreed to share: their name, the contacts marked shared, the note for volunteers. */
export async function myFamilies(deps: FamilyDeps, ctx: RequestContext) {
  return auditedRead(deps.db, ctx, { action: 'volunteer.my_families' }, async (trx) => {
    const matches = await myMatches(trx, actorId(ctx)).orderBy('m.started_on').execute();
    const calls = matches.length
      ? await trx
          .selectFrom('peer_calls')
          .select(['id', 'match_id', isoDay('called_on').as('called_on'), 'minutes', 'topics', 'follow_up_needed', 'note_enc'])
          .where(
            'match_id',
            'in',
            matches.map((m) => m.id),
          )
          .orderBy('called_on', 'desc')
          .execute()
      : [];
    const items = matches.map((m) => {
      const details = open(deps.keyring, familyDetails, m.details_enc);
      return {
        matchId: m.id,
        familyName: details.name,
        startedOn: m.started_on,
        contacts: details.contacts.filter((c) => c.sharedWithVolunteer).map((c) => ({ label: c.label, value: c.value })),
        note: details.noteForVolunteer,
        calls: calls
          .filter((c) => c.match_id === m.id)
          .map((c) => ({
            id: c.id,
            calledOn: c.called_on,
            minutes: c.minutes,
            topics: c.topics,
            followUpNeeded: c.follow_up_needed,
            note: c.note_enc ? open(deps.keyring, callNote, c.note_enc) : null,
          })),
      };
    });
    return answer({ items }, { details: { families: items.length } });
  });
}

export async function logCall(
  deps: FamilyDeps,
  ctx: RequestContext,
  matchId: string,
  input: z.infer<typeof callSchema>,
): Promise<{ id: string } | NotFound> {
  const id = randomUUID();
  return auditedChange<{ id: string } | NotFound>(
    deps.db,
    ctx,
    { action: 'volunteer.call_logged', target: { type: 'peer_match', id: matchId } },
    async (trx) => {
      const match = await myMatches(trx, actorId(ctx)).where('m.id', '=', matchId).executeTakeFirst();
      if (!match) return refuse({ kind: 'not_found' } as NotFound);
      await trx
        .insertInto('peer_calls')
        .values({
          id,
          match_id: matchId,
          called_on: input.calledOn,
          minutes: input.minutes,
          topics: input.topics,
          follow_up_needed: input.followUpNeeded,
          note_enc: input.note ? seal(deps.keyring, callNote, input.note) : null,
          logged_by: actorId(ctx),
        })
        .execute();
      return answer({ id });
    },
  );
}

/** Peer-support calls by month, for the statistics module (counts only, nothing of who or what). */
export async function peerCallCounts(db: FamilyDeps['db'], from: string, to: string) {
  const rows = await db
    .selectFrom('peer_calls')
    .select([isoDay('called_on').as('called_on'), 'minutes'])
    .where('called_on', '>=', from)
    .where('called_on', '<=', to)
    .execute();
  return monthlyCallCounts(rows.map((r) => ({ calledOn: r.called_on, minutes: r.minutes })));
}

/**
 * For the statistics module: by month from `fromMonth` to the current one, families supported,
 * matches in force and peer-support calls (rules/counts.ts). Counts only, nothing of who or what.
 */
export async function familySupportCounts(db: FamilyDeps['db'], fromMonth: Date, now = new Date()) {
  const from = fromMonth.toISOString().slice(0, 10);
  const matches = await db
    .selectFrom('peer_matches')
    .select(['family_id', isoDay('started_on').as('started_on'), isoDayOrNull('ended_on').as('ended_on')])
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', from)]))
    .execute();
  const contacts = await db
    .selectFrom('family_contacts')
    .select(['family_id', isoDay('contacted_on').as('contacted_on')])
    .where('contacted_on', '>=', from)
    .execute();
  const calls = await db
    .selectFrom('peer_calls')
    .select(isoDay('called_on').as('called_on'))
    .where('called_on', '>=', from)
    .execute();
  return monthlyFamilySupport(
    {
      matches: matches.map((m) => ({ familyId: m.family_id, startedOn: m.started_on, endedOn: m.ended_on })),
      contacts: contacts.map((c) => ({ familyId: c.family_id, contactedOn: c.contacted_on })),
      calls: calls.map((c) => ({ calledOn: c.called_on })),
    },
    from.slice(0, 7),
    now.toISOString().slice(0, 7),
  );
}
