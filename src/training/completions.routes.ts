import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../database.ts';
import { recordAudit } from '../security/index.ts';
import { completionCounts } from './completions.ts';

/** Organisation names are typed by learners: one a spreadsheet would read as a formula is quoted as text. */
const cell = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const counts = z
  .object({
    completions: z.array(
      z.object({
        month: z.string().describe('UTC calendar month, YYYY-MM'),
        path: z.string().describe('education, health_care, child_welfare or law_enforcement'),
        lang: z.string(),
        organisation: z.string().describe("The learner's organisation; empty when earned without an account"),
        role: z.string().describe('education, health_care, child_welfare, law_enforcement or other; empty without an account'),
        state: z.string().describe('Two-letter state; empty without an account'),
        completions: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TrainingCompletions' });

/** For supervisors: how many certificates in force, by month, path, language, organisation, role and state; ?format=csv for a spreadsheet. */
export const trainingStaffRoutes =
  (deps: { db: Db }) =>
  async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/training/completions',
      {
        schema: {
          summary:
            'Training completions (certificates in force) by month, path, language, organisation, role and state; ?format=csv for a spreadsheet',
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
          const columns = ['month', 'path', 'lang', 'organisation', 'role', 'state', 'completions'] as const;
          const csv = stringify(
            completions.map((c) => columns.map((k) => cell(c[k]))),
            { header: true, columns: [...columns] },
          );
          // A file leaves Beacon: who took it is recorded, as for every other export.
          await deps.db.transaction().execute((trx) =>
            recordAudit(trx, {
              actor: request.actor,
              action: 'training_completions.exported',
              target: { type: 'training_completions', id: 'all' },
              details: { rows: completions.length },
            }),
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
