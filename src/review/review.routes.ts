import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, requestContext, sendError } from '../http/index.ts';
import { authorize, ForbiddenError, hasPermission, type Actor, type Permission } from '../security/index.ts';
import { MATERIAL_KINDS } from './review.kinds.ts';
import {
  addComment,
  answerComment,
  catalogue,
  consultationTotals,
  listRequests,
  logConsultation,
  myConsultations,
  publish,
  readRequest,
  recommend,
  requestReview,
  setRequired,
  type Conflict,
  type Invalid,
  type NotFound,
  type ReviewDeps,
} from './review.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['review'];
const requestParams = z.object({ id: z.uuid() });
const text = (max: number) => z.string().trim().min(1).max(max);

const material = z.object({
  kind: z.string(),
  key: z.string(),
  version: z.number(),
  title: z.string(),
  publishedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
const reviewRequest = z
  .object({
    id: z.string(),
    kind: z.string(),
    key: z.string(),
    title: z.string(),
    state: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    publishedAt: z.string().nullable(),
    baseVersion: z.number().nullable(),
    diff: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string(), line: z.number().optional() })),
    words: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })),
    comments: z.array(
      z.object({
        id: z.string(),
        author: z.string(),
        fromLine: z.number(),
        toLine: z.number(),
        quote: z.string(),
        body: z.string(),
        createdAt: z.string(),
        answer: z.string().nullable(),
        answeredBy: z.string().nullable(),
        answeredAt: z.string().nullable(),
      }),
    ),
    recommendations: z.array(
      z.object({
        expert: z.string(),
        recommendation: z.enum(['approve', 'change_needed']),
        note: z.string().nullable(),
        recordedAt: z.string(),
      }),
    ),
    blocks: z.array(z.string()),
    abilities: z.array(z.string()),
  })
  .meta({ id: 'ReviewRequest' });
const requestSummary = z.object({
  id: z.string(),
  kind: z.string(),
  key: z.string(),
  title: z.string(),
  state: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string(),
  unansweredComments: z.number(),
});
const consultation = z.object({ id: z.string(), workedOn: z.string(), minutes: z.number(), what: z.string() });

/** A route several roles use (experts and owners): any one of the permissions lets the caller in. */
function needAny(actor: Actor, ...permissions: Permission[]): void {
  if (!permissions.some((p) => hasPermission(actor, p))) throw new ForbiddenError(permissions[0]!);
}

function send(reply: FastifyReply, out: object | NotFound | Invalid | Conflict, code = 200) {
  if ('kind' in out) {
    const o = out as NotFound | Invalid | Conflict;
    if (o.kind === 'not_found') return sendError(reply, 404, 'not_found', 'There is no such review request.');
    if (o.kind === 'invalid') return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: o.errors });
    if (o.kind === 'conflict')
      return sendError(reply, 409, 'conflict', o.message, o.blocks ? { reason: o.blocks.join(' ') } : undefined);
  }
  return reply.code(code).send(out);
}

