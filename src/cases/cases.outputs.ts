import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Insertable } from 'kysely';
import { z } from 'zod';
import type { Deployment } from '../core/deployment.ts';
import type { CasePosterApprovalsTable } from './cases.tables.ts';
import { bodyParsedByService, errorBody, requestContext, sendError } from '../http/index.ts';
import { answer, auditedRead, authorize, open, refuse, type RequestContext } from '../security/index.ts';
import { parseWith } from './cases.checks.ts';
import { caseChange, caseRead } from './cases.audited.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { caseRef, type CaseDetails } from './cases.schema.ts';
import { caseBody, caseEpisodeBody } from './cases.sealed.ts';
import { caseTarget, nowOf, type CasesDeps, type Closed, type NotFound } from './cases.service.ts';
import { renderPoster, type PosterInput } from './poster.ts';
import { firstPhoto } from './cases.photos.ts';
import type { FileStore } from '../intake/index.ts';
import { afcarsCsv, toAfcarsRecord, type AfcarsEpisode, type AfcarsRecord, type ScreeningOutcome } from './rules/afcars.ts';
import { ageInYears, parseDateOfBirth } from './rules/episodes.ts';

/**
 * What leaves Beacon about a case: the missing-child poster (only once a supervisor approved it)
 * and the AFCARS-shaped facts of its episodes (supervisors only). Every output is audited.
 */

export interface OutputsDeps extends CasesDeps {
  deployment: Pick<Deployment, 'orgName' | 'hotlineDisplay' | 'emergencyNumber' | 'timeZone'>;
  /** Where case photos are sealed; without it the poster says the photo is not available. */
  files?: FileStore;
}

async function approvalOf(trx: repo.Trx, caseId: string) {
  return trx.selectFrom('case_poster_approvals').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

async function saveApproval(trx: repo.Trx, row: Insertable<CasePosterApprovalsTable>) {
  await trx
    .insertInto('case_poster_approvals')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('case_id')
        .doUpdateSet({ case_version: row.case_version, approved_by: row.approved_by, approved_at: row.approved_at }),
    )
    .execute();
}

// ---- poster -----------------------------------------------------------------------------------

/** The episode the poster is about: the latest one without a recovery. */
const openEpisode = (episodes: repo.EpisodeRow[]) =>
  episodes
    .filter((e) => e.recovered_at === null)
    .sort((a, b) => new Date(b.known_missing_at).getTime() - new Date(a.known_missing_at).getTime())[0];

export interface PosterApproval {
  caseVersion: number;
  approvedBy: string;
  approvedAt: Date;
}

export type ApproveOutcome =
  | { kind: 'ok'; approval: PosterApproval }
  | { kind: 'stale'; currentVersion: number }
  | { kind: 'not_missing' }
  | { kind: 'invalid'; errors: { path: string; message: string }[] }
  | NotFound
  | Closed;

export const posterApprovalBody = z.object({
  /** The case version the supervisor looked at; a later change answers 409 instead of approving unseen content. */
  version: z.number().int().min(1).optional(),
});

export async function approvePoster(
  deps: OutputsDeps,
  ctx: RequestContext,
  reference: string,
  body: unknown,
): Promise<ApproveOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.poster_approve');
  const parsed = parseWith(posterApprovalBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  return caseChange<ApproveOutcome>(
    deps,
    ctx,
    { reference, action: 'case.poster_approve', permission: 'case.poster_approve' },
    async (trx, row) => {
      if (parsed.value.version !== undefined && parsed.value.version !== row.version)
        return refuse({ kind: 'stale', currentVersion: row.version });
      if (!openEpisode(await repo.episodesOf(trx, row.id))) return refuse({ kind: 'not_missing' });
      const approval = { caseVersion: row.version, approvedBy: actor.id, approvedAt: nowOf(deps) };
      await saveApproval(trx, {
        case_id: row.id,
        case_version: approval.caseVersion,
        approved_by: approval.approvedBy,
        approved_at: approval.approvedAt,
      });
      return answer({ kind: 'ok', approval }, { details: { version: row.version } });
    },
  );
}

export interface PosterState {
  /** The case version now: an approval or a request of an older version no longer counts. */
  caseVersion: number;
  missing: boolean;
  request: { caseVersion: number; requestedBy: string; requestedAt: Date } | null;
  approval: PosterApproval | null;
}

