import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  enrolPasskey,
  listPasskeys,
  pendingFactors,
  registrationOptions,
  relyingPartyOf,
  removePasskey,
  signInOptions,
  signInWithPasskey,
  type PasskeyDeps,
  type PasskeyView,
} from '../security/index.ts';
import { SESSION_COOKIE } from './auth.hook.ts';
import { sendError, type AppDeps } from './context.ts';
import { errorBody } from './errors.ts';
import { authenticationResponse, enrolBody, optionsAnswer, passkeyView, stageAnswer } from './passkeys.schema.ts';

const present = (p: PasskeyView) => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
});

export function passkeyRoutes(deps: AppDeps) {
  const passkeyDeps: PasskeyDeps = {
    db: deps.db,
    keyring: deps.keyring,
    rp: relyingPartyOf(deps.config),
    adminPasskeyRequired: deps.config.adminPasskeyRequired,
  };
  const rateLimit = { max: deps.config.rateLimits.loginPerMinute, timeWindow: '1 minute' };
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: '/',
    });

  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth'];

    app.get(
      '/api/v1/auth/second-factors',
      {
        config: { signingIn: true },
        schema: {
          tags,
          summary: 'Which second factors may finish this sign-in',
          response: { 200: z.object({ totp: z.boolean(), passkey: z.boolean() }) },
        },
      },
      async (request) => pendingFactors(passkeyDeps, request.session!),
    );

    app.post(
      '/api/v1/auth/passkey/options',
      {
        config: { signingIn: true, rateLimit },
        schema: {
          tags,
          summary: 'A challenge for finishing sign-in with a passkey',
          response: { 200: optionsAnswer, 409: errorBody },
        },
      },
      async (request, reply) => {
        const options = await signInOptions(passkeyDeps, request.session!);
        if (!options) return sendError(reply, 409, 'no_passkey', 'This sign-in cannot be finished with a passkey.');
        return { optionsJSON: { ...options } };
      },
    );

    app.post(
      '/api/v1/auth/passkey',
      {
        config: { signingIn: true, rateLimit },
        schema: {
          tags,
          summary: 'Finish signing in with a passkey',
          body: authenticationResponse,
          response: { 200: stageAnswer, 401: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        const outcome = await signInWithPasskey(passkeyDeps, request.session!, request.body, request.id);
        if (outcome.kind === 'locked') {
          reply.header('Retry-After', String(outcome.retryAfterSeconds));
          return sendError(reply, 429, 'too_many_attempts', 'Too many attempts; wait before trying again.', {
            retryAfterSeconds: outcome.retryAfterSeconds,
          });
        }
        if (outcome.kind === 'invalid')
          return sendError(reply, 401, 'invalid_passkey', 'That passkey was not accepted. Try again, or use another passkey.');
        setCookie(request, reply, outcome.token);
        return { stage: 'active' as const, csrfToken: outcome.csrfToken };
      },
    );

    app.get(
      '/api/v1/passkeys',
      {
        schema: {
          tags,
          summary: 'Your passkeys',
          response: { 200: z.object({ passkeys: z.array(passkeyView), totp: z.boolean(), passkeyRequired: z.boolean() }) },
        },
      },
      async (request) => {
        const listing = await listPasskeys(passkeyDeps, request.session!.actor);
        return { ...listing, passkeys: listing.passkeys.map(present) };
      },
    );

    app.post(
      '/api/v1/passkeys/options',
      {
        config: { signingIn: true, rateLimit },
        schema: {
          tags,
          summary: 'A challenge for adding a passkey to your account',
          response: { 200: optionsAnswer, 401: errorBody },
        },
      },
      async (request, reply) => {
        const options = await registrationOptions(passkeyDeps, request.session!);
        if (!options) return sendError(reply, 401, 'mfa_required', 'Finish signing in before adding a passkey.');
        return { optionsJSON: { ...options } };
      },
    );

    app.post(
      '/api/v1/passkeys',
      {
        config: { signingIn: true, rateLimit },
        schema: {
          tags,
          summary: 'Add a passkey (finishes sign-in for an admin who must enrol one)',
          body: enrolBody,
          response: { 201: stageAnswer.extend({ passkey: passkeyView }), 400: errorBody, 401: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        const session = request.session!;
        const outcome = await enrolPasskey(passkeyDeps, session, request.body, request.id);
        if (outcome.kind === 'not_allowed')
          return sendError(reply, 401, 'mfa_required', 'Finish signing in before adding a passkey.');
        if (outcome.kind === 'invalid')
          return sendError(reply, 400, 'invalid_passkey', 'The passkey could not be checked; please try again.');
        if (outcome.kind === 'duplicate') return sendError(reply, 409, 'passkey_exists', 'This passkey is already registered.');
        if (outcome.signedIn) setCookie(request, reply, outcome.signedIn.token);
        const csrfToken = outcome.signedIn?.csrfToken ?? session.csrfToken;
        return reply.code(201).send({ stage: 'active' as const, csrfToken, passkey: present(outcome.passkey) });
      },
    );

    app.delete(
      '/api/v1/passkeys/:id',
      {
        schema: {
          tags,
          summary: 'Remove one of your passkeys',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null(), 404: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        const outcome = await removePasskey(passkeyDeps, request.session!.actor, request.params.id, request.id);
        if (outcome.kind === 'not_found') return sendError(reply, 404, 'not_found', 'No such passkey.');
        if (outcome.kind === 'last_second_factor') {
          return sendError(
            reply,
            409,
            'last_second_factor',
            'This is the last way you have to confirm it is you; add another passkey first.',
          );
        }
        return reply.code(204).send(null);
      },
    );
  };
}
