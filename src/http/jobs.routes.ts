import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { failedJobs, retryFailedJob } from '../core/jobs.ts';
import { authorize, recordAudit } from '../security/index.ts';
import { sendError, type AppDeps } from './context.ts';
import { errorBody } from './errors.ts';
import { staffOf } from './routekit.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

const failedJobView = z.object({
  id: z.uuid(),
  queue: z.string().describe('the job, e.g. "tip-analysis"'),
  attempts: z.number().int(),
  failedAt: z.iso.datetime(),
  error: z.string().describe('the type of the last error only: a message may quote personal data'),
});

const retryBody = z.object({ id: z.uuid({ error: 'must be the id of a failed job' }) });

/** The dead-letter view: background jobs that ran out of retries, and putting one back (admins only). */
export function jobsRoutes(deps: AppDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];

    app.get(
      '/api/v1/admin/jobs/failed',
      {
        schema: {
          tags,
          summary: 'Background jobs that failed after every retry, newest first',
          response: { 200: z.object({ items: z.array(failedJobView) }), ...errors },
        },
      },
      async (request) => {
        authorize(staffOf(request), 'jobs.manage');
        const items = await failedJobs(deps.db);
        return { items: items.map((j) => ({ ...j, failedAt: j.failedAt.toISOString() })) };
      },
    );

    app.post(
      '/api/v1/admin/jobs/failed/retry',
      {
        schema: {
          tags,
          summary: 'Run a failed job once more',
          body: retryBody,
          response: { 200: z.object({ ok: z.literal(true) }), ...errors, 409: errorBody },
        },
      },
      async (request, reply) => {
        const actor = staffOf(request);
        authorize(actor, 'jobs.manage');
        const retried = await deps.db.transaction().execute(async (trx) => {
          if (!(await retryFailedJob(trx, request.body.id))) return false;
          await recordAudit(trx, {
            actor,
            action: 'job.retried',
            target: { type: 'job', id: request.body.id },
            requestId: request.id,
          });
          return true;
        });
        if (!retried) return sendError(reply, 409, 'not_failed', 'No failed job has this id (it may have been retried already).');
        return { ok: true as const };
      },
    );
  };
}
