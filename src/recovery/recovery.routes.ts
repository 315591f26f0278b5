import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bodyParsedByService, errorBody, requestContext, sendError } from '../http/index.ts';
import { authorize, type Permission } from '../security/index.ts';
import { planContentSchema } from './plan.schema.ts';
import { myPlan, myPlans, recordMyProgress } from './participants.service.ts';
import {
  approvePlan,
  compareVersions,
  inviteParticipant,
  planOfCase,
  planVersions,
  recordProgress,
  savePlan,
  startPlan,
  submitPlan,
  type RecoveryDeps,
} from './plans.service.ts';
import {
  planSupport,
  recordConsent,
  recordReferralEvent,
  recordService,
  referralForm,
  revokeConsent,
  sendReferral,
} from './support.service.ts';
import { listTemplates, saveTemplate } from './templates.service.ts';
import { templateContentSchema } from './template.schema.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['recovery'];
const withBody = { validatorCompiler: bodyParsedByService };
const planParams = z.object({ id: z.uuid() });

const notFound = (reply: FastifyReply) => sendError(reply, 404, 'not_found', 'There is no such plan that you may see.');
const invalid = (reply: FastifyReply, e: { path: string; message: string }[]) =>
  sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: e });
const closed = (reply: FastifyReply) => sendError(reply, 409, 'plan_closed', 'This plan is closed and can no longer change.');

const statusOf = z.object({ state: z.string(), nextDueOn: z.string().optional(), lastDoneOn: z.string().optional() }).loose();
const progress = z.object({
  id: z.string(),
  actionId: z.string(),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  byOutsideParticipant: z.boolean(),
});
const planView = z
  .object({
    id: z.string(),
    caseReference: z.string(),
    childFirstName: z.string(),
    youngPersonAge: z.number().nullable(),
    version: z.number(),
    approvedVersion: z.number().nullable(),
    status: z.object({ state: z.string(), reviewDueOn: z.string().optional() }).loose(),
    late: z.boolean(),
    recoveredOn: z.string().nullable(),
    createdAt: z.string(),
    content: planContentSchema,
    derived: z.object({
      actions: z.record(z.string(), statusOf),
      goals: z.record(z.string(), z.string()),
      needs: z.record(z.string(), z.string()),
    }),
    progress: z.array(progress),
    invitations: z.array(
      z.object({ participantId: z.string(), userId: z.string(), invitedAt: z.string(), accepted: z.boolean() }),
    ),
    abilities: z.array(z.string()),
  })
  .meta({ id: 'AssistancePlan' });
const caseOfPlan = z.object({ plan: planView.nullable(), recoveredOn: z.string().nullable(), late: z.boolean() });
const consent = z.object({
  id: z.string(),
  givenBy: z.string(),
  recipientKind: z.string(),
  organisation: z.string().optional(),
  shares: z.array(z.string()),
  givenOn: z.string(),
  expiresOn: z.string(),
  revokedOn: z.string().optional(),
});
const support = z
  .object({
    consents: z.array(consent),
    services: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        providerId: z.string().nullable(),
        providerName: z.string(),
        appointmentAt: z.string().nullable(),
        provided: z.string(),
        reasonNotProvided: z.string().nullable(),
      }),
    ),
    referrals: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        serviceKind: z.string(),
        recipientKind: z.string(),
        providerId: z.string().nullable(),
        providerName: z.string(),
        providerContact: z.string().nullable(),
        needDomains: z.array(z.string()),
        consentId: z.string().nullable(),
        legalReason: z.string().nullable(),
        state: z.string(),
        outcome: z.string().nullable(),
        unsuccessfulReason: z.string().nullable(),
        note: z.string().nullable(),
        sentAt: z.string(),
        updatedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'PlanSupport' });
const template = z
  .object({
    id: z.string(),
    familyId: z.string(),
    version: z.number(),
    name: z.string(),
    content: templateContentSchema,
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
  })
  .meta({ id: 'PlanTemplate' });