/** Where the poster of a case stands: asked for, approved (for which version), and whether there is a missing episode. */
export async function posterState(
  deps: OutputsDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; state: PosterState } | NotFound> {
  authorize(ctx.actor, 'case.poster');
  return caseRead(deps, ctx, { reference, action: 'case.poster_state', permission: 'case.poster' }, async (trx, row) => {
    const approval = await trx.selectFrom('case_poster_approvals').selectAll().where('case_id', '=', row.id).executeTakeFirst();
    const request = await trx.selectFrom('case_poster_requests').selectAll().where('case_id', '=', row.id).executeTakeFirst();
    const missing = openEpisode(await repo.episodesOf(trx, row.id)) !== undefined;
    // Whether the child is missing now is about the child: the look is recorded.
    return answer(
      {
        kind: 'ok',
        state: {
          caseVersion: row.version,
          missing,
          request: request
            ? {
                caseVersion: request.case_version,
                requestedBy: request.requested_by,
                requestedAt: new Date(request.requested_at),
              }
            : null,
          approval: approval
            ? { caseVersion: approval.case_version, approvedBy: approval.approved_by, approvedAt: new Date(approval.approved_at) }
            : null,
        },
      } as const,
      { details: { version: row.version } },
    );
  });
}

/** A case manager asks a supervisor to approve the poster of the case as it is now (audited). */
export async function requestPoster(
  deps: OutputsDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok' } | { kind: 'not_missing' } | NotFound | Closed> {
  const { actor } = ctx;
  authorize(actor, 'case.poster');
  return caseChange<{ kind: 'ok' } | { kind: 'not_missing' }>(
    deps,
    ctx,
    { reference, action: 'case.poster_request', permission: 'case.poster' },
    async (trx, row) => {
      if (!openEpisode(await repo.episodesOf(trx, row.id))) return refuse({ kind: 'not_missing' });
      const values = { case_id: row.id, case_version: row.version, requested_by: actor.id, requested_at: nowOf(deps) };
      await trx
        .insertInto('case_poster_requests')
        .values(values)
        .onConflict((oc) =>
          oc.column('case_id').doUpdateSet({
            case_version: values.case_version,
            requested_by: values.requested_by,
            requested_at: values.requested_at,
          }),
        )
        .execute();
      return answer({ kind: 'ok' }, { details: { version: row.version } });
    },
  );
}

export type PosterOutcome =
  | { kind: 'ok'; pdf: Uint8Array }
  | { kind: 'not_approved'; reason: 'never' | 'changed' }
  | { kind: 'not_missing' }
  | NotFound
  | Closed;

const GENDER_TEXT: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  transgender_female: 'Transgender female',
  transgender_male: 'Transgender male',
  non_binary: 'Non-binary',
  other: 'Other',
};
const MARK_TEXT: Record<string, string> = {
  tattoo: 'Tattoo',
  branding: 'Branding',
  scar: 'Scar',
  birthmark: 'Birthmark',
  piercing: 'Piercing',
  other: 'Mark',
};

type EpisodeSecret = { lastSeen?: { place?: string; city?: string; state?: string } };

/** The case's details, as the poster shows them; nothing about placement, contacts or identifiers. */
export function posterInputOf(
  details: CaseDetails,
  episode: { knownMissingAt: Date; lastSeen?: EpisodeSecret['lastSeen'] },
  reference: string,
  deployment: OutputsDeps['deployment'],
  now: Date,
): PosterInput {
  const { identity, description } = details;
  const born = parseDateOfBirth(identity.dateOfBirth);
  const age = born ? ageInYears(born, now) : identity.approximateAge;
  const looks = [
    description.hair ? `Hair: ${description.hair}.` : '',
    description.eyes ? `Eyes: ${description.eyes}.` : '',
    description.text ?? '',
  ]
    .filter((s) => s.trim() !== '')
    .join(' ');
  const marks = description.marks
    .map((m) =>
      [MARK_TEXT[m.kind] ?? 'Mark', m.location ? `on ${m.location}` : '', m.description ? `: ${m.description}` : '']
        .filter(Boolean)
        .join(' ')
        .replace(' :', ':'),
    )
    .join('; ');
  const place = [episode.lastSeen?.place, episode.lastSeen?.city, episode.lastSeen?.state]
    .filter((s) => s && s.trim() !== '')
    .join(', ');
  const input: PosterInput = {
    orgName: deployment.orgName,
    hotlineDisplay: deployment.hotlineDisplay,
    emergencyNumber: deployment.emergencyNumber,
    childName: identity.name,
    description: looks === '' ? 'No description recorded.' : looks,
    missingSince: episode.knownMissingAt,
    caseReference: reference,
    timeZone: deployment.timeZone,
  };
  if (age !== undefined) input.age = age;
  const gender = identity.gender ? GENDER_TEXT[identity.gender] : undefined;
  if (gender) input.gender = gender;
  if (description.heightCm)
    input.heightText = `${description.heightCm} cm (${Math.floor(description.heightCm / 30.48)} ft ${Math.round((description.heightCm / 2.54) % 12)} in)`;
  if (description.weightKg) input.weightText = `${description.weightKg} kg (${Math.round(description.weightKg * 2.20462)} lb)`;
  if (marks !== '') input.distinguishingMarks = marks;
  if (place !== '') input.lastSeenPlace = place;
  return input;
}

