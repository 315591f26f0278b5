import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { Config } from '../core/config.ts';
import { LANGS, type Lang } from '../core/deployment.ts';
import type { Logger } from '../core/logger.ts';
import type { Db } from '../database.ts';
import type { Actor, Keyring, RequestContext, SessionContext } from '../security/index.ts';

/** Everything a route module needs, passed explicitly (no container). */
export interface AppDeps {
  config: Config;
  db: Db;
  /** A read replica (DATABASE_REPLICA_URL) for dashboards; absent: they read `db`. */
  readDb?: Db;
  keyring: Keyring;
  log: Logger;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    session: SessionContext | undefined;
  }
  interface FastifyContextConfig {
    /** Route needs no session. Every public route says so here, visibly. */
    public?: boolean;
    /** Route is part of signing in: a session that has passed the password but not yet TOTP may use it. */
    signingIn?: boolean;
  }
}

/** The actor and the request id, as the services take them (the id is quoted in audit entries). */
export function requestContext(request: FastifyRequest): RequestContext {
  return { actor: request.actor, requestId: request.id };
}

/** `?lang=` wins, then the browser's Accept-Language, then English. */
export function langOf(request: FastifyRequest): Lang {
  const query = request.query as Record<string, unknown> | undefined;
  const asked = typeof query?.lang === 'string' ? query.lang : undefined;
  if (asked && (LANGS as readonly string[]).includes(asked)) return asked as Lang;
  const negotiated = new Negotiator({ headers: { 'accept-language': request.headers['accept-language'] ?? '' } }).language([
    ...LANGS,
  ]);
  return (negotiated as Lang | undefined) ?? 'en';
}

export interface ApiError {
  error: {
    code: string;
    message: string;
    errors?: { path: string; message: string }[];
    retryAfterSeconds?: number;
    currentVersion?: number;
    reason?: string;
  };
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extra: Partial<ApiError['error']> = {},
) {
  return reply
    .code(status)
    .type('application/json')
    .send({ error: { code, message, ...extra } } satisfies ApiError);
}
