import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { PUBLIC_ACTOR, resolveApiToken, resolveSession, type TokenScope } from '../security/index.ts';
import type { Db } from '../database.ts';
import { sendError } from './context.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route is called by another organisation's system with `Authorization: Bearer <token>` holding this scope, never with a session. */
    token?: TokenScope;
  }
}

export const SESSION_COOKIE = 'beacon_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Static files served by plugins that cannot carry route config: styles, fonts, images, the app bundle. */
export const PUBLIC_PREFIXES = ['/assets/', '/app/assets/'];

/**
 * Authenticated by default: every route needs a fully signed-in session unless its config says
 * `public` (anyone) or `signingIn` (password passed, TOTP pending). Cookie-authenticated writes
 * must also carry the session's CSRF token in `X-CSRF-Token`.
 */
export function registerAuthHook(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', undefined);
  // onRequest, before the body is parsed or validated: an unauthenticated caller learns nothing about the schema.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (config.token) return authenticateToken(request, reply, db, config.token);
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(db, token) : undefined;
    request.session = session;
    // A public route acts as the public even for a signed-in caller: a tip sent from the staff
    // browser is not that staff member's tip, and public pages never act with staff rights.
    request.actor = session?.stage === 'active' && !config.public ? session.actor : PUBLIC_ACTOR;
    if (
      config.public ||
      request.is404 ||
      (SAFE_METHODS.has(request.method) && PUBLIC_PREFIXES.some((p) => request.url.startsWith(p)))
    )
      return;
    if (!session) return sendError(reply, 401, 'unauthenticated', 'Sign in to continue.');
    if (session.stage !== 'active' && !config.signingIn) {
      return sendError(reply, 401, 'mfa_required', 'Finish signing in with your authenticator code.');
    }
    if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers['x-csrf-token'], session.csrfToken)) {
      return sendError(reply, 403, 'csrf', 'The request is missing its security token; reload the page and try again.');
    }
  });
}

/** Bearer-token routes: no cookies, so no CSRF; the actor is the organisation's service account. */
async function authenticateToken(request: FastifyRequest, reply: FastifyReply, db: Db, scope: TokenScope) {
  request.session = undefined;
  request.actor = PUBLIC_ACTOR;
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([\x21-\x7e]{1,200})$/.exec(header) : null;
  const actor = match ? await resolveApiToken(db, match[1]!) : undefined;
  if (!actor) {
    reply.header('WWW-Authenticate', 'Bearer');
    return sendError(reply, 401, 'unauthenticated', 'Send a valid API token as `Authorization: Bearer <token>`.');
  }
  if (!actor.scopes.includes(scope)) return sendError(reply, 403, 'forbidden', `This token does not have the ${scope} scope.`);
  request.actor = actor;
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
