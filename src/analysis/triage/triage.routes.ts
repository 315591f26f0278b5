import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bodyParsedByService, cursorKeys, encodeCursor, errorBody, requestContext, sendError } from '../../http/index.ts';
import type { AnalysisDeps } from '../analyser.ts';
import { listQueue, QUEUE_VIEWS, type QueueCursor } from './queue.ts';
import { currentRuleSet, ruleSetHistory, saveRuleSet } from './rule-sets.ts';
import { PRIORITIES, RULE_CODES } from './rules.ts';
import { authorize } from '../../security/index.ts';
import { addTipNote, bulkClose, changeTip, mergeTips, readWorkbench, tipActionSchema, undoMerge } from './tip.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const reference = z.object({ reference: z.string().regex(/^BCN-\d{4}-\d{6,}$/) });
const reason = z.object({ code: z.enum(RULE_CODES), label: z.string(), because: z.string() });
const firedRule = reason.extend({ priority: z.enum(PRIORITIES), why: z.string() });
const span = z.object({ start: z.number(), end: z.number() });
const linkKind = z.enum(['phone', 'email', 'handle', 'url']);
/** A case the reader may not open: never its reference, only whom to ask. */
const caseYouCannotOpen = z.object({ matchesCaseYouCannotOpen: z.literal(true), ask: z.string() });

