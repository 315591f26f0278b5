import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext, sendError } from '../http/index.ts';
import { authorize } from '../security/index.ts';
import {
  advocacyFamilies,
  advocacyFamily,
  assignAdvocate,
  completeFollowUp,
  contactSchema,
  familyPlanSchema,
  linkCase,
  mediaSchema,
  recordContact,
  recordMediaRequest,
  saveFamilyPlan,
  familyAdvocates,
  unassignAdvocate,
  type AdvocacyDeps,
  type LinkOutcome,
} from './advocacy.service.ts';
import { created, errors, idParams, notFound, parsed, withBody } from './family.routekit.ts';

const tags = ['family'];
const base = '/api/v1/advocacy/families';

const familyView = z
  .object({
    id: z.string(),
    name: z.string(),
    region: z.string(),
    contactDetails: z.array(z.object({ label: z.string(), value: z.string(), sharedWithVolunteer: z.boolean() })),
    cases: z.array(z.object({ reference: z.string(), status: z.string(), childFirstName: z.string() })),
    plan: familyPlanSchema,
    contacts: z.array(
      z.object({
        id: z.string(),
        contactedOn: z.string(),
        summary: z.string(),
        followUpOn: z.string().nullable(),
        followUpDoneOn: z.string().nullable(),
        followUpDue: z.boolean(),
      }),
    ),
    mediaRequests: z.array(
      z.object({
        id: z.string(),
        caseReference: z.string().nullable(),
        requestedOn: z.string(),
        outlet: z.string(),
        asked: z.string(),
        answeredBy: z.string().nullable(),
        agreedWithFamily: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'AdvocacyFamily' });
const familyList = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string(), region: z.string(), nextFollowUpOn: z.string().nullable() })),
  })
  .meta({ id: 'AdvocacyFamilies' });
const person = z.object({ id: z.string(), name: z.string() });
const advocatesView = z.object({ assigned: z.array(person), assignable: z.array(person) }).meta({ id: 'FamilyAdvocates' });

function linkAnswer(reply: FastifyReply, out: LinkOutcome) {
  if (!('kind' in out)) return reply.code(201).send(out);
  if (out.kind === 'not_found') return notFound(reply);
  const [path, message] =
    out.kind === 'case_not_found'
      ? ['reference', 'There is no such case that you may see.']
      : ['userId', 'This account is not an active family advocate.'];
  return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: [{ path, message }] });
}

export function advocacyRoutes(deps: AdvocacyDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      base,
      {
        schema: { tags, summary: 'The families an advocate is assigned to (audited)', response: { 200: familyList, ...errors } },
      },
      async (request) => {
        authorize(request.actor, 'family.advocate');
        return advocacyFamilies(deps, requestContext(request));
      },
    );

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'A family: its support plan, contacts and follow-ups, media requests, and what its cases share (audited)',
          params: idParams,
          response: { 200: familyView, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.advocate');
        const out = await advocacyFamily(deps, requestContext(request), request.params.id);
        return 'kind' in out ? notFound(reply) : out;
      },
    );

    app.put(
      `${base}/:id/plan`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Save the family support plan (needs, resources offered)',
          params: idParams,
          response: { 200: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.advocate');
        const input = parsed(reply, familyPlanSchema, request.body);
        if (!input) return reply;
        const out = await saveFamilyPlan(deps, requestContext(request), request.params.id, input);
        if (!('kind' in out)) return out;
        if (out.kind === 'unknown_provider')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: `resources.${out.index}.providerId`, message: 'is not in the resource directory.' }],
          });
        return notFound(reply);
      },
    );

    app.post(
      `${base}/:id/contacts`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record a contact with the family, with a follow-up date if one is needed',
          params: idParams,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.advocate');
        const input = parsed(reply, contactSchema, request.body);
        if (!input) return reply;
        const out = await recordContact(deps, requestContext(request), request.params.id, input);
        return 'kind' in out ? notFound(reply) : reply.code(201).send(out);
      },
    );

    app.post(
      `${base}/:id/media-requests`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record a media request about a linked case',
          params: idParams,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.advocate');
        const input = parsed(reply, mediaSchema, request.body);
        if (!input) return reply;
        const out = await recordMediaRequest(deps, requestContext(request), request.params.id, input);
        return 'kind' in out ? notFound(reply) : reply.code(201).send(out);
      },
    );

    app.post(
      `${base}/:id/contacts/:contactId/done`,
      {
        schema: {
          tags,
          summary: 'Mark a follow-up done',
          params: z.object({ id: z.uuid(), contactId: z.uuid() }),
          response: { 200: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.advocate');
        const out = await completeFollowUp(deps, requestContext(request), request.params.id, request.params.contactId);
        return 'kind' in out ? notFound(reply) : out;
      },
    );

    app.post(
      '/api/v1/families/:id/cases',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Link a case to a family (supervisors)',
          params: idParams,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.manage');
        const input = parsed(reply, z.object({ reference: z.string().trim().min(1).max(40) }), request.body);
        if (!input) return reply;
        return linkAnswer(reply, await linkCase(deps, requestContext(request), request.params.id, input.reference));
      },
    );

    app.post(
      '/api/v1/families/:id/advocates',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Assign a family advocate (supervisors)',
          params: idParams,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.manage');
        const input = parsed(reply, z.object({ userId: z.uuid() }), request.body);
        if (!input) return reply;
        return linkAnswer(reply, await assignAdvocate(deps, requestContext(request), request.params.id, input.userId));
      },
    );

    app.get(
      '/api/v1/families/:id/advocates',
      {
        schema: {
          tags,
          summary: 'The advocates assigned to a family, and those who could be (supervisors; audited)',
          params: idParams,
          response: { 200: advocatesView, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.manage');
        const out = await familyAdvocates(deps, requestContext(request), request.params.id);
        return 'kind' in out ? notFound(reply) : out;
      },
    );

    app.delete(
      '/api/v1/families/:id/advocates/:userId',
      {
        schema: {
          tags,
          summary: 'Take an advocate off a family (supervisors); they no longer reach it. Idempotent',
          params: z.object({ id: z.uuid(), userId: z.uuid() }),
          response: { 200: created, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'family.manage');
        const out = await unassignAdvocate(deps, requestContext(request), request.params.id, request.params.userId);
        return 'kind' in out ? notFound(reply) : out;
      },
    );
  };
}
