import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError } from '../security/index.ts';
import { sendError } from './context.ts';
import { NotStaffError } from './routekit.ts';

/**
 * Every error answer, once: `{ error: { code, message, … } }` (see `ApiError`). Its id puts it in the
 * OpenAPI document's components, so each route refers to it instead of repeating it.
 */
export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }).loose() }).meta({ id: 'Error' });

/** One place that turns failures into answers; nothing internal or personal leaks to the caller. */
/** `notFoundPage`: the page people see at an address with nothing there (the public layout). */
export function registerErrorHandlers(app: FastifyInstance, notFoundPage?: (request: FastifyRequest) => string): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path:
          v.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
          String((v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') ?? ''),
        message: v.message ?? 'is not valid',
      }));
      return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors });
    }
    if (error instanceof NotStaffError) return sendError(reply, 401, 'unauthenticated', 'Sign in to continue.');
    if (error instanceof ForbiddenError) return sendError(reply, 403, 'forbidden', 'Your role does not allow this.');
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendError(reply, 413, 'too_large', 'The request is larger than 1 MB.');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(reply, 415, 'unsupported_media_type', 'Send JSON or a form.');
    if (error.statusCode === 429) return sendError(reply, 429, 'rate_limited', 'Too many requests; wait a minute and try again.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Unparseable bodies (broken JSON, a forbidden __proto__ key): say so, naming the body.
      return sendError(reply, error.statusCode, 'bad_request', 'The request could not be read.', {
        errors: [{ path: '(body)', message: 'could not be read: send well-formed JSON or a form' }],
      });
    }
    // The first stack line repeats the message, which may quote input; keep only the frames.
    request.log.error(
      { err: { type: error.name, code: error.code, frames: error.stack?.split('\n').slice(1, 8) } },
      'unhandled error',
    );
    return sendError(reply, 500, 'internal', `Something went wrong on our side. Reference: ${request.id}`);
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return sendError(reply, 404, 'not_found', 'There is nothing here.');
    if (notFoundPage) return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage(request));
    return reply
      .code(404)
      .type('text/html')
      .send(
        '<!doctype html><html lang="en"><head><title>Not found</title></head><body><main><h1>Page not found</h1><p><a href="/report">Make a report</a></p></main></body></html>',
      );
  });
}
