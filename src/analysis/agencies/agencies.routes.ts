import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, type AppDeps } from '../../http/index.ts';
import { authorize } from '../../security/index.ts';
import { presentAgency, presentProposal } from './agencies.present.ts';
import { agencyListQuery, agencyListResponse, proposalResponse, proposeQuery } from './agencies.schema.ts';
import { listAgencies, proposeAgenciesFor } from './agencies.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function agenciesRoutes(deps: AppDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['agencies'];
    const base = '/api/v1/agencies';

    app.get(base, {
      schema: { tags, summary: 'Partner agencies and the areas they cover', querystring: agencyListQuery, response: { 200: agencyListResponse, ...errors } },
    }, async (request) => {
      const { state, q, inactive, limit } = request.query;
      const items = await listAgencies({ db: deps.db }, request.actor, { state, q, includeInactive: inactive === 'true', limit });
      return { items: items.map(presentAgency) };
    });

    app.get(`${base}/propose`, {
      schema: {
        tags, summary: 'Agencies to refer a tip to, for its location, most specific first',
        description: 'City, then tribal land, then county, then state; law enforcement before child welfare where equal. Each item says why.',
        querystring: proposeQuery, response: { 200: proposalResponse, ...errors },
      },
    }, async (request) => {
      authorize(request.actor, 'agency.read');
      return { items: (await proposeAgenciesFor(deps.db, request.query)).map(presentProposal) };
    });
  };
}