const participantPlan = z
  .object({
    id: z.string(),
    you: z.object({ name: z.string(), kind: z.string() }).nullable(),
    youngPersonWords: z.string().nullable(),
    needs: z.array(
      z.object({
        id: z.string(),
        domain: z.string(),
        goals: z.array(
          z.object({
            id: z.string(),
            description: z.string().nullable(),
            targetOn: z.string().nullable(),
            actions: z.array(
              z.object({ id: z.string(), description: z.string(), dueOn: z.string(), recurrence: z.string().nullable() }),
            ),
          }),
        ),
      }),
    ),
    actionStatus: z.record(z.string(), statusOf),
    progress: z.array(progress),
  })
  .meta({ id: 'ParticipantPlan' });

type Handled = { kind: string } | object;

/** Answers the outcomes every plan service shares; anything else is the value to send. */
function send(reply: FastifyReply, out: Handled, code = 200) {
  if ('kind' in out) {
    const o = out as { kind: string; errors?: { path: string; message: string }[]; message?: string };
    if (o.kind === 'not_found') return notFound(reply);
    if (o.kind === 'invalid') return invalid(reply, o.errors ?? []);
    if (o.kind === 'closed') return closed(reply);
  }
  return reply.code(code).send(out);
}

export function recoveryRoutes(deps: RecoveryDeps & { organisation: string }) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const need = (request: { actor: Parameters<typeof authorize>[0] }, p: Permission) => authorize(request.actor, p);

    app.get(
      '/api/v1/cases/:reference/plan',
      {
        schema: {
          tags,
          summary: 'The victim assistance plan of a case, if there is one (audited)',
          params: z.object({ reference: z.string().max(40) }),
          response: { 200: caseOfPlan, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.read');
        const out = await planOfCase(deps, requestContext(request), request.params.reference);
        if (out.kind === 'not_found') return notFound(reply);
        return { plan: out.plan, recoveredOn: out.recoveredOn, late: out.late };
      },
    );

    app.post(
      '/api/v1/cases/:reference/plan',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Start the plan of a case, from a template or empty',
          params: z.object({ reference: z.string().max(40) }),
          body: z.object({ templateId: z.uuid().optional() }),
          response: { 201: planView, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        const out = await startPlan(deps, requestContext(request), request.params.reference, request.body);
        if ('kind' in out && out.kind === 'exists')
          return sendError(reply, 409, 'plan_exists', 'This case already has a plan in force, or is closed.');
        return send(reply, out, 201);
      },
    );

    app.put(
      '/api/v1/plans/:id',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Save the plan as a new version',
          params: planParams,
          body: z.object({ version: z.number().int(), content: planContentSchema }),
          response: { 200: planView, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        const out = await savePlan(deps, requestContext(request), request.params.id, request.body);
        if ('kind' in out && out.kind === 'stale')
          return sendError(
            reply,
            409,
            'stale_version',
            'Someone saved this plan since you opened it. Review their version, then apply yours again.',
            {
              currentVersion: out.current.version,
            },
          );
        return send(reply, out);
      },
    );

    for (const [path, summary, permission, what] of [
      ['submit', 'Send the plan for a supervisor’s approval', 'plan.write', 'submit'],
      ['approve', 'Approve the submitted version (supervisors)', 'plan.approve', 'approve'],
      ['review', 'Record a review of the plan in force (supervisors)', 'plan.approve', 'review'],
    ] as const) {
      app.post(
        `/api/v1/plans/:id/${path}`,
        { schema: { tags, summary, params: planParams, response: { 200: planView, ...errors } } },
        async (request, reply) => {
          need(request, permission);
          const ctx = requestContext(request);
          const out =
            what === 'submit'
              ? await submitPlan(deps, ctx, request.params.id)
              : await approvePlan(deps, ctx, request.params.id, what);
          if ('kind' in out && out.kind === 'not_submitted')
            return sendError(reply, 409, 'not_submitted', 'The plan has not been sent for approval since it last changed.');
          return send(reply, out);
        },
      );
    }

    app.get(
      '/api/v1/plans/:id/versions',
      {
        schema: {
          tags,
          summary: 'The saved versions of a plan',
          params: planParams,
          response: {
            200: z.object({
              items: z.array(z.object({ version: z.number(), savedAt: z.string(), savedBy: z.string().nullable() })),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        need(request, 'plan.read');
        return send(reply, await planVersions(deps, requestContext(request), request.params.id));
      },
    );

    app.get(
      '/api/v1/plans/:id/compare',
      {
        schema: {
          tags,
          summary: 'Two versions of a plan side by side (audited)',
          params: planParams,
          querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
          response: {
            200: z.object({
              from: z.number(),
              to: z.number(),
              rows: z.array(
                z.object({
                  key: z.string(),
                  label: z.string(),
                  before: z.string().optional(),
                  after: z.string().optional(),
                  change: z.enum(['added', 'removed', 'changed', 'same']),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        need(request, 'plan.read');
        return send(
          reply,
          await compareVersions(deps, requestContext(request), request.params.id, request.query.from, request.query.to),
        );
      },
    );

    app.post(
      '/api/v1/plans/:id/progress',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Mark an action done or add a progress note',
          params: planParams,
          body: z.object({ actionId: z.string(), done: z.boolean().optional(), note: z.string().optional() }),
          response: { 201: z.object({ progress: z.array(progress) }), ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        const out = await recordProgress(deps, requestContext(request), request.params.id, request.body);
        return out.kind === 'ok' ? reply.code(201).send({ progress: out.progress }) : send(reply, out);
      },
    );

    app.post(
      '/api/v1/plans/:id/invitations',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Invite a participant named on the plan as an outside account that sees this plan only',
          params: planParams,
          body: z.object({ participantId: z.string(), email: z.email() }),
          response: { 201: z.object({ userId: z.string(), setupUrl: z.string().nullable() }), ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        const out = await inviteParticipant(deps, requestContext(request), request.params.id, request.body);
        if (out.kind === 'email_taken')
          return sendError(reply, 409, 'email_taken', 'That address belongs to an account that cannot be invited to a plan.');
        if (out.kind === 'ok') return reply.code(201).send({ userId: out.userId, setupUrl: out.setupUrl });
        return send(reply, out);
      },
    );

    app.get(
      '/api/v1/plans/:id/support',
      {
        schema: {
          tags,
          summary: 'Consents, services and referrals of a plan (audited)',
          params: planParams,
          response: { 200: support, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.read');
        return send(reply, await planSupport(deps, requestContext(request), request.params.id));
      },
    );

    app.post(
      '/api/v1/plans/:id/consents',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record a consent to share with a kind of recipient',
          params: planParams,
          body: consent.omit({ id: true, revokedOn: true }),
          response: { 201: support, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        return send(reply, await recordConsent(deps, requestContext(request), request.params.id, request.body), 201);
      },
    );

    app.post(
      '/api/v1/plans/:id/consents/:consentId/revoke',
      {
        schema: {
          tags,
          summary: 'Record that a consent was revoked today',
          params: planParams.extend({ consentId: z.uuid() }),
          response: { 200: support, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        return send(reply, await revokeConsent(deps, requestContext(request), request.params.id, request.params.consentId));
      },
    );

    app.post(
      '/api/v1/plans/:id/services',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record a service on the plan',
          params: planParams,
          body: z.object({
            kind: z.string(),
            providerId: z.uuid().optional(),
            providerName: z.string(),
            appointmentAt: z.string().optional(),
            provided: z.enum(['yes', 'no', 'pending']),
            reasonNotProvided: z.string().optional(),
          }),
          response: { 201: support, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        return send(reply, await recordService(deps, requestContext(request), request.params.id, request.body), 201);
      },
    );

    app.post(
      '/api/v1/plans/:id/referrals',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Send a referral to a provider: refused without a matching, unexpired consent',
          params: planParams,
          body: z.object({
            providerId: z.uuid().optional(),
            providerName: z.string(),
            providerContact: z.string().optional(),
            serviceKind: z.string(),
            recipientKind: z.string(),
            needDomains: z.array(z.string()).optional(),
            legalReason: z.string().optional(),
          }),
          response: { 201: support, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        const out = await sendReferral(deps, requestContext(request), request.params.id, request.body);
        if ('kind' in out && out.kind === 'no_consent')
          return sendError(reply, 409, 'no_consent', out.message, { reason: out.reason });
        return send(reply, out, 201);
      },
    );

    app.post(
      '/api/v1/plans/:id/referrals/:referralId/events',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Record the provider’s answer or the referral’s outcome',
          params: planParams.extend({ referralId: z.uuid() }),
          body: z.object({
            kind: z.enum(['accept', 'decline', 'revoke', 'close']),
            outcome: z.enum(['successful', 'not_successful']).optional(),
            reason: z.string().optional(),
            note: z.string().optional(),
          }),
          response: { 200: support, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        const out = await recordReferralEvent(
          deps,
          requestContext(request),
          request.params.id,
          request.params.referralId,
          request.body,
        );
        if ('kind' in out && out.kind === 'not_allowed') return sendError(reply, 409, 'not_allowed', out.message);
        return send(reply, out);
      },
    );

    app.get(
      '/api/v1/plans/:id/referrals/:referralId/form',
      {
        serializerCompiler: () => (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data)),
        schema: {
          tags,
          summary: 'The referral form as PDF, limited to what the consent allows (audited)',
          params: planParams.extend({ referralId: z.uuid() }),
          response: {
            200: { description: 'The referral form', content: { 'application/pdf': { schema: z.string() } } },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        need(request, 'plan.write');
        const out = await referralForm(
          deps,
          requestContext(request),
          request.params.id,
          request.params.referralId,
          deps.organisation,
        );
        if (!(out instanceof Uint8Array)) {
          if (out.kind === 'no_consent')
            return sendError(
              reply,
              409,
              'no_consent',
              'This referral was sent on a legal reason, without a consent to limit a form: there is no form.',
            );
          return notFound(reply);
        }
        reply.header('Content-Disposition', 'attachment; filename="referral-form.pdf"');
        reply.type('application/pdf').serializer((b: unknown) => b as string);
        return reply.send(Buffer.from(out) as unknown as string);
      },
    );

    app.get(
      '/api/v1/plan-templates',
      {
        schema: {
          tags,
          summary: 'The plan templates, latest versions',
          response: { 200: z.object({ items: z.array(template) }), ...errors },
        },
      },
      async (request) => {
        need(request, 'plan.read');
        return listTemplates(deps, requestContext(request));
      },
    );

    app.post(
      '/api/v1/plan-templates',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Create a plan template (supervisors)',
          body: z.object({ name: z.string(), content: templateContentSchema }),
          response: { 201: template, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.template');
        return send(reply, await saveTemplate(deps, requestContext(request), null, request.body), 201);
      },
    );

    app.put(
      '/api/v1/plan-templates/:familyId',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'Save a new version of a plan template (supervisors)',
          params: z.object({ familyId: z.uuid() }),
          body: z.object({ name: z.string(), content: templateContentSchema }),
          response: { 200: template, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.template');
        const out = await saveTemplate(deps, requestContext(request), request.params.familyId, request.body);
        if ('kind' in out && out.kind === 'not_found') return sendError(reply, 404, 'not_found', 'There is no such template.');
        return send(reply, out);
      },
    );

    app.get(
      '/api/v1/my/plans',
      {
        schema: {
          tags,
          summary: 'The plans an outside participant was invited to',
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), invitedAt: z.string() })) }), ...errors },
        },
      },
      async (request) => {
        need(request, 'plan.participate');
        return myPlans(deps, requestContext(request));
      },
    );

    app.get(
      '/api/v1/my/plans/:id',
      {
        schema: {
          tags,
          summary: 'One plan as an outside participant sees it: their actions and what the plan shares (audited)',
          params: planParams,
          response: { 200: participantPlan, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.participate');
        return send(reply, await myPlan(deps, requestContext(request), request.params.id));
      },
    );

    app.post(
      '/api/v1/my/plans/:id/progress',
      {
        ...withBody,
        schema: {
          tags,
          summary: 'An outside participant marks their action done or adds a note',
          params: planParams,
          body: z.object({ actionId: z.string(), done: z.boolean().optional(), note: z.string().optional() }),
          response: { 201: participantPlan, ...errors },
        },
      },
      async (request, reply) => {
        need(request, 'plan.participate');
        return send(reply, await recordMyProgress(deps, requestContext(request), request.params.id, request.body), 201);
      },
    );
  };
}
