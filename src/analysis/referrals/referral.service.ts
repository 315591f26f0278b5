import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { Database, Db } from '../../database.ts';
import { reportBody, type Report } from '../../intake/index.ts';
import {
  type Actor,
  answer,
  auditedChange,
  auditedRead,
  authorize,
  hasPermission,
  open,
  recordScope,
  refuse,
  type RequestContext,
  seal,
} from '../../security/index.ts';
import { fieldErrors } from '../../core/validation.ts';
import type { Invalid } from '../../core/result.ts';
import { agencyIdsOfStaff, proposeAgenciesFor, type ProposedAgency } from '../agencies/index.ts';
import type { LeadPackage } from '../package/index.ts';
import { tokensOf, type AnalysisDeps } from '../analyser.ts';
import { referralOutcomeNote, referralPackage, referralPassedOnNote } from '../analysis.sealed.ts';
import type { Trx } from '../analysis.tables.ts';
import { tipInScope } from '../triage/scope.ts';
import { findTip, readWorkbench } from '../triage/tip.service.ts';
import { buildLeadPackage } from './lead-package.ts';

export const OUTCOMES = ['investigation_opened', 'child_located', 'no_action', 'other'] as const;
/** Hours a partner has to acknowledge, by the tip's urgency. */
const ACKNOWLEDGE_WITHIN_HOURS: Record<string, number> = { immediate: 2, high: 8, elevated: 24, routine: 48 };

export async function proposeForTip(
  deps: AnalysisDeps,
  ctx: RequestContext,
  reference: string,
): Promise<ProposedAgency[] | null> {
  const { actor } = ctx;
  authorize(actor, 'referral.send');
  return auditedRead<ProposedAgency[] | null>(
    deps.db,
    ctx,
    { action: 'tip.agencies_proposed', target: { type: 'report', id: reference } },
    async (trx) => {
      const tip = await findTip(trx, actor, reference);
      if (!tip) return refuse(null);
      const proposed = await agenciesCoveringTip(trx, tip, open(deps.keyring, reportBody, tip.body_enc));
      return answer(proposed, { details: { count: proposed.length } });
    },
  );
}

/** The agencies proposed for a tip are exactly those that cover its place: any other needs a confirmation. */
async function agenciesCoveringTip(
  db: Db | Trx,
  tip: { state: string | null; city: string | null },
  report: Report,
): Promise<ProposedAgency[]> {
  const place = { state: report.location?.state ?? tip.state ?? undefined, city: report.location?.city ?? tip.city ?? undefined };
  return place.state || place.city ? proposeAgenciesFor(db, place) : [];
}

/** Why an analyst sends a tip to an agency that does not cover its place; codes, so the audit log holds no free text. */
export const OUTSIDE_JURISDICTION_REASONS = [
  'child_moved',
  'person_there',
  'agency_involved',
  'no_covering_agency',
  'other',
] as const;
export type OutsideJurisdictionReason = (typeof OUTSIDE_JURISDICTION_REASONS)[number];

export const referSchema = z
  .object({
    agencyId: z.uuid(),
    summary: z.string().trim().min(10).max(10_000),
    /** Required (true) when the agency does not cover the tip's place. */
    confirmOutsideJurisdiction: z.literal(true).optional(),
    outsideJurisdictionReason: z.enum(OUTSIDE_JURISDICTION_REASONS).optional(),
  })
  .refine((b) => b.confirmOutsideJurisdiction !== true || b.outsideJurisdictionReason !== undefined, {
    path: ['outsideJurisdictionReason'],
    message: "is required when referring outside the agency's jurisdiction",
  });

export type ReferOutcome =
  | { kind: 'ok'; reference: string }
  | { kind: 'not_found' }
  | { kind: 'not_allowed'; message: string }
  | { kind: 'no_agency' }
  | { kind: 'outside_jurisdiction' }
  | Invalid;

/**
 * Refers a tip in one transaction: the lead package is frozen (encrypted) as it was sent, the
 * tip leaves the open queue, and the referral waits in the agency's inbox. Any failure leaves nothing.
 */
