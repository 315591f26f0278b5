import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, langOf, sendError, type AppDeps } from '../http/index.ts';
import { compactGroups, formToReport, formValues } from './intake.form.ts';
import { presentQueue, presentReport, queueResponse, reportResponse } from './intake.present.ts';
import { reportInputSchema } from './intake.schema.ts';
import { listReports, readReport, submitReport, type IntakeDeps } from './intake.service.ts';
import { exportReport, exportReports } from './intake.service.ts';
import { sinceDate, sinceSchema, toCsv, toCybertiplineXml, toJson } from './export/index.ts';
import { renderReportReceived, renderReportStep } from './public/report.page.ts';
import { decide, errorsOfStep, firstStepWithErrors } from './public/report.steps.ts';
import { learnIntroKey, renderLearn } from './public/learn.page.ts';

const PUBLIC_CSS = readFileSync(new URL('./public/public.css', import.meta.url), 'utf8');

const idempotencyKey = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/);
/** The body is validated by the intake service (shared with the form), so the route only documents it. */
const documentOnly = () => (data: unknown) => ({ value: data });

const example = {
  incident: {
    type: 'child_sex_trafficking',
    description: 'A girl who looks about 15 is brought to the motel on Route 9 by an older man most nights.',
  },
  location: { city: 'Tulsa', state: 'OK' },
  children: [{ approximateAge: 15, gender: 'female' }],
  reporter: { anonymous: true },
};

export function intakeApiRoutes(deps: AppDeps) {
  const intake: IntakeDeps = { db: deps.db, keyring: deps.keyring };
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];

    app.post(
      '/api/v1/reports',
      {
        config: { public: true, rateLimit: { max: deps.config.rateLimits.reportPerMinute, timeWindow: '1 minute' } },
        validatorCompiler: documentOnly,
        schema: {
          tags,
          summary: 'Submit a tip',
          security: [],
          description:
            'Answers 201 only after the tip is committed. Send an `Idempotency-Key` header so a retry returns the same reference instead of a second tip. A key is bound to the tip it came with: the same key with a different tip (someone else may have picked the same key) makes a new tip.',
          headers: z.object({ 'idempotency-key': idempotencyKey.optional() }),
          body: reportInputSchema.meta({ examples: [example] }),
          response: { 201: z.object({ reference: z.string() }), 400: errorBody, 413: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        const key = request.headers['idempotency-key'];
        if (key !== undefined && !idempotencyKey.safeParse(key).success) {
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'Idempotency-Key', message: 'must be 8 to 200 visible ASCII characters' }],
          });
        }
        const outcome = await submitReport(intake, {
          body: request.body,
          channel: 'api',
          idempotencyKey: typeof key === 'string' ? key : undefined,
          requestId: request.id,
          lang: langOf(request),
          actor: request.actor,
        });
        switch (outcome.kind) {
          case 'invalid':
            return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: outcome.errors });
          case 'idempotency_mismatch':
            throw new Error('public API idempotency key collision'); // the key holds the tip's hash
          case 'created':
          case 'replayed':
            if (outcome.kind === 'replayed') reply.header('Idempotent-Replayed', 'true');
            return reply
              .code(201)
              .header('Location', `/api/v1/reports/${outcome.reference}`)
              .send({ reference: outcome.reference });
        }
      },
    );

    app.get(
      '/api/v1/reports',
      {
        schema: {
          tags,
          summary: 'The queue of tips, newest first',
          querystring: z.object({
            status: z.enum(['new']).default('new'),
            limit: z.coerce.number().int().min(1).max(100).default(50),
            before: z.string().max(200).optional(),
          }),
          response: { 200: queueResponse, 401: errorBody, 403: errorBody },
        },
      },
      async (request) => presentQueue(await listReports(intake, request.actor, { ...request.query, requestId: request.id })),
    );

    app.get(
      '/api/v1/reports/:reference',
      {
        schema: {
          tags,
          summary: 'Read one tip (the read is audited)',
          params: z.object({ reference: z.string().regex(/^BCN-\d{4}-\d{6,}$/) }),
          response: { 200: reportResponse, 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request, reply) => {
        const outcome = await readReport(intake, request.actor, request.params.reference, request.id);
        if (outcome.kind === 'not_found')
          return sendError(reply, 404, 'not_found', 'There is no tip with that reference that you may see.');
        return presentReport(outcome.view, request.actor);
      },
    );

    // Exports answer with a file, not JSON: strings pass through, error bodies are still JSON.
    const fileSerializer = () => (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data));
    const jsonExport = z.object({
      format: z.literal('beacon.reports'),
      version: z.literal(1),
      reports: z.array(
        z.object({
          reference: z.string(),
          receivedAt: z.string(),
          channel: z.string(),
          status: z.string(),
          report: reportInputSchema,
          files: z.array(z.unknown()),
        }),
      ),
    });

    app.get(
      '/api/v1/reports/export.csv',
      {
        serializerCompiler: fileSerializer,
        schema: {
          tags,
          summary: 'All tips in scope as CSV, one row a tip (supervisors; audited)',
          description:
            'Needs `report.export_bulk` (supervisors). Cells that a spreadsheet would run as a formula start with an apostrophe. Each tip exported is audited, plus one entry with the count.',
          querystring: z.object({
            since: sinceSchema
              .optional()
              .meta({ description: 'only tips received from this date (midnight UTC) or date-time on' }),
          }),
          response: {
            200: { description: 'UTF-8 CSV with a byte-order mark', content: { 'text/csv': { schema: z.string() } } },
            400: errorBody,
            401: errorBody,
            403: errorBody,
          },
        },
      },
      async (request, reply) => {
        const since = request.query.since === undefined ? undefined : sinceDate(request.query.since);
        const reports = await exportReports(intake, request.actor, { format: 'csv', since, requestId: request.id });
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="beacon-reports-${day}.csv"`)
          .send(toCsv(reports));
      },
    );

    app.get(
      '/api/v1/reports/:reference/export',
      {
        serializerCompiler: fileSerializer,
        schema: {
          tags,
          summary: 'Download one tip for the national tipline (XML) or as JSON (audited)',
          description:
            "`cybertipline-xml` uses the element structure of the CyberTipline reporting API (see docs/export.md); `json` is Beacon's own model. Needs `report.export`.",
          params: z.object({ reference: z.string().regex(/^BCN-\d{4}-\d{6,}$/) }),
          querystring: z.object({ format: z.enum(['cybertipline-xml', 'json']).default('cybertipline-xml') }),
          response: {
            200: {
              description: 'The tip as a file (Content-Disposition: attachment)',
              content: { 'application/xml': { schema: z.string() }, 'application/json': { schema: jsonExport } },
            },
            400: errorBody,
            401: errorBody,
            403: errorBody,
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        const outcome = await exportReport(intake, request.actor, {
          reference: request.params.reference,
          format,
          requestId: request.id,
        });
        if (outcome.kind === 'not_found')
          return sendError(reply, 404, 'not_found', 'There is no tip with that reference that you may see.');
        const xml = format === 'cybertipline-xml';
        return reply
          .type(xml ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${outcome.report.reference}.${xml ? 'xml' : 'json'}"`)
          .send(xml ? toCybertiplineXml([outcome.report]) : toJson([outcome.report]));
      },
    );
  };
}

