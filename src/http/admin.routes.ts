import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { admin, presentReset, presentSignIn, presentStaff, presentToken } from '../security/index.ts';
import { sendError, type AppDeps } from './context.ts';
import { errorBody } from './errors.ts';
import { staffOf } from './routekit.ts';
import {
  approveResponse,
  inviteBody,
  inviteResponse,
  resetBody,
  resetListResponse,
  signInsQuery,
  signInsResponse,
  staffIdParams,
  staffListResponse,
  tokenBody,
  tokenCreated,
  tokenListResponse,
  updateBody,
} from './admin.schema.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };
const withRecord = { ...errors, 404: errorBody, 409: errorBody };
const done = z.object({ ok: z.literal(true) });

export function adminRoutes(deps: AppDeps) {
  const adminDeps: admin.AdminDeps = {
    db: deps.db,
    keyring: deps.keyring,
    issuer: deps.config.deployment.orgName,
    adminPasskeyRequired: deps.config.adminPasskeyRequired,
  };
  const setupUrl = (token: string) => `${deps.config.publicUrl}/app/setup?token=${token}`;

  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    const base = '/api/v1/admin';

    app.get(
      `${base}/staff`,
      {
        schema: {
          tags,
          summary: 'Staff accounts, their roles, jurisdictions and second factors',
          response: { 200: staffListResponse, ...errors },
        },
      },
      async (request) => ({ items: (await admin.listStaff(adminDeps, staffOf(request))).map(presentStaff) }),
    );

    app.post(
      `${base}/staff`,
      {
        schema: {
          tags,
          summary: 'Invite a staff member: an account with a one-time set-up link',
          body: inviteBody,
          response: { 201: inviteResponse, ...withRecord },
        },
      },
      async (request, reply) => {
        const { organisation, ...rest } = request.body;
        const outcome = await admin.inviteStaff(adminDeps, staffOf(request), {
          ...rest,
          organisation: organisation ?? deps.config.deployment.orgName,
        });
        if (outcome.kind === 'conflict')
          return sendError(reply, 409, 'email_taken', 'An account with this email already exists.', {
            errors: [{ path: 'email', message: 'is already in use' }],
          });
        if (outcome.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: outcome.errors });
        return reply.code(201).send({ id: outcome.id, setupUrl: setupUrl(outcome.setupToken ?? '') });
      },
    );

    app.patch(
      `${base}/staff/:id`,
      {
        schema: {
          tags,
          summary: "Change an account's role, name or jurisdictions",
          params: staffIdParams,
          body: updateBody,
          response: { 200: done, ...withRecord },
        },
      },
      async (request, reply) => {
        const outcome = await admin.updateStaff(adminDeps, staffOf(request), request.params.id, request.body, request.id);
        if (outcome.kind === 'not_found') return sendError(reply, 404, 'not_found', 'No such account.');
        if (outcome.kind === 'self')
          return sendError(reply, 409, 'own_role', 'You cannot change your own role; ask another administrator.');
        return { ok: true as const };
      },
    );

    for (const [verb, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      app.post(
        `${base}/staff/:id/${verb}`,
        {
          schema: {
            tags,
            summary: disabled ? 'Disable an account and end its sessions' : 'Enable a disabled account',
            params: staffIdParams,
            response: { 200: done, ...withRecord },
          },
        },
        async (request, reply) => {
          const outcome = await admin.setStaffDisabled(adminDeps, staffOf(request), request.params.id, disabled, request.id);
          if (outcome.kind === 'not_found') return sendError(reply, 404, 'not_found', 'No such account.');
          if (outcome.kind === 'self') return sendError(reply, 409, 'own_account', 'You cannot disable your own account.');
          if (outcome.kind === 'unchanged')
            return sendError(
              reply,
              409,
              'unchanged',
              disabled ? 'The account is already disabled.' : 'The account is not disabled.',
            );
          return { ok: true as const };
        },
      );
    }

    app.post(
      `${base}/staff/:id/reset-requests`,
      {
        schema: {
          tags,
          summary: 'Ask for a password or second-factor reset; a second administrator must approve it',
          params: staffIdParams,
          body: resetBody,
          response: { 201: z.object({ id: z.uuid() }), ...withRecord },
        },
      },
      async (request, reply) => {
        const outcome = await admin.requestReset(adminDeps, staffOf(request), request.params.id, request.body.kind, request.id);
        if (outcome.kind === 'not_found') return sendError(reply, 404, 'not_found', 'No such account.');
        if (outcome.kind === 'already_open')
          return sendError(reply, 409, 'already_open', 'A request of this kind is already waiting for approval.');
        return reply.code(201).send({ id: outcome.id });
      },
    );

    app.get(
      `${base}/reset-requests`,
      {
        schema: { tags, summary: 'Reset requests, open ones first', response: { 200: resetListResponse, ...errors } },
      },
      async (request) => ({ items: (await admin.listResetRequests(adminDeps, staffOf(request))).map((r) => presentReset(r)) }),
    );

    app.post(
      `${base}/reset-requests/:id/approve`,
      {
        schema: {
          tags,
          summary: 'Approve a reset (not your own request, nor a reset of your own account); it takes effect at once',
          params: staffIdParams,
          response: { 200: approveResponse, ...withRecord },
        },
      },
      async (request, reply) => {
        const outcome = await admin.approveReset(adminDeps, staffOf(request), request.params.id, request.id);
        if (outcome.kind === 'not_found') return sendError(reply, 404, 'not_found', 'No such request.');
        if (outcome.kind === 'own_request')
          return sendError(reply, 409, 'own_request', 'You asked for this reset; another administrator must approve it.');
        if (outcome.kind === 'own_account')
          return sendError(
            reply,
            409,
            'own_account',
            'This reset is of your own account; another administrator must approve it.',
          );
        if (outcome.kind === 'closed')
          return sendError(reply, 409, 'closed', 'This request is no longer open (approved, cancelled or expired).');
        return { kind: outcome.resetKind, setupUrl: outcome.setupToken ? setupUrl(outcome.setupToken) : null };
      },
    );

    app.post(
      `${base}/reset-requests/:id/cancel`,
      {
        schema: {
          tags,
          summary: 'Withdraw or turn down an open reset request',
          params: staffIdParams,
          response: { 200: done, ...withRecord },
        },
      },
      async (request, reply) => {
        const outcome = await admin.cancelReset(adminDeps, staffOf(request), request.params.id, request.id);
        if (outcome.kind === 'not_found') return sendError(reply, 404, 'not_found', 'No such request.');
        if (outcome.kind === 'closed') return sendError(reply, 409, 'closed', 'This request is no longer open.');
        return { ok: true as const };
      },
    );

    app.get(
      `${base}/sign-ins`,
      {
        schema: {
          tags,
          summary: 'Who signed in when, and failed attempts, newest first',
          querystring: signInsQuery,
          response: { 200: signInsResponse, ...errors },
        },
      },
      async (request) => ({ items: (await admin.listSignIns(adminDeps, staffOf(request), request.query)).map(presentSignIn) }),
    );

    app.get(
      `${base}/tokens`,
      {
        schema: {
          tags,
          summary: 'API tokens of electronic service providers (never the tokens themselves)',
          response: { 200: tokenListResponse, ...errors },
        },
      },
      async (request) => ({ items: (await admin.listTokens(adminDeps, staffOf(request))).map(presentToken) }),
    );

    app.post(
      `${base}/tokens`,
      {
        schema: {
          tags,
          summary: 'Create an API token; it is shown once',
          body: tokenBody,
          response: { 201: tokenCreated, ...errors },
        },
      },
      async (request, reply) => {
        const { organisation, scopes, label } = request.body;
        const created = await admin.createToken(adminDeps, staffOf(request), {
          organisation,
          scopes: [...new Set(scopes)],
          label: label || undefined,
        });
        return reply.code(201).send(created);
      },
    );

    app.post(
      `${base}/tokens/:id/revoke`,
      {
        schema: { tags, summary: 'Revoke an API token at once', params: staffIdParams, response: { 200: done, ...withRecord } },
      },
      async (request, reply) => {
        if (!(await admin.revokeToken(adminDeps, staffOf(request), request.params.id)))
          return sendError(reply, 404, 'not_found', 'No active token has this id.');
        return { ok: true as const };
      },
    );
  };
}
