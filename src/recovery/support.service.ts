import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { FieldError } from '../core/result.ts';
import { fieldErrors } from '../core/validation.ts';
import {
  answer,
  auditedChange,
  auditedRead,
  hasPermission,
  open,
  refuse,
  seal,
  type RequestContext,
  type Trx,
} from '../security/index.ts';
import {
  NEED_DOMAIN_LABELS,
  NEED_DOMAINS,
  RECIPIENT_KINDS,
  SERVICE_KINDS,
  type NeedDomain,
  type ShareableDetail,
} from '../shared/recovery.ts';
import { ageOn, planInReach, todayOf, type Invalid, type NotFound, type RecoveryDeps } from './plans.service.ts';
import { referralFormPdf } from './referral-form.ts';
import { referralLegalReason, referralNote, serviceReason } from './recovery.sealed.ts';
import { consentFor, consentSchema, type Consent } from './rules/consent.ts';
import { referralStep, serviceSchema, type ReferralEvent } from './rules/referral.ts';

const notFound: NotFound = { kind: 'not_found' };
const invalid = (errors: FieldError[]): Invalid => ({ kind: 'invalid', errors });
const planTarget = (id: string) => ({ type: 'assistance_plan', id });
const staffId = (ctx: RequestContext) => (ctx.actor.kind === 'staff' ? ctx.actor.id : null);

async function consentsOf(trx: Trx, planId: string): Promise<Consent[]> {
  const rows = await trx
    .selectFrom('plan_consents')
    .select([
      'id',
      'given_by',
      'recipient_kind',
      'organisation',
      'shares',
      sql<string>`to_char(given_on, 'YYYY-MM-DD')`.as('given_on'),
      sql<string>`to_char(expires_on, 'YYYY-MM-DD')`.as('expires_on'),
      sql<string | null>`to_char(revoked_on, 'YYYY-MM-DD')`.as('revoked_on'),
    ])
    .where('plan_id', '=', planId)
    .orderBy('recorded_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    givenBy: r.given_by,
    recipientKind: r.recipient_kind as Consent['recipientKind'],
    ...(r.organisation ? { organisation: r.organisation } : {}),
    shares: r.shares as ShareableDetail[],
    givenOn: r.given_on,
    expiresOn: r.expires_on,
    ...(r.revoked_on ? { revokedOn: r.revoked_on } : {}),
  }));
}

async function supportOf(deps: RecoveryDeps, trx: Trx, planId: string) {
  const consents = await consentsOf(trx, planId);
  const services = await trx
    .selectFrom('plan_services')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('recorded_at')
    .execute();
  const referrals = await trx.selectFrom('plan_referrals').selectAll().where('plan_id', '=', planId).orderBy('sent_at').execute();
  return {
    consents,
    services: services.map((s) => ({
      id: s.id,
      kind: s.kind,
      providerId: s.provider_id,
      providerName: s.provider_name,
      appointmentAt: s.appointment_at?.toISOString() ?? null,
      provided: s.provided,
      reasonNotProvided: s.reason_not_provided_enc ? open(deps.keyring, serviceReason, s.reason_not_provided_enc) : null,
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      reference: r.reference,
      serviceKind: r.service_kind,
      recipientKind: r.recipient_kind,
      providerId: r.provider_id,
      providerName: r.provider_name,
      providerContact: r.provider_contact,
      needDomains: r.need_domains,
      consentId: r.consent_id,
      legalReason: r.legal_reason_enc ? open(deps.keyring, referralLegalReason, r.legal_reason_enc) : null,
      state: r.state,
      outcome: r.outcome,
      unsuccessfulReason: r.unsuccessful_reason,
      note: r.note_enc ? open(deps.keyring, referralNote, r.note_enc) : null,
      sentAt: r.sent_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    })),
  };
}
export type SupportView = Awaited<ReturnType<typeof supportOf>>;

/** Consents, services and referrals of a plan in reach. */
export async function planSupport(deps: RecoveryDeps, ctx: RequestContext, planId: string) {
  return auditedRead(deps.db, ctx, { action: 'plan.read', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.read', planId);
    if (!found) return refuse<SupportView | NotFound>(notFound);
    return answer(await supportOf(deps, trx, planId), { details: { part: 'support' } });
  });
}

