import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bodyParsedByService, errorBody, requestContext, sendError } from '../../http/index.ts';
import type { AnalysisDeps } from '../analyser.ts';
import { leadPackageJson, leadPackageXml, renderLeadPackagePdf } from '../package/index.ts';
import {
  OUTCOMES,
  OUTSIDE_JURISDICTION_REASONS,
  PASSED_ON_METHODS,
  PASSED_ON_TO_ROLES,
  passedOnSchema,
  recordPassedOn,
  partnerInbox,
  proposeForTip,
  readReferral,
  referSchema,
  referTip,
  respondToReferral,
  trackReferrals,
  type ReferralSummary,
} from './referral.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const tipParams = z.object({ reference: z.string().regex(/^BCN-\d{4}-\d{6,}$/) });
const referralParams = z.object({ reference: z.string().regex(/^REF-\d{4}-\d{6,}$/) });
const referralResponse = z
  .object({
    reference: z.string(),
    tipReference: z.string(),
    agencyName: z.string(),
    status: z.string(),
    sentAt: z.iso.datetime(),
    acknowledgeBy: z.iso.datetime(),
    overdue: z.boolean(),
    acknowledgedAt: z.iso.datetime().nullable(),
    outcome: z.enum(OUTCOMES).nullable(),
    outcomeNote: z.string().nullable(),
    outcomeAt: z.iso.datetime().nullable(),
    outsideJurisdiction: z
      .enum(OUTSIDE_JURISDICTION_REASONS)
      .nullable()
      .describe("why the analyst confirmed an agency that does not cover the tip's place; null when it covers it"),
    agency: z.object({
      phone: z.string().nullable(),
      email: z.string().nullable(),
      onBeacon: z
        .boolean()
        .describe(
          'whether anyone at the agency signs in to Beacon; when not, nobody can acknowledge and the analyst records how the referral was passed on',
        ),
    }),
    passedOn: z
      .object({
        method: z.enum(PASSED_ON_METHODS),
        at: z.iso.datetime(),
        toRole: z.enum(PASSED_ON_TO_ROLES),
        note: z.string().nullable(),
        recordedAt: z.iso.datetime(),
      })
      .nullable(),
  })
  .meta({ id: 'Referral' });
const optional = z.string().optional();
/** The lead package as stored (package.types.ts), dates as ISO strings; `loose` so no field of it is dropped. */
const leadPackageResponse = z
  .object({
    reference: z.string(),
    tipReference: optional,
    createdAt: z.string(),
    referredAt: z.string(),
    urgency: z.array(z.object({ rule: z.string(), explanation: z.string() })),
    incident: z.object({ type: z.string(), occurredOn: optional, summary: z.string() }),
    places: z.array(
      z.object({
        label: optional,
        address: optional,
        city: optional,
        county: optional,
        state: optional,
        zip: optional,
        tribalLand: optional,
        details: optional,
      }),
    ),
    children: z.array(z.object({ approximateAge: z.number().optional(), gender: optional, description: optional })),
    persons: z.array(z.object({ role: optional, name: optional, approximateAge: z.number().optional(), description: optional })),
    identifiers: z.array(z.object({ kind: z.string(), value: z.string(), obfuscated: z.boolean().optional() })),
    linkedItems: z.array(z.object({ kind: z.enum(['report', 'case', 'advert']), reference: optional, reason: z.string() })),
    analystSummary: z.string(),
    receivingAgency: z.object({ code: z.string(), name: z.string(), kind: z.string(), phone: optional, email: optional }),
    referringAnalyst: z.string(),
    handlingNotice: z.string(),
  })
  .loose()
  .meta({ id: 'LeadPackage' });
const proposalResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      phone: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const present = (s: ReferralSummary) => ({
  ...s,
  sentAt: s.sentAt.toISOString(),
  acknowledgeBy: s.acknowledgeBy.toISOString(),
  acknowledgedAt: iso(s.acknowledgedAt),
  outcomeAt: iso(s.outcomeAt),
  outcome: s.outcome as (typeof OUTCOMES)[number] | null,
  passedOn: s.passedOn
    ? { ...s.passedOn, at: s.passedOn.at.toISOString(), recordedAt: s.passedOn.recordedAt.toISOString() }
    : null,
});
const notFound = (reply: FastifyReply) =>
  sendError(reply, 404, 'not_found', 'There is no referral with that reference that you may see.');
const fileSerializer = () => (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data));