export async function referTip(
  deps: AnalysisDeps,
  ctx: RequestContext,
  reference: string,
  input: unknown,
): Promise<ReferOutcome> {
  const { actor } = ctx;
  authorize(actor, 'referral.send');
  const parsed = referSchema.safeParse(input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, 'en') };
  const bench = await readWorkbench(deps, ctx, reference);
  if (!bench) return { kind: 'not_found' };
  return auditedChange<ReferOutcome>(deps.db, ctx, { action: 'referral.sent' }, async (trx) => {
    const tip = await findTip(trx, actor, reference, true);
    if (!tip) return refuse({ kind: 'not_found' });
    if (!['new', 'in_review', 'referred'].includes(tip.status))
      return refuse({ kind: 'not_allowed', message: 'Only an open or already referred tip can be referred.' });
    const agency = await trx
      .selectFrom('agencies')
      .select(['id', 'name', 'code', 'kind', 'phone', 'email'])
      .where('id', '=', parsed.data.agencyId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!agency) return refuse({ kind: 'no_agency' });
    const report = open(deps.keyring, reportBody, tip.body_enc);
    const covering = (await agenciesCoveringTip(trx, tip, report)).some((p) => p.agency.id === agency.id);
    if (!covering && parsed.data.confirmOutsideJurisdiction !== true) return refuse({ kind: 'outside_jurisdiction' });
    const outside = covering ? null : (parsed.data.outsideJurisdictionReason ?? null);
    const cases = await deps.caseMatchesFor(trx, tokensOf(deps.keyring, report), actor);
    const seq = await sql<{ n: string }>`select nextval('referral_reference_seq') as n`.execute(trx);
    const referralRef = `REF-${new Date().getUTCFullYear()}-${String(seq.rows[0]!.n).padStart(6, '0')}`;
    const pkg = buildLeadPackage({
      referralReference: referralRef,
      bench,
      report,
      cases,
      agency,
      analyst: actor,
      summary: parsed.data.summary,
      referredAt: new Date(),
    });
    const hours = ACKNOWLEDGE_WITHIN_HOURS[bench.priority] ?? 24;
    await trx
      .insertInto('referrals')
      .values({
        id: randomUUID(),
        reference: referralRef,
        report_id: tip.report_id,
        agency_id: agency.id,
        package_enc: seal(deps.keyring, referralPackage, pkg),
        sent_by: actor.id,
        acknowledge_by: new Date(Date.now() + hours * 3_600_000),
        outside_jurisdiction: outside,
      })
      .execute();
    await trx
      .updateTable('tip_triage')
      .set({ status: 'referred', updated_at: new Date(), version: sql<number>`version + 1` })
      .where('report_id', '=', tip.report_id)
      .execute();
    return answer(
      { kind: 'ok', reference: referralRef },
      {
        target: { type: 'referral', id: referralRef },
        details: { tip: reference, agency: agency.code, outsideJurisdiction: outside },
      },
    );
  });
}

export interface ReferralSummary {
  reference: string;
  tipReference: string;
  agencyName: string;
  status: string;
  sentAt: Date;
  acknowledgeBy: Date;
  overdue: boolean;
  acknowledgedAt: Date | null;
  outcome: string | null;
  outcomeNote: string | null;
  outcomeAt: Date | null;
  /** Why the analyst confirmed an agency that does not cover the tip's place; null when it covers it. */
  outsideJurisdiction: OutsideJurisdictionReason | null;
  agency: { phone: string | null; email: string | null; onBeacon: boolean };
  passedOn: PassedOn | null;
}

export const PASSED_ON_METHODS = ['phone', 'email', 'fax', 'in_person'] as const;
/** Who at the agency took the referral, by role: never a name, so the record holds no one's identity. */
export const PASSED_ON_TO_ROLES = ['duty_officer', 'investigator', 'supervisor', 'intake_desk', 'other'] as const;
export interface PassedOn {
  method: (typeof PASSED_ON_METHODS)[number];
  at: Date;
  toRole: (typeof PASSED_ON_TO_ROLES)[number];
  note: string | null;
  recordedAt: Date;
}

function referralQuery(db: Db | Trx) {
  return db
    .selectFrom('referrals as f')
    .innerJoin('agencies as a', 'a.id', 'f.agency_id')
    .innerJoin('tip_triage as t', 't.report_id', 'f.report_id')
    .select([
      'f.id',
      'f.reference',
      't.reference as tip_reference',
      'a.name as agency_name',
      'a.phone as agency_phone',
      'a.email as agency_email',
      'f.agency_id',
      'f.status',
      'f.sent_at',
      'f.acknowledge_by',
      'f.acknowledged_at',
      'f.outcome',
      'f.outcome_note_enc',
      'f.outcome_at',
      'f.package_enc',
      'f.outside_jurisdiction',
      'f.passed_on_method',
      'f.passed_on_at',
      'f.passed_on_to_role',
      'f.passed_on_note_enc',
      'f.passed_on_recorded_at',
    ])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('agency_members as m').select('m.staff_id').whereRef('m.agency_id', '=', 'f.agency_id'))
        .as('agency_on_beacon'),
    );
}
type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralQuery>['execute']>>[number];

