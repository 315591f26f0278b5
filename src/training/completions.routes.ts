import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../database.ts';
import { completionCounts } from './completions.ts';

const counts = z
  .object({
    completions: z.array(
      z.object({
        month: z.string().describe('UTC calendar month, YYYY-MM'),
        path: z.string().describe('education, health_care, child_welfare or law_enforcement'),
        lang: z.string(),
        completions: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TrainingCompletions' });

/** For supervisors: how many certificates in force, by month, path and language; ?format=csv for a spreadsheet. */
export const trainingStaffRoutes =
  (deps: { db: Db }) =>
  async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/training/completions',
      {
        schema: {
          summary: 'Training completions (certificates in force) by month, path and language; ?format=csv for a spreadsheet',
          querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
          response: {
            200: {
              description: 'The counts (JSON) or the same as CSV',
              content: { 'application/json': { schema: counts }, 'text/csv': { schema: z.string() } },
            },
          },
        },
      },
      async (request, reply) => {
        const completions = await completionCounts(deps.db, request.actor);
        if (request.query.format === 'csv') {
          const csv = stringify(
            completions.map((c) => [c.month, c.path, c.lang, c.completions]),
            { header: true, columns: ['month', 'path', 'lang', 'completions'] },
          );
          return reply
            .type('text/csv; charset=utf-8')
            .header('Content-Disposition', 'attachment; filename="training-completions.csv"')
            .send(csv);
        }
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ completions }));
      },
    );
  };