export async function casePoster(
  deps: OutputsDeps,
  ctx: RequestContext,
  reference: string,
  lang: 'en' | 'es',
): Promise<PosterOutcome> {
  authorize(ctx.actor, 'case.poster');
  type Found = Exclude<PosterOutcome, { kind: 'ok' } | NotFound> | { kind: 'ok'; input: PosterInput };
  const found = await caseRead<Found>(
    deps,
    ctx,
    { reference, action: 'case.poster', permission: 'case.poster' },
    async (trx, row) => {
      if (row.status === 'closed') return refuse({ kind: 'closed' });
      const approval = await approvalOf(trx, row.id);
      if (!approval) return refuse({ kind: 'not_approved', reason: 'never' });
      if (approval.case_version !== row.version) return refuse({ kind: 'not_approved', reason: 'changed' });
      const episode = openEpisode(await repo.episodesOf(trx, row.id));
      if (!episode) return refuse({ kind: 'not_missing' });
      const details = open(deps.keyring, caseBody, row.body_enc);
      const secret = open(deps.keyring, caseEpisodeBody, episode.body_enc);
      const input = posterInputOf(
        details,
        { knownMissingAt: new Date(episode.known_missing_at), lastSeen: secret.lastSeen },
        reference,
        deps.deployment,
        nowOf(deps),
      );
      const photo = deps.files ? await firstPhoto(deps.files, trx, row.id) : undefined;
      if (photo) input.photo = photo;
      return answer({ kind: 'ok', input } as const, { details: { version: row.version } });
    },
  );
  if (found.kind !== 'ok') return found;
  return { kind: 'ok', pdf: await renderPoster({ ...found.input, lang }) };
}

// ---- AFCARS -----------------------------------------------------------------------------------

const dt = (v: Date | string | null) => (v === null ? undefined : new Date(v));

export function afcarsEpisode(e: repo.EpisodeRow): AfcarsEpisode {
  const out: AfcarsEpisode = { knownMissingAt: new Date(e.known_missing_at), leftFrom: e.left_from };
  const le = dt(e.reported_le_at);
  const recovered = dt(e.recovered_at);
  const screened = dt(e.screening_at);
  const victimReported = dt(e.victim_reported_at);
  if (le) out.reportedToLawEnforcementAt = le;
  if (recovered) out.recoveredAt = recovered;
  if (screened && e.screening_outcome) out.screening = { outcome: e.screening_outcome as ScreeningOutcome, at: screened };
  if (victimReported) out.victimReportedToLawEnforcementAt = victimReported;
  return out;
}

const afcarsOf = (reference: string, episodes: repo.EpisodeRow[], timeZone: string) =>
  toAfcarsRecord({ childId: reference, episodes: episodes.map(afcarsEpisode) }, { timeZone });

export async function caseAfcars(
  deps: OutputsDeps,
  ctx: RequestContext,
  reference: string,
  format: 'json' | 'csv',
): Promise<{ kind: 'ok'; record: AfcarsRecord } | NotFound> {
  authorize(ctx.actor, 'case.export');
  return caseRead(deps, ctx, { reference, action: 'case.export', permission: 'case.export' }, async (trx, row) =>
    answer({ kind: 'ok', record: afcarsOf(reference, await repo.episodesOf(trx, row.id), deps.deployment.timeZone) } as const, {
      details: { format: `afcars_${format}` },
    }),
  );
}

