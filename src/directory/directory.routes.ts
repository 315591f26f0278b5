import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../database.ts';
import { errorBody, sendError, staffOf } from '../http/index.ts';
import { presentProvider } from './directory.present.ts';
import {
  providerImportBody,
  providerImportResponse,
  providerListResponse,
  providerParams,
  providerResponse,
  providerSearchQuery,
  verifiedResponse,
} from './directory.schema.ts';
import { getProvider, importProviders, searchProviders, verifyProvider } from './directory.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };
const notFound = 'There is no provider with this id.';

export function directoryRoutes(deps: { db: Db }) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    // A spreadsheet's export may be sent as it is (text/csv), or as JSON { csv }; both reach the same check.
    fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, { csv: body }));
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['directory'];
    const base = '/api/v1/providers';

    app.get(
      base,
      {
        schema: {
          tags,
          summary: 'Providers serving a place, for a need, language, age and gender; nearest first',
          description:
            'A ZIP code finds providers serving it, its county or its state, ordered by distance; a state alone finds every provider serving anywhere in it. Entries not verified for a year are marked stale.',
          querystring: providerSearchQuery,
          response: { 200: providerListResponse, ...errors },
        },
      },
      async (request, reply) => {
        const out = await searchProviders(deps, staffOf(request), request.query);
        if (out.kind === 'unknown_zip')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'zip', message: 'is not a ZIP code Beacon knows; check the five digits' }],
          });
        if (out.kind === 'no_place')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'zip', message: 'give a zip (or a state)' }],
          });
        return { items: out.found.map(presentProvider) };
      },
    );

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'One provider',
          params: providerParams,
          response: { 200: providerResponse, 404: errorBody, ...errors },
        },
      },
      async (request, reply) => {
        const found = await getProvider(deps, staffOf(request), request.params.id);
        return found ? presentProvider(found) : sendError(reply, 404, 'not_found', notFound);
      },
    );

    app.post(
      `${base}/import`,
      {
        schema: {
          tags,
          summary: 'Import providers, their services and areas from a CSV, all or nothing (as `beacon directory import`)',
          description:
            'Send the file as text/csv, or as JSON { csv }. Every row is checked; any problem imports nothing and the answer (422) names each by row and field.',
          body: providerImportBody,
          response: { 200: providerImportResponse, 422: errorBody, ...errors },
        },
      },
      async (request, reply) => {
        const out = await importProviders(deps, staffOf(request), request.body.csv);
        if (out.kind === 'invalid') {
          const listed = out.problems.map((p) => ({
            path: `row ${p.row}, ${p.field}`,
            row: p.row,
            field: p.field,
            message: p.message,
          }));
          return sendError(
            reply,
            422,
            'invalid_csv',
            `The provider file has ${listed.length === 1 ? '1 problem' : `${listed.length} problems`}; nothing was imported.`,
            { errors: listed },
          );
        }
        return { rows: out.rows, created: out.created, updated: out.updated };
      },
    );

    app.post(
      `${base}/:id/verified`,
      {
        schema: {
          tags,
          summary: 'Record that the entry was checked with the provider today',
          params: providerParams,
          response: { 200: verifiedResponse, 404: errorBody, ...errors },
        },
      },
      async (request, reply) => {
        const out = await verifyProvider(deps, staffOf(request), request.params.id);
        if (out.kind === 'not_found') return sendError(reply, 404, 'not_found', notFound);
        return { id: request.params.id, verifiedAt: out.verifiedAt.toISOString(), stale: false as const };
      },
    );
  };
}