function summary(deps: AnalysisDeps, r: ReferralRow): ReferralSummary {
  return {
    reference: r.reference,
    tipReference: r.tip_reference,
    agencyName: r.agency_name,
    status: r.status,
    sentAt: new Date(r.sent_at),
    acknowledgeBy: new Date(r.acknowledge_by),
    overdue: r.status === 'sent' && new Date(r.acknowledge_by).getTime() < Date.now(),
    acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
    outcome: r.outcome,
    outcomeNote: r.outcome_note_enc ? open(deps.keyring, referralOutcomeNote, r.outcome_note_enc) : null,
    outcomeAt: r.outcome_at ? new Date(r.outcome_at) : null,
    outsideJurisdiction: r.outside_jurisdiction as OutsideJurisdictionReason | null,
    agency: { phone: r.agency_phone, email: r.agency_email, onBeacon: Boolean(r.agency_on_beacon) },
    passedOn:
      r.passed_on_method && r.passed_on_at && r.passed_on_recorded_at
        ? {
            method: r.passed_on_method as PassedOn['method'],
            at: new Date(r.passed_on_at),
            toRole: (r.passed_on_to_role ?? 'other') as PassedOn['toRole'],
            note: r.passed_on_note_enc ? open(deps.keyring, referralPassedOnNote, r.passed_on_note_enc) : null,
            recordedAt: new Date(r.passed_on_recorded_at),
          }
        : null,
  };
}

/**
 * Who reaches a referral, in SQL: the clearinghouse by the tip's reach (as the tip routes), a
 * partner by its agencies. Anything else reads as missing.
 */
function inReach(db: Db, actor: Actor) {
  authorize(actor, hasPermission(actor, 'referral.track') ? 'referral.track' : 'referral.receive');
  const staffId = actor.id;
  if (hasPermission(actor, 'referral.track')) return tipInScope(recordScope(actor, 'report.read'));
  const agencies = db.selectFrom('agency_members as m').select('m.agency_id').where('m.staff_id', '=', staffId);
  return (eb: ExpressionBuilder<Database & { f: Database['referrals'] }, 'f'>) => eb('f.agency_id', 'in', agencies);
}

/** The clearinghouse's view: every referral of a tip in reach (or one tip's), overdue acknowledgements first. */
export async function trackReferrals(
  deps: AnalysisDeps,
  ctx: RequestContext,
  opts: { tipReference?: string; overdueOnly?: boolean },
) {
  const { actor } = ctx;
  authorize(actor, 'referral.track');
  return listed(deps, ctx, async (trx) => {
    let q = referralQuery(trx).where(inReach(deps.db, actor));
    if (opts.tipReference) q = q.where('t.reference', '=', opts.tipReference);
    if (opts.overdueOnly) q = q.where('f.status', '=', 'sent').where('f.acknowledge_by', '<', new Date());
    return q
      .orderBy(sql`(f.status = 'sent' and f.acknowledge_by < now())`, 'desc')
      .orderBy('f.sent_at', 'desc')
      .limit(200)
      .execute();
  });
}

/** A partner's inbox: only referrals to the partner's own agencies. */
export async function partnerInbox(deps: AnalysisDeps, ctx: RequestContext) {
  const { actor } = ctx;
  authorize(actor, 'referral.receive');
  return listed(deps, ctx, (trx) =>
    referralQuery(trx).where(inReach(deps.db, actor)).orderBy('f.sent_at', 'desc').limit(200).execute(),
  );
}

/** A list of referrals carries outcome notes about children: one entry per answer, naming the referrals shown. */
function listed(deps: AnalysisDeps, ctx: RequestContext, rowsOf: (trx: Trx) => Promise<ReferralRow[]>) {
  return auditedRead(deps.db, ctx, { action: 'referral.list' }, async (trx) => {
    const rows = await rowsOf(trx);
    return answer(
      rows.map((r) => summary(deps, r)),
      { details: { count: rows.length, references: rows.map((r) => r.reference).join(',') } },
    );
  });
}

/**
 * One referral with its lead package, within reach (see `inReach`); out of reach answers like a
 * referral that does not exist, and the attempt is audited.
 */
export async function readReferral(
  deps: AnalysisDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ summary: ReferralSummary; pkg: LeadPackage } | null> {
  const { actor } = ctx;
  return auditedRead<{ summary: ReferralSummary; pkg: LeadPackage } | null>(
    deps.db,
    ctx,
    { action: 'referral.read', target: { type: 'referral', id: reference } },
    async (trx) => {
      const row = await referralQuery(trx).where('f.reference', '=', reference).where(inReach(deps.db, actor)).executeTakeFirst();
      if (!row) return refuse(null, { action: 'referral.read_denied' });
      return answer({ summary: summary(deps, row), pkg: open(deps.keyring, referralPackage, row.package_enc) });
    },
  );
}

