import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AppDeps,
  bodyParsedByService,
  cursorKeys,
  encodeCursor,
  errorBody,
  requestContext,
  sendError,
  staffOf,
} from '../http/index.ts';
import type { StaffActor } from '../security/index.ts';
import { INDICATORS } from './cases.indicators.ts';
import {
  presentCase,
  presentCaseList,
  presentDashboard,
  presentEpisode,
  presentLink,
  presentNote,
  presentObservation,
  presentTask,
  presentTimeline,
} from './cases.present.ts';
import {
  caseChildParams,
  caseListQuery,
  caseListResponse,
  caseRef,
  caseResponse,
  closeDecisionBody,
  closeRequestBody,
  createCaseBody,
  dashboardResponse,
  episodeBody,
  episodeResponse,
  indicatorsResponse,
  linkBody,
  linkResponse,
  noteBody,
  noteResponse,
  observationBody,
  observationResponse,
  savedFilterBody,
  savedFilterResponse,
  suggestion,
  taskBody,
  taskResponse,
  teamBody,
  teamResponse,
  timelineResponse,
  updateCaseBody,
  updateEpisodeBody,
  updateTaskBody,
} from './cases.schema.ts';
import {
  createCase,
  decideClose,
  listCases,
  listTeams,
  readCase,
  requestClose,
  saveTeam,
  updateCase,
  type CasesDeps,
  type CaseView,
  type LanguageListPort,
  type PlanTasksPort,
} from './cases.service.ts';
import { caseTimeline, dashboard } from './cases.timeline.ts';
import { registerCaseOutputs } from './cases.outputs.ts';
import { registerCasePhotos } from './cases.photos.routes.ts';
import { fileStoreFor } from '../intake/index.ts';
import { deleteSavedFilter, listSavedFilters, saveFilter, staffDirectory, type SavedFilter } from './cases.filters.ts';
import {
  addEpisode,
  addLink,
  addNote,
  addObservation,
  addTask,
  listEpisodes,
  listLinks,
  listNotes,
  listObservations,
  listTasks,
  reviewEpisode,
  suggestLanguage,
  updateEpisode,
  updateTask,
} from './cases.work.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const staleCase = z.object({
  error: z.object({
    code: z.literal('stale_version'),
    message: z.string(),
    currentVersion: z.number(),
    changedFields: z.array(z.string()),
  }),
  current: caseResponse,
});

const notFound = (reply: FastifyReply) =>
  sendError(reply, 404, 'not_found', 'There is no case with that reference that you may see.');
const closed = (reply: FastifyReply) => sendError(reply, 409, 'case_closed', 'This case is closed and can no longer change.');
const invalid = (reply: FastifyReply, e: { path: string; message: string }[]) =>
  sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: e });
const stale = (reply: FastifyReply, view: CaseView, changedFields: string[], actor: StaffActor) =>
  reply.code(409).send({
    error: {
      code: 'stale_version',
      message: 'Someone else changed this case since you opened it. Review their changes, then apply yours again.',
      currentVersion: view.version,
      changedFields,
    },
    current: presentCase(view, actor),
  });

function decodeCursor(s: string | undefined) {
  if (!s) return undefined;
  const v = cursorKeys(s);
  if (
    v &&
    typeof v.updatedAt === 'string' &&
    !Number.isNaN(Date.parse(v.updatedAt)) &&
    typeof v.id === 'string' &&
    z.uuid().safeParse(v.id).success
  ) {
    return { updatedAt: v.updatedAt, id: v.id };
  }
  return null;
}