const PAGE = 500;

/**
 * Every case in the actor's scope changed on or after `since` that has an episode from care (the
 * only ones AFCARS asks about), one record each, oldest reference first; each case exported is audited.
 */
export async function afcarsExport(deps: OutputsDeps, ctx: RequestContext, since: Date | undefined): Promise<AfcarsRecord[]> {
  const { actor } = ctx;
  authorize(actor, 'case.export');
  return auditedRead(deps.db, ctx, { action: 'case.export' }, async (trx) => {
    const scope = caseScope(actor, 'case.export');
    const out: { reference: string; record: AfcarsRecord }[] = [];
    let before: repo.CaseCursor | undefined;
    for (;;) {
      const rows = await repo.listCases(trx, scope, { limit: PAGE, before });
      const fresh = since ? rows.filter((r) => new Date(r.updated_at).getTime() >= since.getTime()) : rows;
      for (const r of fresh) {
        const episodes = await repo.episodesOf(trx, r.id);
        if (!episodes.some((e) => e.left_from !== 'home')) continue;
        out.push({ reference: r.reference, record: afcarsOf(r.reference, episodes, deps.deployment.timeZone) });
      }
      const last = rows.at(-1);
      if (rows.length < PAGE || fresh.length < rows.length || !last) break;
      before = { updatedAt: new Date(last.updated_at).toISOString(), id: last.id };
    }
    // One entry per case exported, in the order they were read.
    const notes = out.map((o) => ({ target: caseTarget(o.reference), details: { format: 'afcars_csv', bulk: true } }));
    return answer(
      out.sort((a, b) => a.reference.localeCompare(b.reference)).map((o) => o.record),
      notes,
    );
  });
}

// ---- routes (registered by cases.routes.ts, inside its plugin: same hooks) ------------

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const afcarsValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const approvalResponse = z.object({
  reference: z.string(),
  caseVersion: z.number(),
  approvedBy: z.string(),
  approvedAt: z.string(),
});
const sinceQuery = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'is not a real date');

const notFound = (reply: FastifyReply) =>
  sendError(reply, 404, 'not_found', 'There is no case with that reference that you may see.');
const closedCase = (reply: FastifyReply) =>
  sendError(reply, 409, 'case_closed', 'This case is closed; a poster is only for a child who is missing.');
const notMissing = (reply: FastifyReply) =>
  sendError(reply, 409, 'not_missing', 'The case has no open missing episode, so there is nothing to put on a poster.');
const csvName = (s: string) => `attachment; filename="${s}"`;