export const outcomeSchema = z.object({ outcome: z.enum(OUTCOMES), note: z.string().trim().max(10_000).optional() });

/** A partner acknowledges or reports back; only on its own agency's referrals, audited. */
export async function respondToReferral(
  deps: AnalysisDeps,
  ctx: RequestContext,
  reference: string,
  response: { kind: 'acknowledge' } | { kind: 'outcome'; body: unknown },
): Promise<{ kind: 'ok'; status: string } | { kind: 'not_found' } | Invalid> {
  const { actor } = ctx;
  authorize(actor, 'referral.receive');
  const parsed = response.kind === 'outcome' ? outcomeSchema.safeParse(response.body) : null;
  if (parsed && !parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, 'en') };
  const agencies = await agencyIdsOfStaff(deps.db, actor.id);
  const plan = {
    action: parsed ? 'referral.outcome' : 'referral.acknowledged',
    target: { type: 'referral', id: reference },
  } as const;
  return auditedChange<{ kind: 'ok'; status: string } | { kind: 'not_found' }>(deps.db, ctx, plan, async (trx) => {
    const row = await trx
      .selectFrom('referrals')
      .select(['id', 'agency_id', 'status', 'acknowledged_at'])
      .where('reference', '=', reference)
      .forUpdate()
      .executeTakeFirst();
    if (!row || !agencies.includes(row.agency_id)) return refuse({ kind: 'not_found' }, { action: 'referral.respond_denied' });
    const now = new Date();
    const ack = row.acknowledged_at ? {} : { acknowledged_at: now, acknowledged_by: actor.id };
    const values = parsed?.success
      ? {
          ...ack,
          status: 'outcome_reported',
          outcome: parsed.data.outcome,
          outcome_note_enc: parsed.data.note ? seal(deps.keyring, referralOutcomeNote, parsed.data.note) : null,
          outcome_at: now,
          outcome_by: actor.id,
        }
      : { ...ack, status: row.status === 'sent' ? 'acknowledged' : row.status };
    await trx.updateTable('referrals').set(values).where('id', '=', row.id).execute();
    return answer({ kind: 'ok', status: values.status }, { details: parsed?.success ? { outcome: parsed.data.outcome } : {} });
  });
}

export const passedOnSchema = z.object({
  method: z.enum(PASSED_ON_METHODS),
  at: z.iso.datetime({ offset: true }).describe('when the referral was passed on'),
  toRole: z.enum(PASSED_ON_TO_ROLES),
  note: z.string().trim().max(2_000).optional(),
});

/**
 * The analyst records how a referral reached an agency that is not on Beacon (phone, email, fax or
 * in person). Within the clearinghouse's reach; out of reach reads as missing. Audited with codes only.
 */
type PassedOnOutcome = { kind: 'ok'; status: string } | { kind: 'not_found' } | { kind: 'not_allowed'; message: string };

export async function recordPassedOn(
  deps: AnalysisDeps,
  ctx: RequestContext,
  reference: string,
  input: unknown,
): Promise<PassedOnOutcome | Invalid> {
  const { actor } = ctx;
  authorize(actor, 'referral.send');
  const parsed = passedOnSchema.safeParse(input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, 'en') };
  const at = new Date(parsed.data.at);
  if (at.getTime() > Date.now() + 5 * 60_000)
    return { kind: 'invalid', errors: [{ path: 'at', message: 'cannot be in the future' }] };
  return auditedChange<PassedOnOutcome>(
    deps.db,
    ctx,
    { action: 'referral.passed_on', target: { type: 'referral', id: reference } },
    async (trx) => {
      const row = await referralQuery(trx).where('f.reference', '=', reference).where(inReach(deps.db, actor)).executeTakeFirst();
      if (!row) return refuse({ kind: 'not_found' }, { action: 'referral.passed_on_denied' });
      if (row.agency_on_beacon)
        return refuse({ kind: 'not_allowed', message: 'The agency is on Beacon: it acknowledges the referral itself.' });
      const status = row.status === 'sent' ? 'passed_on' : row.status;
      await trx
        .updateTable('referrals')
        .set({
          status,
          passed_on_method: parsed.data.method,
          passed_on_at: at,
          passed_on_to_role: parsed.data.toRole,
          passed_on_note_enc: parsed.data.note ? seal(deps.keyring, referralPassedOnNote, parsed.data.note) : null,
          passed_on_by: actor.id,
          passed_on_recorded_at: new Date(),
        })
        .where('id', '=', row.id)
        .execute();
      return answer({ kind: 'ok', status }, { details: { method: parsed.data.method, toRole: parsed.data.toRole } });
    },
  );
}