export function casesRoutes(deps: AppDeps & { planTasks?: PlanTasksPort; languageList?: LanguageListPort }) {
  const cases: CasesDeps = {
    db: deps.db,
    keyring: deps.keyring,
    ...(deps.planTasks ? { planTasks: deps.planTasks } : {}),
    ...(deps.languageList ? { languageList: deps.languageList } : {}),
  };
  const files = fileStoreFor(deps.config, deps.keyring);
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['cases'];
    const base = '/api/v1/cases';
    const withBody = { validatorCompiler: bodyParsedByService };

    app.get(
      `${base}/indicators`,
      { schema: { tags, summary: 'The signs that observations record', response: { 200: indicatorsResponse, 401: errorBody } } },
      async () => ({ items: INDICATORS.map((i) => ({ code: i.code, group: i.group, label: i.label.en })) }),
    );

    app.get(
      `${base}/teams`,
      {
        schema: {
          tags,
          summary: 'Case teams and their members',
          response: { 200: z.object({ items: z.array(teamResponse) }), ...errors },
        },
      },
      async (request) => ({ items: await listTeams(cases, request.actor) }),
    );

    app.post(
      `${base}/teams`,
      {
        ...withBody,
        schema: { tags, summary: 'Create a team (administrators)', body: teamBody, response: { 201: teamResponse, ...errors } },
      },
      async (request, reply) => {
        const out = await saveTeam(cases, requestContext(request), null, request.body);
        if (out.kind === 'invalid') return invalid(reply, out.errors);
        if (out.kind === 'name_taken') return sendError(reply, 409, 'name_taken', 'There is already a team with that name.');
        if (out.kind === 'not_found') return sendError(reply, 404, 'not_found', 'There is no such team.');
        return reply.code(201).send(out.team);
      },
    );

    app.put(
      `${base}/teams/:id`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Rename a team and replace its members (administrators)',
          params: z.object({ id: z.uuid() }),
          body: teamBody,
          response: { 200: teamResponse, ...errors },
        },
      },
      async (request, reply) => {
        const out = await saveTeam(cases, requestContext(request), request.params.id, request.body);
        if (out.kind === 'invalid') return invalid(reply, out.errors);
        if (out.kind === 'name_taken') return sendError(reply, 409, 'name_taken', 'There is already a team with that name.');
        if (out.kind === 'not_found') return sendError(reply, 404, 'not_found', 'There is no such team.');
        return out.team;
      },
    );

    app.get(
      `${base}/dashboard`,
      {
        schema: {
          tags,
          summary: 'Overdue and soon-due deadlines and tasks',
          description:
            '`view=mine` (default for case managers): cases assigned to me, tasks I own. `view=team` (default for supervisors): every case in my teams.',
          querystring: z.object({
            view: z.enum(['mine', 'team']).optional(),
            withinHours: z.coerce
              .number()
              .int()
              .min(1)
              .max(24 * 14)
              .default(24),
          }),
          response: { 200: dashboardResponse, ...errors },
        },
      },
      async (request) => presentDashboard(await dashboard(cases, requestContext(request), request.query)),
    );

    app.post(
      `${base}/language-suggestions`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Suggestions for a note being written (nothing is saved)',
          body: noteBody,
          response: { 200: z.object({ suggestions: z.array(suggestion) }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await suggestLanguage(cases, request.actor, request.body);
        if (out.kind === 'invalid') return invalid(reply, out.errors);
        return { suggestions: out.suggestions };
      },
    );

    app.get(
      base,
      {
        schema: {
          tags,
          summary: 'Cases I may see, most recently changed first; or searched (audited)',
          description:
            '`name`: fuzzy, on the name and aliases (misspellings found; ranked by trigram similarity, at least 0.3, one page). `identifier`: a phone number, email address or handle, exact once normalised. `state`, `status`, `mine` narrow further. Searches run over keyed tokens; names are never stored in clear.',
          querystring: caseListQuery,
          response: { 200: caseListResponse, ...errors },
        },
      },
      async (request, reply) => {
        const before = decodeCursor(request.query.before);
        if (before === null) return invalid(reply, [{ path: 'before', message: 'is not a cursor from a previous page' }]);
        const { status, state, name, identifier, limit } = request.query;
        const page = await listCases(cases, requestContext(request), {
          status,
          state,
          name,
          identifier,
          mine: request.query.mine === 'true',
          limit,
          before,
        });
        return presentCaseList(page.items, encodeCursor(page.next));
      },
    );

    app.get(
      '/api/v1/staff/directory',
      {
        schema: {
          tags,
          summary: 'Display names of the staff in my case teams (for task owners and assignees)',
          response: {
            200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })) }),
            ...errors,
          },
        },
      },
      async (request) => ({ items: await staffDirectory(cases, request.actor) }),
    );

    const presentSaved = (f: SavedFilter) => ({ id: f.id, name: f.name, filter: f.filter, createdAt: f.createdAt.toISOString() });
    app.get(
      `${base}/saved-filters`,
      {
        schema: {
          tags,
          summary: 'My saved case-list filters',
          response: { 200: z.object({ items: z.array(savedFilterResponse) }), ...errors },
        },
      },
      async (request) => ({ items: (await listSavedFilters(cases, requestContext(request))).map(presentSaved) }),
    );
    app.post(
      `${base}/saved-filters`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Save a case-list filter under a name (the same name replaces it)',
          body: savedFilterBody,
          response: { 201: savedFilterResponse, ...errors },
        },
      },
      async (request, reply) => {
        const out = await saveFilter(cases, requestContext(request), request.body);
        if (out.kind === 'invalid') return invalid(reply, out.errors);
        return reply.code(201).send(presentSaved(out.saved));
      },
    );
    app.delete(
      `${base}/saved-filters/:id`,
      {
        schema: {
          tags,
          summary: 'Delete one of my saved filters',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const out = await deleteSavedFilter(cases, requestContext(request), request.params.id);
        if (out.kind === 'not_found') return sendError(reply, 404, 'not_found', 'You have no saved filter with that id.');
        return reply.code(204).send(null);
      },
    );

    app.post(
      base,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Open a case for a child (audited)',
          body: createCaseBody,
          response: { 201: caseResponse, ...errors },
        },
      },
      async (request, reply) => {
        const out = await createCase(cases, requestContext(request), request.body);
        if (out.kind === 'invalid') return invalid(reply, out.errors);
        return reply
          .code(201)
          .header('Location', `${base}/${out.view.reference}`)
          .send(presentCase(out.view, staffOf(request)));
      },
    );

    app.get(
      `${base}/:reference`,
      {
        schema: { tags, summary: 'Read a case (audited)', params: caseRef, response: { 200: caseResponse, ...errors } },
      },
      async (request, reply) => {
        const out = await readCase(cases, requestContext(request), request.params.reference);
        if (out.kind === 'not_found') return notFound(reply);
        return presentCase(out.view, staffOf(request));
      },
    );

    app.patch(
      `${base}/:reference`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Change a case (audited)',
          description:
            'Send the `version` you read. Each section under `details` that is sent replaces the stored one. A stale version changes nothing and answers 409 with the current case and `changedFields` (what others changed since your version).',
          params: caseRef,
          body: updateCaseBody,
          response: {
            200: caseResponse,
            400: errorBody,
            401: errorBody,
            403: errorBody,
            404: errorBody,
            409: z.union([staleCase, errorBody]),
          },
        },
      },
      async (request, reply) => {
        const out = await updateCase(cases, requestContext(request), request.params.reference, request.body);
        switch (out.kind) {
          case 'invalid':
            return invalid(reply, out.errors);
          case 'not_found':
            return notFound(reply);
          case 'closed':
            return closed(reply);
          case 'stale':
            return stale(reply, out.view, out.changedFields, staffOf(request));
          case 'ok':
            return presentCase(out.view, staffOf(request));
        }
      },
    );

    const closeResponses = {
      200: caseResponse,
      400: errorBody,
      401: errorBody,
      403: errorBody,
      404: errorBody,
      409: z.union([staleCase, errorBody]),
    };
    const closeAnswer = (reply: FastifyReply, out: Awaited<ReturnType<typeof requestClose>>, actor: StaffActor) => {
      switch (out.kind) {
        case 'invalid':
          return invalid(reply, out.errors);
        case 'not_found':
          return notFound(reply);
        case 'stale':
          return stale(reply, out.view, out.changedFields, actor);
        case 'wrong_status':
          return sendError(
            reply,
            409,
            'wrong_status',
            out.status === 'closed'
              ? 'This case is closed.'
              : out.status === 'open'
                ? 'Nobody has asked to close this case.'
                : 'Closing this case was already requested.',
          );
        case 'same_user':
          return sendError(reply, 403, 'same_user', 'Someone other than the person who asked to close the case must approve it.');
        case 'ok':
          return reply.send(presentCase(out.view, actor));
      }
    };
    app.post(
      `${base}/:reference/close-request`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Ask a supervisor to close the case',
          params: caseRef,
          body: closeRequestBody,
          response: closeResponses,
        },
      },
      async (request, reply) =>
        closeAnswer(
          reply,
          await requestClose(cases, requestContext(request), request.params.reference, request.body),
          staffOf(request),
        ),
    );
    app.post(
      `${base}/:reference/close-approve`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Approve the closing (a supervisor other than the requester); the case becomes read-only',
          params: caseRef,
          body: closeDecisionBody,
          response: closeResponses,
        },
      },
      async (request, reply) =>
        closeAnswer(
          reply,
          await decideClose(cases, requestContext(request), request.params.reference, 'approve', request.body),
          staffOf(request),
        ),
    );
    app.post(
      `${base}/:reference/close-reject`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Send the closing back: the case is open again',
          params: caseRef,
          body: closeDecisionBody,
          response: closeResponses,
        },
      },
      async (request, reply) =>
        closeAnswer(
          reply,
          await decideClose(cases, requestContext(request), request.params.reference, 'reject', request.body),
          staffOf(request),
        ),
    );

    // ---- episodes
    type Failure =
      | { kind: 'invalid'; errors: { path: string; message: string }[] }
      | { kind: 'not_found' }
      | { kind: 'target_not_found' }
      | { kind: 'closed' }
      | { kind: 'already_linked' }
      | { kind: 'not_recovered' };
    // A stale outcome carries the current record in the same field as the ok one.
    const answer = <O extends { kind: string }>(
      reply: FastifyReply,
      out: O | Failure,
      ok: (o: Exclude<O, Failure>) => unknown,
      status = 200,
    ) => {
      const o = out as Failure | { kind: 'ok' | 'stale' };
      switch (o.kind) {
        case 'invalid':
          return invalid(reply, o.errors);
        case 'not_found':
          return notFound(reply);
        case 'target_not_found':
          return sendError(reply, 404, 'not_found', 'There is no tip or case with that reference that you may see.', {
            errors: [{ path: 'reference', message: 'is not a tip or case you may link' }],
          });
        case 'closed':
          return closed(reply);
        case 'already_linked':
          return sendError(reply, 409, 'already_linked', 'That is already linked to this case.');
        case 'not_recovered':
          return sendError(reply, 409, 'not_recovered', 'Record the recovery before the review.');
        case 'stale':
          return reply.code(409).send({
            error: { code: 'stale_version', message: 'This was changed by someone else since you opened it.' },
            current: ok(out as Exclude<O, Failure>),
          });
        case 'ok':
          return reply.code(status).send(ok(out as Exclude<O, Failure>));
      }
    };

    app.get(
      `${base}/:reference/episodes`,
      {
        schema: {
          tags,
          summary: 'Missing episodes, with their deadlines',
          params: caseRef,
          response: { 200: z.object({ items: z.array(episodeResponse) }), ...errors },
        },
      },
      async (request, reply) =>
        answer(reply, await listEpisodes(cases, requestContext(request), request.params.reference), (o) => ({
          items: o.items.map(presentEpisode),
        })),
    );
    app.post(
      `${base}/:reference/episodes`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record a missing episode',
          description:
            'Refused (400, naming the field): dates in the future, reports or recovery before knownMissingAt, an interview or screening before recovery, a date before birth, or another episode within an hour (a duplicate).',
          params: caseRef,
          body: episodeBody,
          response: { 201: episodeResponse, ...errors },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await addEpisode(cases, requestContext(request), request.params.reference, request.body),
          (o) => presentEpisode(o.episode),
          201,
        ),
    );
    app.put(
      `${base}/:reference/episodes/:id`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Replace an episode (send its version)',
          params: caseChildParams,
          body: updateEpisodeBody,
          response: { 200: episodeResponse, ...errors },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await updateEpisode(cases, requestContext(request), request.params.reference, request.params.id, request.body),
          (o) => presentEpisode(o.episode),
        ),
    );
    app.post(
      `${base}/:reference/episodes/:id/review`,
      {
        schema: {
          tags,
          summary: 'Supervisor review after a recovery',
          params: caseChildParams,
          response: { 200: episodeResponse, ...errors },
        },
      },
      async (request, reply) =>
        answer(reply, await reviewEpisode(cases, requestContext(request), request.params.reference, request.params.id), (o) =>
          presentEpisode(o.episode),
        ),
    );

    // ---- observations, tasks, links, notes, timeline
    app.get(
      `${base}/:reference/observations`,
      {
        schema: {
          tags,
          summary: 'Observations',
          params: caseRef,
          response: { 200: z.object({ items: z.array(observationResponse) }), ...errors },
        },
      },
      async (request, reply) =>
        answer(reply, await listObservations(cases, requestContext(request), request.params.reference), (o) => ({
          items: o.items.map(presentObservation),
        })),
    );
    app.post(
      `${base}/:reference/observations`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record an observation, optionally raising a task',
          params: caseRef,
          body: observationBody,
          response: { 201: z.object({ observation: observationResponse, task: taskResponse.nullable() }), ...errors },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await addObservation(cases, requestContext(request), request.params.reference, request.body),
          (o) => ({ observation: presentObservation(o.observation), task: o.task ? presentTask(o.task) : null }),
          201,
        ),
    );

    app.get(
      `${base}/:reference/tasks`,
      {
        schema: {
          tags,
          summary: 'Tasks',
          params: caseRef,
          response: { 200: z.object({ items: z.array(taskResponse) }), ...errors },
        },
      },
      async (request, reply) =>
        answer(reply, await listTasks(cases, requestContext(request), request.params.reference), (o) => ({
          items: o.items.map(presentTask),
        })),
    );
    app.post(
      `${base}/:reference/tasks`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Add a task (owner defaults to me)',
          params: caseRef,
          body: taskBody,
          response: { 201: taskResponse, ...errors },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await addTask(cases, requestContext(request), request.params.reference, request.body),
          (o) => presentTask(o.task),
          201,
        ),
    );
    app.patch(
      `${base}/:reference/tasks/:id`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Change a task (send its version)',
          params: caseChildParams,
          body: updateTaskBody,
          response: { 200: taskResponse, ...errors },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await updateTask(cases, requestContext(request), request.params.reference, request.params.id, request.body),
          (o) => presentTask(o.task),
        ),
    );

    app.get(
      `${base}/:reference/links`,
      {
        schema: {
          tags,
          summary: 'Linked tips, cases and leads',
          params: caseRef,
          response: { 200: z.object({ items: z.array(linkResponse) }), ...errors },
        },
      },
      async (request, reply) =>
        answer(reply, await listLinks(cases, requestContext(request), request.params.reference), (o) => ({
          items: o.items.map(presentLink),
        })),
    );
    app.post(
      `${base}/:reference/links`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Link a tip, another case or a lead, with the reason (audited)',
          params: caseRef,
          body: linkBody,
          response: { 201: linkResponse, ...errors },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await addLink(cases, requestContext(request), request.params.reference, request.body),
          (o) => presentLink(o.link),
          201,
        ),
    );

    app.get(
      `${base}/:reference/notes`,
      {
        schema: {
          tags,
          summary: 'Notes, each with language suggestions',
          params: caseRef,
          response: { 200: z.object({ items: z.array(noteResponse) }), ...errors },
        },
      },
      async (request, reply) =>
        answer(reply, await listNotes(cases, requestContext(request), request.params.reference), (o) => ({
          items: o.items.map(presentNote),
        })),
    );
    app.post(
      `${base}/:reference/notes`,
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Add a note (saved as written; suggestions come back beside it)',
          params: caseRef,
          body: noteBody,
          response: { 201: noteResponse, ...errors },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await addNote(cases, requestContext(request), request.params.reference, request.body),
          (o) => presentNote(o.note),
          201,
        ),
    );

    app.get(
      `${base}/:reference/timeline`,
      {
        schema: {
          tags,
          summary: 'Everything on the case, oldest first (audited)',
          params: caseRef,
          response: { 200: timelineResponse, ...errors },
        },
      },
      async (request, reply) =>
        answer(reply, await caseTimeline(cases, requestContext(request), request.params.reference), (o) =>
          presentTimeline(o.items),
        ),
    );

    // ---- photos (cases.photos.ts)
    await registerCasePhotos(fastify, { ...cases, files });

    // ---- poster and AFCARS export (cases.outputs.ts)
    registerCaseOutputs(fastify, { ...cases, deployment: deps.config.deployment, files });
  };
}