export function registerCaseOutputs(fastify: FastifyInstance, deps: OutputsDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const base = '/api/v1/cases';

  app.post(
    `${base}/:reference/poster-approval`,
    {
      // Parsed by the service so the message names the field; the route only documents it.
      validatorCompiler: bodyParsedByService,
      schema: {
        tags,
        summary: 'Approve the missing-child poster of the case as it is now (supervisors; audited)',
        description:
          'Send the case `version` you reviewed to make sure nobody changed it since. A later change to the case needs a new approval.',
        params: caseRef,
        body: posterApprovalBody,
        response: { 200: approvalResponse, ...errors },
      },
    },
    async (request, reply) => {
      const out = await approvePoster(deps, requestContext(request), request.params.reference, request.body);
      switch (out.kind) {
        case 'invalid':
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        case 'not_found':
          return notFound(reply);
        case 'closed':
          return closedCase(reply);
        case 'not_missing':
          return notMissing(reply);
        case 'stale':
          return sendError(
            reply,
            409,
            'stale_version',
            'Someone changed this case since you opened it. Review it again, then approve.',
          );
        case 'ok':
          return {
            reference: request.params.reference,
            caseVersion: out.approval.caseVersion,
            approvedBy: out.approval.approvedBy,
            approvedAt: out.approval.approvedAt.toISOString(),
          };
      }
    },
  );

  const posterStateResponse = z.object({
    caseVersion: z.number(),
    missing: z.boolean(),
    request: z.object({ caseVersion: z.number(), requestedBy: z.string(), requestedAt: z.string() }).nullable(),
    approval: z.object({ caseVersion: z.number(), approvedBy: z.string(), approvedAt: z.string() }).nullable(),
  });
  app.get(
    `${base}/:reference/poster`,
    {
      schema: {
        tags,
        summary: 'Where the poster stands: requested, approved (for which version of the case)',
        params: caseRef,
        response: { 200: posterStateResponse, ...errors },
      },
    },
    async (request, reply) => {
      const out = await posterState(deps, requestContext(request), request.params.reference);
      if (out.kind === 'not_found') return notFound(reply);
      const { request: asked, approval } = out.state;
      return {
        caseVersion: out.state.caseVersion,
        missing: out.state.missing,
        request: asked && {
          caseVersion: asked.caseVersion,
          requestedBy: asked.requestedBy,
          requestedAt: asked.requestedAt.toISOString(),
        },
        approval: approval && {
          caseVersion: approval.caseVersion,
          approvedBy: approval.approvedBy,
          approvedAt: approval.approvedAt.toISOString(),
        },
      };
    },
  );

  app.post(
    `${base}/:reference/poster-request`,
    {
      schema: {
        tags,
        summary: 'Ask a supervisor to approve the poster of the case as it is now (audited)',
        params: caseRef,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const out = await requestPoster(deps, requestContext(request), request.params.reference);
      switch (out.kind) {
        case 'not_found':
          return notFound(reply);
        case 'closed':
          return closedCase(reply);
        case 'not_missing':
          return notMissing(reply);
        case 'ok':
          return reply.code(204).send(null);
      }
    },
  );

  app.get(
    `${base}/:reference/poster.pdf`,
    {
      schema: {
        tags,
        summary: 'The approved missing-child poster, as a PDF (audited)',
        description:
          'Answers 409 `poster_not_approved` until a supervisor approves the poster for the current version of the case.',
        params: caseRef,
        querystring: z.object({ lang: z.enum(['en', 'es']).default('en') }),
        response: {
          200: {
            description: 'One US-letter page (Content-Disposition: attachment)',
            content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const out = await casePoster(deps, requestContext(request), request.params.reference, request.query.lang);
      switch (out.kind) {
        case 'not_found':
          return notFound(reply);
        case 'closed':
          return closedCase(reply);
        case 'not_missing':
          return notMissing(reply);
        case 'not_approved':
          return sendError(
            reply,
            409,
            'poster_not_approved',
            out.reason === 'never'
              ? 'A supervisor has not approved a poster for this case yet.'
              : 'The case changed after the poster was approved; a supervisor needs to approve it again.',
          );
        // The typed reply knows only the documented (string) body; the bytes go out as a Buffer, unserialised.
        case 'ok':
          return (reply as FastifyReply)
            .type('application/pdf')
            .header('Content-Disposition', csvName(`poster-${request.params.reference}.pdf`))
            .send(Buffer.from(out.pdf));
      }
    },
  );

  app.get(
    `${base}/afcars.csv`,
    {
      schema: {
        tags,
        summary: 'AFCARS-shaped facts of every case in my teams with an episode from care (supervisors; each case audited)',
        description: '`since` (YYYY-MM-DD, midnight UTC): only cases changed on or after that day. Columns: docs/afcars.md.',
        querystring: z.object({ since: sinceQuery.optional() }),
        response: {
          200: {
            description: 'UTF-8 CSV with a byte-order mark, one row per child',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const since = request.query.since === undefined ? undefined : new Date(`${request.query.since}T00:00:00Z`);
      const records = await afcarsExport(deps, requestContext(request), since);
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', csvName('afcars.csv')).send(afcarsCsv(records));
    },
  );

  app.get(
    `${base}/:reference/afcars`,
    {
      schema: {
        tags,
        summary: 'The AFCARS-shaped facts of one case, as JSON or CSV (supervisors; audited)',
        params: caseRef,
        querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
        response: {
          200: {
            description: 'The record (JSON) or one CSV row',
            content: {
              'application/json': { schema: z.object({ record: z.record(z.string(), afcarsValue) }) },
              'text/csv': { schema: z.string() },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const out = await caseAfcars(deps, requestContext(request), request.params.reference, request.query.format);
      if (out.kind === 'not_found') return notFound(reply);
      if (request.query.format === 'json')
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ record: out.record }));
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', csvName(`afcars-${request.params.reference}.csv`))
        .send(afcarsCsv([out.record]));
    },
  );
}