export function referralRoutes(deps: AnalysisDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['referrals'];

    app.get(
      '/api/v1/triage/tips/:reference/agencies',
      {
        schema: {
          tags,
          summary: 'Partner agencies proposed for the place in a tip, most specific first, with the reason',
          params: tipParams,
          response: { 200: proposalResponse, ...errors },
        },
      },
      async (request, reply) => {
        const proposals = await proposeForTip(deps, requestContext(request), request.params.reference);
        if (proposals === null)
          return sendError(reply, 404, 'not_found', 'There is no tip with that reference that you may see.');
        return {
          items: proposals.map((p) => ({
            id: p.agency.id,
            code: p.agency.code,
            name: p.agency.name,
            kind: p.agency.kind,
            phone: p.agency.phone ?? null,
            reason: p.reason,
          })),
        };
      },
    );

    app.post(
      '/api/v1/triage/tips/:reference/referrals',
      {
        validatorCompiler: bodyParsedByService,
        schema: {
          tags,
          summary:
            "Refer a tip to a partner agency with a summary (one action; audited); an agency not covering the tip's place needs confirmOutsideJurisdiction and a reason",
          params: tipParams,
          body: referSchema,
          response: { 201: z.object({ reference: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await referTip(deps, requestContext(request), request.params.reference, request.body);
        switch (out.kind) {
          case 'invalid':
            return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
          case 'not_found':
            return sendError(reply, 404, 'not_found', 'There is no tip with that reference that you may see.');
          case 'no_agency':
            return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
              errors: [{ path: 'agencyId', message: 'is not an active agency in the directory' }],
            });
          case 'not_allowed':
            return sendError(reply, 409, 'not_allowed', out.message);
          case 'outside_jurisdiction':
            return sendError(reply, 422, 'outside_jurisdiction', 'The agency does not cover the place in the tip.', {
              errors: [
                {
                  path: 'confirmOutsideJurisdiction',
                  message:
                    'must be true, with outsideJurisdictionReason, to refer to an agency that does not cover the place in the tip',
                },
              ],
            });
          case 'ok':
            return reply.code(201).header('Location', `/api/v1/referrals/${out.reference}`).send({ reference: out.reference });
        }
      },
    );

    app.get(
      '/api/v1/referrals',
      {
        schema: {
          tags,
          summary:
            "Referrals: a partner sees its own agency's inbox; the clearinghouse sees those of tips in its reach, overdue acknowledgements first",
          querystring: z.object({ tip: tipParams.shape.reference.optional(), overdue: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ items: z.array(referralResponse) }), ...errors },
        },
      },
      async (request) => {
        const items =
          request.actor.kind === 'staff' && request.actor.role === 'partner'
            ? await partnerInbox(deps, requestContext(request))
            : await trackReferrals(deps, requestContext(request), {
                tipReference: request.query.tip,
                overdueOnly: request.query.overdue === 'true',
              });
        return { items: items.map(present) };
      },
    );

    app.get(
      '/api/v1/referrals/:reference',
      {
        schema: {
          tags,
          summary: 'One referral and its lead package (audited)',
          params: referralParams,
          response: { 200: z.object({ referral: referralResponse, package: leadPackageResponse }), ...errors },
        },
      },
      async (request, reply) => {
        const found = await readReferral(deps, requestContext(request), request.params.reference);
        if (!found) return notFound(reply);
        // As JSON would write it (dates as ISO strings), so the schema can check every field.
        return {
          referral: present(found.summary),
          package: JSON.parse(JSON.stringify(found.pkg)) as z.output<typeof leadPackageResponse>,
        };
      },
    );

    app.get(
      '/api/v1/referrals/:reference/package',
      {
        serializerCompiler: fileSerializer,
        schema: {
          tags,
          summary: 'The lead package as PDF, JSON or XML (audited)',
          params: referralParams,
          querystring: z.object({ format: z.enum(['pdf', 'json', 'xml']).default('pdf') }),
          response: {
            200: {
              description: 'The lead package file',
              content: {
                'application/pdf': { schema: z.string() },
                'application/json': { schema: z.string() },
                'application/xml': { schema: z.string() },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const found = await readReferral(deps, requestContext(request), request.params.reference);
        if (!found) return notFound(reply);
        const { format } = request.query;
        const name = `${request.params.reference}.${format}`;
        reply.header('Content-Disposition', `attachment; filename="${name}"`);
        if (format === 'pdf') {
          // Bytes bypass the serializer: the PDF goes out as rendered.
          reply.type('application/pdf').serializer((b: unknown) => b as string);
          return reply.send(Buffer.from(await renderLeadPackagePdf(found.pkg, { timeZone: deps.timeZone })) as unknown as string);
        }
        if (format === 'xml') return reply.type('application/xml; charset=utf-8').send(leadPackageXml(found.pkg));
        return reply.type('application/json; charset=utf-8').send(leadPackageJson(found.pkg));
      },
    );

    app.post(
      '/api/v1/referrals/:reference/passed-on',
      {
        validatorCompiler: bodyParsedByService,
        schema: {
          tags,
          summary:
            'The analyst records how a referral was passed on to an agency that is not on Beacon (phone, email, fax or in person; audited)',
          params: referralParams,
          body: passedOnSchema,
          response: { 200: z.object({ status: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await recordPassedOn(deps, requestContext(request), request.params.reference, request.body);
        switch (out.kind) {
          case 'not_found':
            return notFound(reply);
          case 'invalid':
            return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
          case 'not_allowed':
            return sendError(reply, 409, 'not_allowed', out.message);
          case 'ok':
            return { status: out.status };
        }
      },
    );

    app.post(
      '/api/v1/referrals/:reference/acknowledge',
      {
        schema: {
          tags,
          summary: 'A partner acknowledges a referral',
          params: referralParams,
          response: { 200: z.object({ status: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await respondToReferral(deps, requestContext(request), request.params.reference, { kind: 'acknowledge' });
        if (out.kind === 'not_found') return notFound(reply);
        if (out.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        return { status: out.status };
      },
    );

    app.post(
      '/api/v1/referrals/:reference/outcome',
      {
        validatorCompiler: bodyParsedByService,
        schema: {
          tags,
          summary: 'A partner reports back what came of a referral',
          params: referralParams,
          body: z.object({ outcome: z.enum(OUTCOMES), note: z.string().optional() }),
          response: { 200: z.object({ status: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await respondToReferral(deps, requestContext(request), request.params.reference, {
          kind: 'outcome',
          body: request.body,
        });
        if (out.kind === 'not_found') return notFound(reply);
        if (out.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        return { status: out.status };
      },
    );
  };
}
