import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, sendError, staffOf, type AppDeps } from '../../http/index.ts';
import { authorize } from '../../security/index.ts';
import { presentAgency, presentProposal } from './agencies.present.ts';
import {
  agencyListQuery,
  agencyListResponse,
  importBody,
  importResponse,
  proposalResponse,
  proposeQuery,
} from './agencies.schema.ts';
import { importAgencies, listAgencies, proposeAgenciesFor } from './agencies.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function agenciesRoutes(deps: AppDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['agencies'];
    const base = '/api/v1/agencies';

    app.get(
      base,
      {
        schema: {
          tags,
          summary: 'Partner agencies and the areas they cover',
          querystring: agencyListQuery,
          response: { 200: agencyListResponse, ...errors },
        },
      },
      async (request) => {
        const { state, q, inactive, limit } = request.query;
        const items = await listAgencies({ db: deps.db }, request.actor, {
          state,
          q,
          includeInactive: inactive === 'true',
          limit,
        });
        return { items: items.map(presentAgency) };
      },
    );

    app.get(
      `${base}/propose`,
      {
        schema: {
          tags,
          summary: 'Agencies to refer a tip to, for its location, most specific first',
          description:
            'City, then tribal land, then county, then state; law enforcement before child welfare where equal. Each item says why.',
          querystring: proposeQuery,
          response: { 200: proposalResponse, ...errors },
        },
      },
      async (request) => {
        authorize(request.actor, 'agency.read');
        return { items: (await proposeAgenciesFor(deps.db, request.query)).map(presentProposal) };
      },
    );

    app.post(
      `${base}/import`,
      {
        schema: {
          tags,
          summary: 'Import agencies and their areas from a CSV, all or nothing (as `beacon agencies import`)',
          description: 'Any problem in any row imports nothing; the answer (422) names every problem by line and column.',
          body: importBody,
          response: { 200: importResponse, 422: errorBody, ...errors },
        },
      },
      async (request, reply) => {
        const outcome = await importAgencies({ db: deps.db }, staffOf(request), request.body.csv, {
          dryRun: request.body.dryRun,
        });
        if (outcome.kind === 'invalid') {
          const listed = outcome.problems.map((p) => ({ path: `line ${p.line}, ${p.column}`, message: p.message }));
          return sendError(
            reply,
            422,
            'invalid_csv',
            `The agency file has ${listed.length === 1 ? '1 problem' : `${listed.length} problems`}; nothing was imported.`,
            { errors: listed },
          );
        }
        const entry = (a: { code: string; name: string; areas: unknown[] }) => ({
          code: a.code,
          name: a.name,
          areas: a.areas.length,
        });
        return {
          applied: outcome.applied,
          rows: outcome.rows,
          created: outcome.plan.create.map(entry),
          updated: outcome.plan.update.map((u) => entry(u.after)),
          unchanged: outcome.plan.unchanged,
        };
      },
    );
  };
}
