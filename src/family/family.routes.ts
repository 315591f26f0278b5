import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext, sendError } from '../http/index.ts';
import { created, errors, idParams, notFound, parsed, withBody } from './family.routekit.ts';

const tags = ['family'];
import { authorize } from '../security/index.ts';
import type { AdvocacyDeps } from './advocacy.service.ts';
import { callSchema, logCall, myFamilies } from './peer.service.ts';
import { VOLUNTEER_STAGES } from './rules/approval.ts';
import {
  addFamily,
  addVolunteer,
  checkInSchema,
  endMatchSchema,
  recordCheckIn,
  todayOf,
  confirmMatch,
  endMatch,
  familiesToMatch,
  familyShortlist,
  newFamilySchema,
  newVolunteerSchema,
  recordConsent,
  recordStage,
  roster,
  stageSchema,
} from './volunteers.service.ts';

function matchAnswer(reply: FastifyReply, out: { id: string } | { kind: 'not_found' | 'ended' }) {
  if (!('kind' in out)) return reply.send(out);
  if (out.kind === 'ended') return sendError(reply, 409, 'match_ended', 'This match has ended.');
  return notFound(reply);
}

const stage = z.object({ stage: z.enum(VOLUNTEER_STAGES), completedOn: z.string(), validUntil: z.string().nullable() });
const rosterView = z
  .object({
    today: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        hasAccount: z.boolean(),
        languages: z.array(z.string()),
        regions: z.array(z.string()),
        livedExperience: z.array(z.string()),
        preferences: z.array(z.string()),
        familyLimit: z.number(),
        activeMatches: z.number(),
        approval: z.object({
          approved: z.boolean(),
          missing: z.array(z.enum(VOLUNTEER_STAGES)),
          validUntil: z.string().nullable(),
        }),
        expiring: z.array(z.object({ stage: z.enum(VOLUNTEER_STAGES), validUntil: z.string(), remindOn: z.string() })),
        stages: z.array(stage),
      }),
    ),
  })
  .meta({ id: 'VolunteerRoster' });