const isRefusal = (o: object): o is Invalid | NotFound => 'kind' in o && (o.kind === 'invalid' || o.kind === 'not_found');

type Change = SupportView | NotFound | Invalid | { kind: 'closed' };

function supportChange(
  deps: RecoveryDeps,
  ctx: RequestContext,
  planId: string,
  action: 'consent.recorded' | 'consent.revoked' | 'plan_service.recorded',
  block: (trx: Trx) => Promise<Invalid | NotFound | Record<string, string>>,
): Promise<Change> {
  return auditedChange(deps.db, ctx, { action, target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.write', planId, true);
    if (!found) return refuse<Change>(notFound);
    if (found.plan.closed_at) return refuse({ kind: 'closed' });
    const out = await block(trx);
    if (isRefusal(out)) return refuse(out);
    return answer(await supportOf(deps, trx, planId), { details: out });
  });
}

/** Records who consented to what being shared with which kind of recipient, until when. */
export async function recordConsent(deps: RecoveryDeps, ctx: RequestContext, planId: string, body: unknown): Promise<Change> {
  const parsed = consentSchema.safeParse(body);
  if (!parsed.success) return invalid(fieldErrors(parsed.error, 'en'));
  const c = parsed.data;
  return supportChange(deps, ctx, planId, 'consent.recorded', async (trx) => {
    const id = randomUUID();
    await trx
      .insertInto('plan_consents')
      .values({
        id,
        plan_id: planId,
        given_by: c.givenBy,
        recipient_kind: c.recipientKind,
        organisation: c.organisation ?? null,
        shares: c.shares,
        given_on: c.givenOn,
        expires_on: c.expiresOn,
        recorded_by: staffId(ctx),
      })
      .execute();
    return { consent: id, recipientKind: c.recipientKind, givenBy: c.givenBy };
  });
}

