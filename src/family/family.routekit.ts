import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { bodyParsedByService, errorBody, sendError } from '../http/index.ts';

export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
export const withBody = { validatorCompiler: bodyParsedByService };
export const idParams = z.object({ id: z.uuid() });
export const created = z.object({ id: z.string() });

export const notFound = (reply: FastifyReply) => sendError(reply, 404, 'not_found', 'There is no such record that you may see.');

/** Bodies are parsed after the permission check, so a caller without it learns nothing from a 400. */
export function parsed<S extends z.ZodType>(reply: FastifyReply, schema: S, body: unknown): z.output<S> | undefined {
  const out = schema.safeParse(body ?? {});
  if (out.success) return out.data;
  void sendError(reply, 400, 'invalid', 'Some fields need attention.', {
    errors: out.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
  return undefined;
}