const familiesView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        region: z.string(),
        languages: z.array(z.string()),
        experience: z.array(z.string()),
        preferences: z.array(z.string()),
        matches: z.array(
          z.object({
            id: z.string(),
            volunteer: z.string(),
            startedOn: z.string(),
            consentOn: z.string().nullable(),
            reasons: z.array(z.string()),
            lastCheckInOn: z.string().nullable(),
            nextCheckIn: z.object({ dueOn: z.string(), state: z.enum(['upcoming', 'due', 'overdue']) }).nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'FamiliesToMatch' });
const shortlistView = z
  .object({
    familyId: z.string(),
    proposals: z.array(z.object({ volunteerId: z.string(), name: z.string(), score: z.number(), reasons: z.array(z.string()) })),
  })
  .meta({ id: 'VolunteerShortlist' });
const myFamiliesView = z
  .object({
    items: z.array(
      z.object({
        matchId: z.string(),
        familyName: z.string(),
        startedOn: z.string(),
        contacts: z.array(z.object({ label: z.string(), value: z.string() })),
        note: z.string().nullable(),
        calls: z.array(
          z.object({
            id: z.string(),
            calledOn: z.string(),
            minutes: z.number(),
            topics: z.array(z.string()),
            followUpNeeded: z.boolean(),
            note: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'MyFamilies' });

export function familyRoutes(deps: AdvocacyDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/volunteers',
      {
        schema: {
          tags,
          summary: 'The volunteer roster, approval computed today (audited)',
          response: { 200: rosterView, ...errors },
        },
      },
      async (request) => {
        authorize(request.actor, 'volunteer.coordinate');
        return roster(deps, requestContext(request));
      },
    );

    app.post(
      '/api/v1/volunteers',
      { ...withBody, schema: { tags, summary: 'Add a volunteer to the roster', response: { 201: created, ...errors } } },
      async (request, reply) => {
        authorize(request.actor, 'volunteer.coordinate');
        const input = parsed(reply, newVolunteerSchema, request.body);
        if (!input) return reply;
        const out = await addVolunteer(deps, requestContext(request), input);
        if ('kind' in out)
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'accountEmail', message: 'No active volunteer account has this address.' }],
          });
        return reply.code(201).send(out);
      },
    );

    app.post(
      '/api/v1/volunteers/:id/stages',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record a completed stage or a renewal (a background check, a training…)',
          params: idParams,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'volunteer.coordinate');
        const input = parsed(reply, stageSchema, request.body);
        if (!input) return reply;
        const out = await recordStage(deps, requestContext(request), request.params.id, input);
        return 'kind' in out ? notFound(reply) : reply.code(201).send(out);
      },
    );

    app.get(
      '/api/v1/families',
      { schema: { tags, summary: 'Families to match with volunteers (audited)', response: { 200: familiesView, ...errors } } },
      async (request) => {
        authorize(request.actor, 'volunteer.coordinate');
        return familiesToMatch(deps, requestContext(request));
      },
    );

    app.post(
      '/api/v1/families',
      { ...withBody, schema: { tags, summary: 'Add a family', response: { 201: created, ...errors } } },
      async (request, reply) => {
        authorize(request.actor, 'family.manage');
        const input = parsed(reply, newFamilySchema, request.body);
        if (!input) return reply;
        return reply.code(201).send(await addFamily(deps, requestContext(request), input));
      },
    );

    app.get(
      '/api/v1/families/:id/shortlist',
      {
        schema: {
          tags,
          summary: 'Volunteers Beacon proposes for a family, each with its reasons; never an assignment',
          params: idParams,
          response: { 200: shortlistView, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'volunteer.coordinate');
        const out = await familyShortlist(deps, requestContext(request), request.params.id);
        return 'kind' in out ? notFound(reply) : out;
      },
    );

    app.post(
      '/api/v1/families/:id/matches',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Confirm one of the proposed volunteers for a family',
          params: idParams,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'volunteer.coordinate');
        const input = parsed(reply, z.object({ volunteerId: z.uuid() }), request.body);
        if (!input) return reply;
        const out = await confirmMatch(deps, requestContext(request), request.params.id, input.volunteerId);
        if ('kind' in out && out.kind === 'not_found') return notFound(reply);
        if ('kind' in out) return sendError(reply, 409, 'not_proposed', 'This volunteer is not on the family’s shortlist today.');
        return reply.code(201).send(out);
      },
    );

    app.post(
      '/api/v1/matches/:id/consent',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record the family’s consent to be contacted; only then does the volunteer see their shared contact',
          params: idParams,
          response: { 200: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'volunteer.coordinate');
        const input = parsed(reply, z.object({ consentOn: z.iso.date() }), request.body);
        if (!input) return reply;
        return matchAnswer(reply, await recordConsent(deps, requestContext(request), request.params.id, input.consentOn));
      },
    );

    app.post(
      '/api/v1/matches/:id/end',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'End a match (the day and why); the volunteer no longer reaches the family',
          params: idParams,
          response: { 200: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'volunteer.coordinate');
        const input = parsed(reply, endMatchSchema, request.body);
        if (!input) return reply;
        const out =
          input.endedOn > todayOf(deps)
            ? ({ kind: 'before_start' } as const)
            : await endMatch(deps, requestContext(request), request.params.id, input);
        if ('kind' in out && out.kind === 'before_start')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'endedOn', message: 'A match ends on a day from its start to today.' }],
          });
        return matchAnswer(reply, out);
      },
    );

    app.post(
      '/api/v1/matches/:id/check-ins',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record the monthly check-in on a match',
          params: idParams,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'volunteer.coordinate');
        const input = parsed(reply, checkInSchema, request.body);
        if (!input) return reply;
        const out = await recordCheckIn(deps, requestContext(request), request.params.id, input);
        if ('kind' in out) return matchAnswer(reply, out);
        return reply.code(201).send(out);
      },
    );

    app.get(
      '/api/v1/my/families',
      {
        schema: {
          tags,
          summary: 'A volunteer’s matched families: only what each agreed to share (audited)',
          response: { 200: myFamiliesView, ...errors },
        },
      },
      async (request) => {
        authorize(request.actor, 'peer.support');
        return myFamilies(deps, requestContext(request));
      },
    );

    app.post(
      '/api/v1/my/families/:id/calls',
      {
        ...withBody,
        schema: { tags, summary: 'Log a call with a matched family', params: idParams, response: { 201: created, ...errors } },
      },
      async (request, reply) => {
        authorize(request.actor, 'peer.support');
        const input = parsed(reply, callSchema, request.body);
        if (!input) return reply;
        const out = await logCall(deps, requestContext(request), request.params.id, input);
        return 'kind' in out ? notFound(reply) : reply.code(201).send(out);
      },
    );
  };
}
