import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppDeps, errorBody, langOf, requestContext, sendError } from '../../http/index.ts';
import { presentDraft, presentDraftList } from './hotline.present.ts';
import {
  draftId,
  draftListResponse,
  draftResponse,
  saveDraftBody,
  savedResponse,
  startDraftBody,
  submittedResponse,
} from './hotline.schema.ts';
import { discardDraft, listDrafts, readDraft, saveDraft, startDraft, submitDraft, type HotlineDeps } from './hotline.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

const notFound = (reply: FastifyReply) =>
  sendError(reply, 404, 'not_found', 'There is no open call with that id that you may see.');
const closed = (reply: FastifyReply, status: string) =>
  sendError(
    reply,
    409,
    'draft_closed',
    status === 'submitted' ? 'This call was already submitted as a report.' : 'This call was discarded.',
  );

/** The hotline operator's screen: a call is written up as a draft, autosaved, then submitted as a report. */
export function hotlineRoutes(deps: AppDeps) {
  const hotline: HotlineDeps = { db: deps.db, keyring: deps.keyring };
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['hotline'];

    app.post(
      '/api/v1/hotline/drafts',
      {
        schema: {
          tags,
          summary: 'Start a call: an empty draft report',
          body: startDraftBody,
          response: { 201: draftResponse, ...errors },
        },
      },
      async (request, reply) => {
        const { draft } = await startDraft(hotline, requestContext(request), { call: request.body?.call });
        return reply.code(201).send(presentDraft(draft));
      },
    );

    app.get(
      '/api/v1/hotline/drafts',
      {
        schema: { tags, summary: 'My calls not yet submitted or discarded', response: { 200: draftListResponse, ...errors } },
      },
      async (request) => {
        return presentDraftList(await listDrafts(hotline, requestContext(request)));
      },
    );

    app.get(
      '/api/v1/hotline/drafts/:id',
      {
        schema: {
          tags,
          summary: 'One of my drafts (the read is audited)',
          params: draftId,
          response: { 200: draftResponse, ...errors },
        },
      },
      async (request, reply) => {
        const outcome = await readDraft(hotline, requestContext(request), request.params.id);
        if (outcome.kind === 'not_found') return notFound(reply);
        return reply.send(presentDraft(outcome.draft));
      },
    );

    app.put(
      '/api/v1/hotline/drafts/:id',
      {
        schema: {
          tags,
          summary: 'Autosave a draft',
          description:
            'Send the `version` last received. A stale version answers 409 with `currentVersion`; the same content resent after a lost answer is accepted. Formats and required fields are checked only on submit.',
          params: draftId,
          body: saveDraftBody,
          response: { 200: savedResponse, ...errors },
        },
      },
      async (request, reply) => {
        const outcome = await saveDraft(hotline, requestContext(request), request.params.id, request.body);
        switch (outcome.kind) {
          case 'not_found':
            return notFound(reply);
          case 'closed':
            return closed(reply, outcome.status);
          case 'stale':
            return reply.code(409).send({
              error: {
                code: 'stale_version',
                message: 'This call was changed elsewhere (another window?). Reload it to continue.',
                currentVersion: outcome.currentVersion,
              },
            });
          case 'ok':
            return { version: outcome.version, updatedAt: outcome.updatedAt.toISOString() };
        }
      },
    );

    app.post(
      '/api/v1/hotline/drafts/:id/submit',
      {
        schema: {
          tags,
          summary: 'Submit a draft as a report (channel hotline)',
          description: 'Validates the whole report; 400 names each field to fix. Submitting again answers the same reference.',
          params: draftId,
          response: { 201: submittedResponse, ...errors },
        },
      },
      async (request, reply) => {
        const outcome = await submitDraft(hotline, requestContext(request), request.params.id, { lang: langOf(request) });
        switch (outcome.kind) {
          case 'not_found':
            return notFound(reply);
          case 'closed':
            return closed(reply, outcome.status);
          case 'invalid':
            return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: outcome.errors });
          case 'conflict':
            return sendError(
              reply,
              409,
              'submitted_before_changes',
              'A report was already made from an earlier state of this call; ask a supervisor to add the later details.',
            );
          case 'ok':
            if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
            return reply.code(201).send({ reference: outcome.reference });
        }
      },
    );

    app.post(
      '/api/v1/hotline/drafts/:id/discard',
      {
        schema: { tags, summary: 'Discard a draft (no report is made)', params: draftId, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        const outcome = await discardDraft(hotline, requestContext(request), request.params.id);
        if (outcome.kind === 'not_found') return notFound(reply);
        if (outcome.kind === 'closed') return closed(reply, outcome.status);
        return reply.code(204).send(null);
      },
    );
  };
}
