import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountKey,
  beginTotpEnrolment,
  completeTotp,
  login,
  logout,
  PERMISSIONS,
  ROLE_DEFINITIONS,
  setPasswordWithToken,
  STAGES,
  type AuthDeps,
} from '../security/index.ts';
import { SESSION_COOKIE } from './auth.hook.ts';
import { sendError, type AppDeps } from './context.ts';
import { errorBody } from './errors.ts';

const stage = z.enum(STAGES);

export function authRoutes(deps: AppDeps) {
  const authDeps: AuthDeps = {
    db: deps.db,
    keyring: deps.keyring,
    issuer: deps.config.deployment.orgName,
    adminPasskeyRequired: deps.config.adminPasskeyRequired,
  };
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: '/',
    });

  const tooMany = (reply: FastifyReply, retryAfterSeconds: number) => {
    reply.header('Retry-After', String(retryAfterSeconds));
    return sendError(reply, 429, 'too_many_attempts', 'Too many attempts; wait before trying again.', { retryAfterSeconds });
  };

  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth'];
    const perMinute = deps.config.rateLimits.loginPerMinute;
    /**
     * Limits keyed on something other than the address (the route's own limit): the account typed,
     * the pending session. Kept in memory like the per-address limits, and checked before any work.
     */
    const limitBy = (keyOf: (request: FastifyRequest) => string) => {
      const limiter = fastify.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: keyOf });
      return async (request: FastifyRequest): Promise<number | undefined> => {
        const state = await limiter(request);
        return !state.isAllowed && state.isExceeded ? Math.max(1, state.ttlInSeconds) : undefined;
      };
    };
    const rateLimited = (reply: FastifyReply, retryAfterSeconds: number) => {
      reply.header('Retry-After', String(retryAfterSeconds));
      return sendError(reply, 429, 'rate_limited', 'Too many requests; wait a minute and try again.');
    };
    const perAccountTyped = limitBy(
      (request) => `account:${accountKey(deps.keyring, (request.body as { email: string }).email)}`,
    );
    const perSession = limitBy((request) => `session:${request.session!.idHash}`);
    const perAccount = limitBy((request) => `account:${request.session!.actor.id}`);

    app.post(
      '/api/v1/auth/login',
      {
        config: { public: true, rateLimit: { max: perMinute, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Sign in with email and password (then a TOTP code)',
          security: [],
          body: z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) }),
          response: { 200: z.object({ stage, csrfToken: z.string() }), 401: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        const wait = await perAccountTyped(request);
        if (wait !== undefined) return rateLimited(reply, wait);
        const outcome = await login(authDeps, request.body.email, request.body.password, request.id);
        if (outcome.kind === 'locked') return tooMany(reply, outcome.retryAfterSeconds);
        if (outcome.kind === 'invalid') return sendError(reply, 401, 'invalid_credentials', 'Email or password is not right.');
        setCookie(request, reply, outcome.token);
        return { stage: outcome.stage, csrfToken: outcome.csrfToken };
      },
    );

    app.get(
      '/api/v1/auth/session',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'The signed-in user and how far sign-in has got',
          response: {
            200: z.object({
              user: z.object({
                id: z.string(),
                email: z.string(),
                displayName: z.string(),
                role: z.string(),
                permissions: z
                  .array(z.enum(PERMISSIONS))
                  .describe('what the user may do: the screens show only these actions (the server still checks each)'),
              }),
              stage,
              csrfToken: z.string(),
            }),
            401: errorBody,
          },
        },
      },
      async (request, reply) => {
        const s = request.session;
        if (!s) return sendError(reply, 401, 'unauthenticated', 'Sign in to continue.');
        return {
          user: {
            id: s.actor.id,
            email: s.actor.email,
            displayName: s.displayName,
            role: s.actor.role,
            permissions: s.stage === 'active' ? [...ROLE_DEFINITIONS[s.actor.role].permissions] : [],
          },
          stage: s.stage,
          csrfToken: s.csrfToken,
        };
      },
    );

    app.post(
      '/api/v1/auth/totp/enrol',
      {
        config: { signingIn: true },
        schema: {
          tags,
          summary: 'Start enrolling an authenticator app (first sign-in only)',
          response: { 200: z.object({ otpauthUri: z.string(), qrImage: z.string(), secret: z.string() }), 409: errorBody },
        },
      },
      async (request, reply) => {
        const enrolment = await beginTotpEnrolment(authDeps, request.session!);
        if (!enrolment) return sendError(reply, 409, 'already_enrolled', 'An authenticator is already set up for this account.');
        return enrolment;
      },
    );

    const codeBody = z.object({ code: z.string().trim().max(10) });
    const finish =
      (failure: 400 | 401) => async (request: FastifyRequest<{ Body: z.infer<typeof codeBody> }>, reply: FastifyReply) => {
        const wait = (await perSession(request)) ?? (await perAccount(request));
        if (wait !== undefined) return rateLimited(reply, wait);
        const outcome = await completeTotp(authDeps, request.session!, request.body.code, request.id);
        if (outcome.kind === 'locked') return tooMany(reply, outcome.retryAfterSeconds);
        if (outcome.kind === 'invalid')
          return sendError(
            reply,
            failure,
            'invalid_code',
            'That code is not right. Check the time on your phone and try the newest code.',
          );
        setCookie(request, reply, outcome.token);
        return { stage: outcome.stage, csrfToken: outcome.csrfToken };
      };
    const codeResponses = { 200: z.object({ stage, csrfToken: z.string() }), 400: errorBody, 401: errorBody, 429: errorBody };

    app.post(
      '/api/v1/auth/totp/enrol/confirm',
      {
        config: { signingIn: true },
        schema: { tags, summary: 'Confirm the authenticator with its first code', body: codeBody, response: codeResponses },
      },
      finish(400),
    );

    app.post(
      '/api/v1/auth/totp',
      {
        config: { signingIn: true },
        schema: { tags, summary: 'Finish signing in with a TOTP code', body: codeBody, response: codeResponses },
      },
      finish(401),
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: { signingIn: true },
        schema: { tags, summary: 'Sign out', response: { 204: z.null() } },
      },
      async (request, reply) => {
        await logout(deps.db, request.session!);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/setup',
      {
        config: { public: true, rateLimit: { max: perMinute, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Set a password with a one-time set-up link',
          security: [],
          body: z.object({ token: z.string().min(10).max(200), password: z.string().max(1024) }),
          response: { 204: z.null(), 400: errorBody },
        },
      },
      async (request, reply) => {
        const outcome = await setPasswordWithToken(authDeps, request.body.token, request.body.password, request.id);
        if (outcome.kind === 'weak_password')
          return sendError(reply, 400, 'weak_password', 'Choose a password of at least 12 characters.');
        if (outcome.kind === 'invalid_token')
          return sendError(
            reply,
            400,
            'invalid_token',
            'This set-up link is not valid any more; ask an administrator for a new one.',
          );
        return reply.code(204).send(null);
      },
    );
  };
}