export async function revokeConsent(deps: RecoveryDeps, ctx: RequestContext, planId: string, consentId: string): Promise<Change> {
  return supportChange(deps, ctx, planId, 'consent.revoked', async (trx) => {
    const row = await trx
      .selectFrom('plan_consents')
      .select('revoked_on')
      .where('id', '=', consentId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (!row) return notFound;
    // Revoking twice keeps the first date: the consent ended then.
    if (row.revoked_on === null)
      await trx
        .updateTable('plan_consents')
        .set({ revoked_on: todayOf(deps) })
        .where('id', '=', consentId)
        .execute();
    return { consent: consentId };
  });
}

export async function recordService(deps: RecoveryDeps, ctx: RequestContext, planId: string, body: unknown): Promise<Change> {
  const parsed = serviceSchema.safeParse(body);
  if (!parsed.success) return invalid(fieldErrors(parsed.error, 'en'));
  const s = parsed.data;
  return supportChange(deps, ctx, planId, 'plan_service.recorded', async (trx) => {
    const id = randomUUID();
    await trx
      .insertInto('plan_services')
      .values({
        id,
        plan_id: planId,
        kind: s.kind,
        provider_id: s.providerId ?? null,
        provider_name: s.providerName,
        appointment_at: s.appointmentAt ?? null,
        provided: s.provided,
        reason_not_provided_enc: s.reasonNotProvided ? seal(deps.keyring, serviceReason, s.reasonNotProvided) : null,
        recorded_by: staffId(ctx),
      })
      .execute();
    return { service: id, kind: s.kind };
  });
}

export const referralBody = z.object({
  providerId: z.uuid().optional(),
  providerName: z.string().trim().min(1).max(200),
  providerContact: z.string().trim().max(300).optional(),
  serviceKind: z.enum(SERVICE_KINDS),
  recipientKind: z.enum(RECIPIENT_KINDS),
  needDomains: z.array(z.enum(NEED_DOMAINS)).max(9).default([]),
  /** Only a supervisor may send without a matching consent, and only with a legal reason, recorded. */
  legalReason: z.string().trim().min(10).max(2000).optional(),
});

const CONSENT_REFUSALS: Record<string, string> = {
  none: 'There is no recorded consent to share with this kind of provider. Record the consent first.',
  expired: 'The consent to share with this kind of provider has expired. Record a new consent first.',
  revoked: 'The consent to share with this kind of provider was revoked. Record a new consent first.',
  other_organisation: 'The consent recorded names another organisation. Record a consent for this provider first.',
  needs_guardian: 'The young person is under 14, so a parent’s or guardian’s consent is needed. Record it first.',
  needs_young_person:
    'The young person is 14 or over, so their own consent is needed; a guardian’s alone is not enough. Record their consent first.',
};

export type SendOutcome =
  SupportView | NotFound | Invalid | { kind: 'closed' } | { kind: 'no_consent'; reason: string; message: string };

/** Sends a referral to a provider: only with a matching, unexpired consent, or a supervisor's recorded legal reason. */
export async function sendReferral(deps: RecoveryDeps, ctx: RequestContext, planId: string, body: unknown): Promise<SendOutcome> {
  const parsed = referralBody.safeParse(body);
  if (!parsed.success) return invalid(fieldErrors(parsed.error, 'en'));
  const r = parsed.data;
  if (r.legalReason && !hasPermission(ctx.actor, 'plan.approve'))
    return invalid([{ path: 'legalReason', message: 'may be recorded by a supervisor only' }]);
  return auditedChange(deps.db, ctx, { action: 'plan_referral.sent', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.write', planId, true);
    if (!found) return refuse<SendOutcome>(notFound);
    if (found.plan.closed_at) return refuse({ kind: 'closed' });
    const today = todayOf(deps);
    const match = consentFor(
      await consentsOf(trx, planId),
      { recipientKind: r.recipientKind, ...(r.providerId ? { organisation: r.providerId } : {}) },
      ageOn(found.kase.child, today),
      today,
    );
    if (!match.ok && !r.legalReason)
      return refuse(
        { kind: 'no_consent', reason: match.reason, message: CONSENT_REFUSALS[match.reason] ?? CONSENT_REFUSALS.none! },
        { action: 'plan_referral.refused', details: { reason: match.reason, recipientKind: r.recipientKind } },
      );
    const id = randomUUID();
    await trx
      .insertInto('plan_referrals')
      .values({
        id,
        plan_id: planId,
        reference: sql<string>`${`PR-${today.slice(0, 4)}-`} || lpad(nextval('plan_referral_reference_seq')::text, 6, '0')`,
        service_kind: r.serviceKind,
        recipient_kind: r.recipientKind,
        provider_id: r.providerId ?? null,
        provider_name: r.providerName,
        provider_contact: r.providerContact ?? null,
        need_domains: r.needDomains,
        consent_id: match.ok ? match.consent.id : null,
        legal_reason_enc: !match.ok && r.legalReason ? seal(deps.keyring, referralLegalReason, r.legalReason) : null,
        legal_reason_by: !match.ok && r.legalReason ? staffId(ctx) : null,
        sent_by: staffId(ctx),
      })
      .execute();
    return answer(await supportOf(deps, trx, planId), {
      details: { referral: id, recipientKind: r.recipientKind, grounds: match.ok ? 'consent' : 'legal_reason' },
    });
  });
}

export const referralEventBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept') }),
  z.object({ kind: z.literal('decline'), reason: z.string().trim().max(1000).optional() }),
  z.object({ kind: z.literal('revoke'), reason: z.string().trim().min(1).max(1000) }),
  z.object({
    kind: z.literal('close'),
    outcome: z.enum(['successful', 'not_successful']),
    reason: z.string().optional(),
    note: z.string().trim().max(1000).optional(),
  }),
]);

const STEP_MESSAGES: Record<string, string> = {
  reason_required: 'A referral closed as not successful needs the reason.',
  note_required: 'When the reason is "other", say what happened in the note.',
};

export type EventOutcome = SupportView | NotFound | Invalid | { kind: 'not_allowed'; message: string };