const newSubmissionToken = () => randomBytes(18).toString('base64url');

function sendPage(reply: FastifyReply, status: number, page: string) {
  return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page);
}

/**
 * Public page text that survivor experts review (decision 93): the reviewed text published under a
 * key such as `learn-intro.en`, or null to keep the text shipped with Beacon. Wired in src/modules.ts.
 */
export type PublicTextPort = (q: AppDeps['db'], key: string) => Promise<string | null>;

export function intakePublicRoutes(deps: AppDeps & { publicText?: PublicTextPort }) {
  const intake: IntakeDeps = { db: deps.db, keyring: deps.keyring };
  const { deployment } = deps.config;
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const hide = { hide: true };

    app.get('/report', { config: { public: true }, schema: hide }, async (request, reply) =>
      sendPage(
        reply,
        200,
        renderReportStep({
          lang: langOf(request),
          deployment,
          step: 'what',
          values: {},
          errors: [],
          submissionToken: newSubmissionToken(),
        }),
      ),
    );

    app.post(
      '/report',
      {
        config: { public: true, rateLimit: { max: deps.config.rateLimits.reportPerMinute, timeWindow: '1 minute' } },
        schema: hide,
      },
      async (request, reply) => {
        const lang = langOf(request);
        // The answers so far travel in the page itself (the public has no session); they are all
        // validated again at the final send, so hidden inputs are trusted no more than visible ones.
        const values = compactGroups(formValues(request.body));
        const token =
          values.submissionToken && /^[\w-]{16,64}$/.test(values.submissionToken) ? values.submissionToken : newSubmissionToken();
        const move = decide(values, lang);
        if (move.kind === 'show') {
          return sendPage(
            reply,
            move.errors.length > 0 ? 400 : 200,
            renderReportStep({ lang, deployment, values, submissionToken: token, ...move }),
          );
        }
        const body = formToReport(values);
        // Same form token and same content: a double click or a retry. Changed content is a new tip.
        const key = `${token}:${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}`;
        const outcome = await submitReport(intake, {
          body,
          channel: 'web_form',
          idempotencyKey: key,
          requestId: request.id,
          lang,
          actor: request.actor,
        });
        if (outcome.kind === 'invalid') {
          const step = firstStepWithErrors(outcome.errors);
          const errors = errorsOfStep(outcome.errors, step);
          return sendPage(
            reply,
            400,
            renderReportStep({ lang, deployment, step, values, errors, submissionToken: token, fromReview: true }),
          );
        }
        if (outcome.kind === 'idempotency_mismatch') throw new Error('form idempotency key collision');
        return sendPage(reply, 201, renderReportReceived({ lang, deployment, reference: outcome.reference }));
      },
    );

    app.get('/assets/public.css', { config: { public: true }, schema: hide }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(PUBLIC_CSS),
    );

    app.get('/learn', { config: { public: true }, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const intro = (await deps.publicText?.(deps.db, learnIntroKey(lang))) ?? undefined;
      return sendPage(reply, 200, renderLearn({ lang, deployment, ...(intro === undefined ? {} : { intro }) }));
    });
  };
}