const queueResponse = z.object({
  items: z.array(
    z.object({
      reference: z.string(),
      receivedAt: z.iso.datetime(),
      channel: z.string(),
      incidentType: z.string(),
      state: z.string().nullable(),
      city: z.string().nullable(),
      childAges: z.array(z.number()),
      status: z.string(),
      priority: z.enum(PRIORITIES),
      reasons: z.array(reason),
      dueAt: z.iso.datetime(),
      overdue: z.boolean(),
      assigneeId: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const workbenchResponse = z.object({
  reference: z.string(),
  status: z.string(),
  priority: z.enum(PRIORITIES),
  fired: z.array(firedRule),
  rulesVersion: z.number(),
  receivedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  overdue: z.boolean(),
  assigneeId: z.string().nullable(),
  closeReason: z.string().nullable(),
  closeNote: z.string().nullable(),
  linkedCase: z.string().nullable(),
  version: z.number(),
  linkedCaseYouCannotOpen: caseYouCannotOpen.nullable(),
  identifiers: z.array(z.object({ kind: linkKind, value: z.string(), obfuscated: z.boolean() })),
  highlights: z.array(
    z.object({
      field: z.string(),
      text: z.string(),
      marks: z.array(z.object({ span, kind: z.string(), value: z.string(), obfuscated: z.boolean() })),
    }),
  ),
  linkedTips: z.array(
    z.object({
      reference: z.string(),
      receivedAt: z.iso.datetime(),
      status: z.string(),
      shared: z.array(z.object({ kind: linkKind, value: z.string() })),
    }),
  ),
  linkedCases: z.array(z.string()),
  casesYouCannotOpen: z.array(caseYouCannotOpen),
  linkedAdverts: z.array(
    z.object({
      id: z.number(),
      sourceId: z.string(),
      site: z.string().nullable(),
      city: z.string().nullable(),
      state: z.string().nullable(),
      postedAt: z.iso.datetime().nullable(),
      shared: z.array(z.object({ kind: z.string(), value: z.string() })),
    }),
  ),
  duplicates: z.array(
    z.object({
      reference: z.string(),
      receivedAt: z.iso.datetime(),
      state: z.string().nullable(),
      city: z.string().nullable(),
      status: z.string(),
      nameSimilarity: z.number(),
    }),
  ),
  mergedInto: z.string().nullable(),
  mergedHere: z.array(z.string()),
  notes: z.array(z.object({ id: z.string(), authorId: z.string(), createdAt: z.iso.datetime(), text: z.string() })),
});

const ruleSetResponse = z.object({
  version: z.number(),
  note: z.string(),
  sla: z.object({ immediate: z.number(), high: z.number(), elevated: z.number(), routine: z.number() }),
  rules: z.array(
    z.object({
      code: z.enum(RULE_CODES),
      enabled: z.boolean(),
      priority: z.enum(PRIORITIES),
      threshold: z.number().optional(),
      label: z.string(),
      why: z.string(),
    }),
  ),
});

function decodeCursor(text: string | undefined): QueueCursor | undefined | null {
  if (!text) return undefined;
  const v = cursorKeys(text);
  if (
    v &&
    typeof v.priority === 'number' &&
    typeof v.receivedAt === 'string' &&
    !Number.isNaN(Date.parse(v.receivedAt)) &&
    typeof v.id === 'string' &&
    z.uuid().safeParse(v.id).success
  ) {
    return { priority: v.priority, receivedAt: v.receivedAt, id: v.id };
  }
  return null;
}

const iso = (d: Date) => d.toISOString();
const notFound = (reply: FastifyReply) =>
  sendError(reply, 404, 'not_found', 'There is no tip with that reference that you may see.');

export function triageRoutes(deps: AnalysisDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['triage'];
    const withBody = { validatorCompiler: bodyParsedByService };

    app.get(
      '/api/v1/triage/queue',
      {
        schema: {
          tags,
          summary: 'Tips by urgency, with the rules that fired and why',
          description:
            'Open tips (new and in review) most urgent first, then the longest waiting. Urgency ranks reports for attention; it never rates a child.',
          querystring: z.object({
            view: z.enum(QUEUE_VIEWS).default('open'),
            limit: z.coerce.number().int().min(1).max(100).default(50),
            cursor: z.string().max(300).optional(),
          }),
          response: { 200: queueResponse, ...errors },
        },
      },
      async (request, reply) => {
        const cursor = decodeCursor(request.query.cursor);
        if (cursor === null)
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'cursor', message: 'is not a cursor this server gave' }],
          });
        const page = await listQueue(deps.db, requestContext(request), {
          view: request.query.view,
          limit: request.query.limit,
          cursor,
        });
        const now = Date.now();
        return {
          items: page.items.map((i) => ({
            ...i,
            receivedAt: iso(i.receivedAt),
            dueAt: iso(i.dueAt),
            overdue: OPEN.has(i.status) && i.dueAt.getTime() < now,
          })),
          nextCursor: encodeCursor(page.next),
        };
      },
    );

    app.get(
      '/api/v1/triage/tips/:reference',
      {
        schema: {
          tags,
          summary: 'One tip for triage: identifiers, links, likely duplicates, notes (audited)',
          params: reference,
          response: { 200: workbenchResponse, ...errors },
        },
      },
      async (request, reply) => {
        const view = await readWorkbench(deps, requestContext(request), request.params.reference);
        if (!view) return notFound(reply);
        return {
          ...view,
          receivedAt: iso(view.receivedAt),
          dueAt: iso(view.dueAt),
          overdue: OPEN.has(view.status) && view.dueAt.getTime() < Date.now(),
          linkedTips: view.linkedTips.map((t) => ({ ...t, receivedAt: iso(t.receivedAt) })),
          linkedAdverts: view.linkedAdverts.map((a) => ({ ...a, postedAt: a.postedAt ? iso(a.postedAt) : null })),
          duplicates: view.duplicates.map((d) => ({ ...d, receivedAt: iso(d.receivedAt) })),
          notes: view.notes.map((n) => ({ ...n, createdAt: iso(n.createdAt) })),
        };
      },
    );

    app.post(
      '/api/v1/triage/tips/:reference/actions',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Change a tip: review, assign, link to a case, close (supervisors review closures), reopen',
          params: reference,
          body: tipActionSchema,
          response: { 200: z.object({ status: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await changeTip(deps, requestContext(request), request.params.reference, request.body);
        if (out.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        if (out.kind === 'not_found') return notFound(reply);
        if (out.kind === 'case_not_found')
          return sendError(reply, 404, 'not_found', 'There is no case with that reference that you may see.', {
            errors: [{ path: 'caseReference', message: 'is not a case you may link to' }],
          });
        if (out.kind === 'unprocessable')
          return sendError(reply, 422, 'unprocessable', 'This tip cannot be handed to that account.', { errors: out.errors });
        if (out.kind === 'not_allowed') return sendError(reply, 409, 'not_allowed', out.message);
        return { status: out.status };
      },
    );

    app.post(
      '/api/v1/triage/tips/:reference/notes',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Add a note to a tip (encrypted)',
          params: reference,
          body: z.object({ text: z.string() }),
          response: { 201: z.object({ id: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await addTipNote(deps, requestContext(request), request.params.reference, request.body);
        if (out.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        if (out.kind === 'not_found') return notFound(reply);
        return reply.code(201).send({ id: out.id });
      },
    );

    app.post(
      '/api/v1/triage/tips/:reference/merge',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Merge a duplicate into this tip (both are kept; undo restores the duplicate)',
          params: reference,
          body: z.object({ duplicate: z.string() }),
          response: { 200: z.object({ merged: z.literal(true) }), ...errors },
        },
      },
      async (request, reply) => {
        const body = z.object({ duplicate: reference.shape.reference }).safeParse(request.body);
        if (!body.success)
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'duplicate', message: 'must be a tip reference such as BCN-2026-000123' }],
          });
        const out = await mergeTips(deps, requestContext(request), request.params.reference, body.data.duplicate);
        if (out.kind === 'not_found') return notFound(reply);
        if (out.kind === 'not_allowed') return sendError(reply, 409, 'not_allowed', out.message);
        return { merged: true as const };
      },
    );

    app.delete(
      '/api/v1/triage/tips/:reference/merge',
      {
        schema: {
          tags,
          summary: 'Undo the merge of this tip into another',
          params: reference,
          response: { 200: z.object({ merged: z.literal(false) }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await undoMerge(deps, requestContext(request), request.params.reference);
        if (out.kind === 'not_found') return notFound(reply);
        if (out.kind === 'not_allowed') return sendError(reply, 409, 'not_allowed', out.message);
        return { merged: false as const };
      },
    );

    app.post(
      '/api/v1/triage/bulk-close',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Close obvious duplicates or spam in one go (analysts request, supervisors close)',
          body: z.object({ references: z.array(z.string()), reason: z.enum(['duplicate', 'spam']) }),
          response: {
            200: z.object({
              results: z.array(
                z.object({
                  reference: z.string(),
                  outcome: z.string(),
                  status: z.string().nullable(),
                  message: z.string().nullable(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const out = await bulkClose(deps, requestContext(request), request.body);
        if (out.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        return { results: out.results };
      },
    );

    app.get(
      '/api/v1/triage/rules',
      {
        schema: {
          tags,
          summary: 'The urgency rules in force, and earlier versions',
          response: {
            200: z.object({
              current: ruleSetResponse,
              history: z.array(z.object({ version: z.number(), createdAt: z.iso.datetime(), note: z.string() })),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        authorize(request.actor, 'tip.triage');
        const [current, history] = await Promise.all([currentRuleSet(deps.db), ruleSetHistory(deps.db)]);
        return { current, history: history.map((h) => ({ ...h, createdAt: iso(h.createdAt) })) };
      },
    );

    app.put(
      '/api/v1/triage/rules',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Save a new version of the urgency rules (supervisors; audited)',
          body: ruleSetResponse.omit({ version: true }),
          response: { 200: ruleSetResponse, ...errors },
        },
      },
      async (request, reply) => {
        const { actor } = request;
        authorize(actor, 'triage.rules');
        const out = await saveRuleSet(deps.db, { actor, requestId: request.id }, request.body);
        if (out.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        return out.ruleSet;
      },
    );
  };
}

const OPEN = new Set(['new', 'in_review']);