/** Records what the provider answered and how the referral ended. */
export async function recordReferralEvent(
  deps: RecoveryDeps,
  ctx: RequestContext,
  planId: string,
  referralId: string,
  body: unknown,
): Promise<EventOutcome> {
  const parsed = referralEventBody.safeParse(body);
  if (!parsed.success) return invalid(fieldErrors(parsed.error, 'en'));
  const event = parsed.data as ReferralEvent;
  return auditedChange(deps.db, ctx, { action: 'plan_referral.updated', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.write', planId, true);
    if (!found) return refuse<EventOutcome>(notFound);
    const row = await trx
      .selectFrom('plan_referrals')
      .selectAll()
      .where('id', '=', referralId)
      .where('plan_id', '=', planId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return refuse(notFound);
    const step = referralStep(row.state, event);
    if (!step.ok) {
      const message =
        STEP_MESSAGES[step.problem] ?? `A referral that is ${row.state.replace('_', ' ')} cannot be changed that way.`;
      if (step.problem === 'reason_required') return refuse(invalid([{ path: 'reason', message: 'is required: say why' }]));
      if (step.problem === 'note_required')
        return refuse(invalid([{ path: 'note', message: 'is required when the reason is "other"' }]));
      return refuse({ kind: 'not_allowed', message });
    }
    const note =
      'note' in event && event.note ? event.note : 'reason' in event && event.kind !== 'close' ? event.reason : undefined;
    await trx
      .updateTable('plan_referrals')
      .set({
        state: step.state,
        updated_at: new Date(),
        ...(event.kind === 'close'
          ? { outcome: event.outcome, unsuccessful_reason: event.outcome === 'not_successful' ? event.reason : null }
          : {}),
        ...(note ? { note_enc: seal(deps.keyring, referralNote, note) } : {}),
      })
      .where('id', '=', referralId)
      .execute();
    return answer(await supportOf(deps, trx, planId), { details: { referral: referralId, from: row.state, to: step.state } });
  });
}

/**
 * The referral form for a provider outside Beacon, holding only what the consent allows. A referral
 * sent on a supervisor's legal reason has no consent to limit it, so it has no form: the supervisor
 * shares what the law requires, outside Beacon's forms.
 */
export async function referralForm(
  deps: RecoveryDeps,
  ctx: RequestContext,
  planId: string,
  referralId: string,
  organisation: string,
) {
  type Out = Uint8Array | NotFound | { kind: 'no_consent' };
  return auditedRead(deps.db, ctx, { action: 'plan_referral.form_read', target: planTarget(planId) }, async (trx) => {
    const found = await planInReach(deps, trx, ctx.actor, 'plan.write', planId);
    if (!found) return refuse<Out>(notFound);
    const row = await trx
      .selectFrom('plan_referrals')
      .selectAll()
      .where('id', '=', referralId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (!row) return refuse<Out>(notFound);
    const consent = row.consent_id ? (await consentsOf(trx, planId)).find((c) => c.id === row.consent_id) : undefined;
    if (!consent) return refuse<Out>({ kind: 'no_consent' });
    const child = found.kase.child;
    const pdf = await referralFormPdf({
      reference: row.reference,
      date: row.sent_at.toISOString().slice(0, 10),
      provider: { name: row.provider_name, ...(row.provider_contact ? { contact: row.provider_contact } : {}) },
      serviceKind: row.service_kind,
      needDomains: row.need_domains,
      details: {
        firstName: child.firstName,
        fullName: child.fullName,
        ...(child.dateOfBirth ? { dateOfBirth: child.dateOfBirth } : {}),
        ...(child.gender ? { gender: child.gender.replaceAll('_', ' ') } : {}),
        languages: child.languages,
        ...(child.placement ? { placement: child.placement } : {}),
        ...(child.guardianContact ? { contact: child.guardianContact } : {}),
        needs: (row.need_domains as NeedDomain[]).map((d) => NEED_DOMAIN_LABELS[d]),
      },
      consent,
      clearinghouse: { organisation, role: 'Recovery services' },
    });
    return answer<Out>(pdf, { details: { referral: referralId } });
  });
}
