import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { StaffActor } from '../security/index.ts';

/** Bodies are parsed by the services (messages in plain words); params and queries by the schema. */
export const bodyParsedByService: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body'
    ? (data: unknown) => ({ value: data })
    : validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);

/** A staff-only route was reached by someone else; the error handler answers 401. */
export class NotStaffError extends Error {
  constructor() {
    super('not staff');
  }
}

/** The signed-in staff member behind a request, typed; anyone else is refused with 401. */
export function staffOf(request: FastifyRequest): StaffActor {
  if (request.actor.kind !== 'staff') throw new NotStaffError();
  return request.actor;
}

/** A list's place as an opaque token: the last row's sort keys, JSON in base64url. */
export const encodeCursor = (keys: object | null): string | null =>
  keys ? Buffer.from(JSON.stringify(keys)).toString('base64url') : null;

/** The sort keys inside a cursor, or null when it is not one of ours (the route answers "invalid"). */
export function cursorKeys(text: string): Record<string, unknown> | null {
  try {
    const keys: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return keys !== null && typeof keys === 'object' && !Array.isArray(keys) ? (keys as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
