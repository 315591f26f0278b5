import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export async function systemRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness: answers once the database is migrated',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => fastify.swagger());
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as { lang?: string };
    return reply.redirect(query.lang === 'es' ? '/report?lang=es' : '/report');
  });
}