export function reviewRoutes(deps: ReviewDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/review/materials',
      {
        schema: {
          tags,
          summary: 'Kinds of reviewable material with their "review required" switch, and the versions in use',
          response: {
            200: z.object({
              kinds: z.array(z.object({ kind: z.string(), required: z.boolean() })),
              materials: z.array(material),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        needAny(request.actor, 'review.request', 'review.configure');
        return catalogue(deps, requestContext(request));
      },
    );

    app.put(
      '/api/v1/review/settings/:kind',
      {
        schema: {
          tags,
          summary: 'Switch "review required" for a kind of material',
          params: z.object({ kind: z.enum(MATERIAL_KINDS) }),
          body: z.object({ required: z.boolean() }),
          response: { 200: z.object({ kind: z.string(), required: z.boolean() }), ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'review.configure');
        return send(reply, await setRequired(deps, requestContext(request), request.params.kind, request.body.required));
      },
    );

    app.get(
      '/api/v1/review/requests',
      {
        schema: {
          tags,
          summary: 'Review requests, newest first (experts and owners)',
          response: { 200: z.object({ items: z.array(requestSummary) }), ...errors },
        },
      },
      async (request) => {
        needAny(request.actor, 'review.comment', 'review.request');
        return listRequests(deps, requestContext(request));
      },
    );

    app.post(
      '/api/v1/review/requests',
      {
        schema: {
          tags,
          summary: 'Propose a change to a material for survivor expert review',
          body: z.object({
            kind: z.enum(MATERIAL_KINDS),
            key: text(200).optional(),
            title: text(200).optional(),
            proposed: z.string().max(200_000).optional(),
            ref: text(200).optional(),
          }),
          response: { 201: z.object({ id: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'review.request');
        return send(reply, await requestReview(deps, requestContext(request), request.body), 201);
      },
    );

    app.get(
      '/api/v1/review/requests/:id',
      {
        schema: {
          tags,
          summary: 'A review request with the readable difference, comments and recommendations',
          params: requestParams,
          response: { 200: reviewRequest, ...errors },
        },
      },
      async (request, reply) => {
        needAny(request.actor, 'review.comment', 'review.request');
        return send(reply, await readRequest(deps, requestContext(request), request.params.id));
      },
    );

    app.post(
      '/api/v1/review/requests/:id/comments',
      {
        schema: {
          tags,
          summary: 'Comment on a passage of the proposed text (experts)',
          params: requestParams,
          body: z.object({ fromLine: z.number().int(), toLine: z.number().int(), body: text(4000) }),
          response: { 201: reviewRequest, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'review.comment');
        return send(reply, await addComment(deps, requestContext(request), request.params.id, request.body), 201);
      },
    );

    app.post(
      '/api/v1/review/requests/:id/recommendation',
      {
        schema: {
          tags,
          summary: 'Recommend approval or a change (experts)',
          params: requestParams,
          body: z.object({ recommendation: z.enum(['approve', 'change_needed']), note: z.string().trim().max(4000).optional() }),
          response: { 200: reviewRequest, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'review.comment');
        return send(reply, await recommend(deps, requestContext(request), request.params.id, request.body));
      },
    );

    app.post(
      '/api/v1/review/requests/:id/comments/:commentId/answer',
      {
        schema: {
          tags,
          summary: "Answer an expert's comment (the owner)",
          params: z.object({ id: z.uuid(), commentId: z.uuid() }),
          body: z.object({ answer: text(4000) }),
          response: { 200: reviewRequest, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'review.answer');
        return send(
          reply,
          await answerComment(deps, requestContext(request), request.params.id, request.params.commentId, request.body.answer),
        );
      },
    );

    app.post(
      '/api/v1/review/requests/:id/publish',
      {
        schema: {
          tags,
          summary: 'Publish a reviewed change (the owner)',
          params: requestParams,
          response: { 200: reviewRequest, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'review.request');
        return send(reply, await publish(deps, requestContext(request), request.params.id));
      },
    );

    app.get(
      '/api/v1/review/consultations',
      {
        schema: {
          tags,
          summary: "The signed-in expert's logged consultation time",
          response: { 200: z.object({ items: z.array(consultation) }), ...errors },
        },
      },
      async (request) => {
        authorize(request.actor, 'review.comment');
        return myConsultations(deps, requestContext(request));
      },
    );

    app.post(
      '/api/v1/review/consultations',
      {
        schema: {
          tags,
          summary: 'Log consultation time (experts)',
          body: z.object({ workedOn: z.iso.date(), minutes: z.number().int().min(1).max(1440), what: text(1000) }),
          response: { 201: consultation, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'review.comment');
        return reply.code(201).send(await logConsultation(deps, requestContext(request), request.body));
      },
    );

    app.get(
      '/api/v1/review/consultations/totals',
      {
        schema: {
          tags,
          summary: 'Consultation minutes per expert per month (supervisors)',
          response: {
            200: z.object({
              items: z.array(z.object({ month: z.string(), expert: z.string(), minutes: z.number(), entries: z.number() })),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        authorize(request.actor, 'review.time_read');
        return consultationTotals(deps, requestContext(request));
      },
    );
  };
}
