import { randomUUID } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import type { Lang } from '../../core/deployment.ts';
import type { FieldError } from '../../core/result.ts';
import type { Db } from '../../database.ts';
import type { ReportDraftsTable } from '../intake.tables.ts';
import {
  answer,
  auditedChange,
  auditedRead,
  authorize,
  type Keyring,
  open,
  refuse,
  type RequestContext,
  seal,
} from '../../security/index.ts';
import { draftBody } from '../intake.sealed.ts';
import { submitReport, type Channel } from '../intake.service.ts';
import { draftToReportBody } from './hotline.draft.ts';
import * as repo from './hotline.repo.ts';
import type { CallInput, DraftReport, SaveDraftInput } from './hotline.schema.ts';

export interface HotlineDeps {
  db: Db;
  keyring: Keyring;
}

/** Autosave runs every few seconds; the audit log records a draft's saves at most this often. */
export const SAVE_AUDIT_INTERVAL_MS = 60_000;
const HOTLINE_CHANNEL: Channel = 'hotline';

type DraftRow = Selectable<ReportDraftsTable>;

export interface CallView {
  startedAt: Date;
  endedAt: Date | null;
  language: string | null;
  callerType: string | null;
  callbackConsent: boolean | null;
}

export interface DraftView {
  id: string;
  status: DraftRow['status'];
  version: number;
  reference: string | null;
  call: CallView;
  report: DraftReport;
  createdAt: Date;
  updatedAt: Date;
}

export interface DraftSummary {
  id: string;
  version: number;
  call: CallView;
  updatedAt: Date;
}

type NotFound = { kind: 'not_found' };
/** The draft was already submitted or discarded: it can no longer change. */
type Closed = { kind: 'closed'; status: DraftRow['status']; reference: string | null };

const target = (id: string) => ({ type: 'report_draft', id });

function callOf(
  row: Pick<DraftRow, 'call_started_at' | 'call_ended_at' | 'call_language' | 'caller_type' | 'callback_consent'>,
): CallView {
  return {
    startedAt: new Date(row.call_started_at),
    endedAt: row.call_ended_at === null ? null : new Date(row.call_ended_at),
    language: row.call_language,
    callerType: row.caller_type,
    callbackConsent: row.callback_consent,
  };
}

function viewOf(deps: HotlineDeps, row: DraftRow): DraftView {
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    reference: row.report_reference,
    call: callOf(row),
    report: open(deps.keyring, draftBody, row.body_enc),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function callColumns(call: CallInput | undefined): Updateable<ReportDraftsTable> {
  if (!call) return {};
  const out: Updateable<ReportDraftsTable> = {};
  if (call.language !== undefined) out.call_language = call.language;
  if (call.callerType !== undefined) out.caller_type = call.callerType;
  if (call.callbackConsent !== undefined) out.callback_consent = call.callbackConsent;
  if (call.ended === false) out.call_ended_at = null;
  return out;
}

/** A retried save whose answer was lost: same content, one version behind. */
function isSameSave(deps: HotlineDeps, row: DraftRow, input: SaveDraftInput): boolean {
  if (row.version !== input.version + 1) return false;
  const stored = open(deps.keyring, draftBody, row.body_enc);
  if (JSON.stringify(stored) !== JSON.stringify(input.report)) return false;
  const c = input.call ?? {};
  return (
    (c.language === undefined || c.language === row.call_language) &&
    (c.callerType === undefined || c.callerType === row.caller_type) &&
    (c.callbackConsent === undefined || c.callbackConsent === row.callback_consent) &&
    (c.ended === undefined || c.ended === (row.call_ended_at !== null))
  );
}

/** An operator picks up a call: an empty draft, timed from now. */
export async function startDraft(
  deps: HotlineDeps,
  ctx: RequestContext,
  input: { call?: CallInput | undefined },
): Promise<{ kind: 'ok'; draft: DraftView }> {
  const { actor } = ctx;
  authorize(actor, 'draft.write');
  const id = randomUUID();
  return auditedChange(deps.db, ctx, { action: 'draft.create', target: target(id) }, async (trx) => {
    const row = await repo.insertDraft(trx, {
      id,
      operator_id: actor.id,
      status: 'draft',
      body_enc: seal(deps.keyring, draftBody, {}),
      call_started_at: new Date(),
      version: 1,
      ...callColumns({ ...input.call, ended: undefined }),
    });
    return answer({ kind: 'ok', draft: viewOf(deps, row) } as const);
  });
}

export async function listDrafts(deps: HotlineDeps, ctx: RequestContext): Promise<DraftSummary[]> {
  const { actor } = ctx;
  authorize(actor, 'draft.write');
  return auditedRead(deps.db, ctx, { action: 'draft.list' }, async (trx) => {
    const rows = await repo.listOpenDrafts(trx, actor.id);
    return answer(
      rows.map((r) => ({ id: r.id, version: r.version, call: callOf(r), updatedAt: new Date(r.updated_at) })),
      { details: { count: rows.length } },
    );
  });
}

export async function readDraft(
  deps: HotlineDeps,
  ctx: RequestContext,
  id: string,
): Promise<{ kind: 'ok'; draft: DraftView } | NotFound> {
  const { actor } = ctx;
  authorize(actor, 'draft.write');
  return auditedRead<{ kind: 'ok'; draft: DraftView } | NotFound>(
    deps.db,
    ctx,
    { action: 'draft.read', target: target(id) },
    async (trx) => {
      const row = await repo.findOwnDraft(trx, actor.id, id);
      if (!row) return refuse({ kind: 'not_found' });
      return answer({ kind: 'ok', draft: viewOf(deps, row) });
    },
  );
}

export type SaveOutcome =
  { kind: 'ok'; version: number; updatedAt: Date } | { kind: 'stale'; currentVersion: number } | NotFound | Closed;

/** Autosave: replaces the draft's content if the caller saw the latest version (optimistic concurrency). */
export async function saveDraft(deps: HotlineDeps, ctx: RequestContext, id: string, input: SaveDraftInput): Promise<SaveOutcome> {
  const { actor } = ctx;
  authorize(actor, 'draft.write');
  return auditedChange<SaveOutcome>(deps.db, ctx, { action: 'draft.save', target: target(id) }, async (trx) => {
    const row = await repo.lockOwnDraft(trx, actor.id, id);
    if (!row) return refuse({ kind: 'not_found' });
    if (row.status !== 'draft') return refuse({ kind: 'closed', status: row.status, reference: row.report_reference });
    if (row.version !== input.version) {
      // The same save again (a retry) changes nothing and answers as the first did.
      if (isSameSave(deps, row, input)) return refuse({ kind: 'ok', version: row.version, updatedAt: new Date(row.updated_at) });
      return refuse({ kind: 'stale', currentVersion: row.version });
    }
    const now = Date.now();
    const auditDue = row.save_audited_at === null || now - new Date(row.save_audited_at).getTime() >= SAVE_AUDIT_INTERVAL_MS;
    const saved = await repo.updateDraft(
      trx,
      id,
      {
        body_enc: seal(deps.keyring, draftBody, input.report),
        ...callColumns(input.call),
        ...(auditDue ? { save_audited_at: new Date(now) } : {}),
      },
      { endCall: input.call?.ended === true },
    );
    // Autosave is recorded at most once per interval: no notes, no entry.
    return answer(
      { kind: 'ok', version: saved.version, updatedAt: new Date(saved.updated_at) },
      auditDue ? { details: { version: saved.version } } : [],
    );
  });
}

export type SubmitDraftOutcome =
  | { kind: 'ok'; reference: string; replayed: boolean }
  | { kind: 'invalid'; errors: FieldError[] }
  /** A report was made from an earlier state of this draft, and the draft changed since. */
  | { kind: 'conflict' }
  | NotFound
  | Closed;

/**
 * Turns the draft into a report. The draft row stays locked while the report is written (in its
 * own transaction, keyed `draft:<id>`), so a concurrent save or submit waits; if this
 * transaction fails after the report committed, a retry replays the same reference.
 */
export async function submitDraft(
  deps: HotlineDeps,
  ctx: RequestContext,
  id: string,
  opts: { lang: Lang },
): Promise<SubmitDraftOutcome> {
  const { actor } = ctx;
  authorize(actor, 'draft.submit');
  return auditedChange<SubmitDraftOutcome>(deps.db, ctx, { action: 'draft.submit', target: target(id) }, async (trx) => {
    const row = await repo.lockOwnDraft(trx, actor.id, id);
    if (!row) return refuse({ kind: 'not_found' });
    if (row.status === 'submitted' && row.report_reference !== null) {
      const reference = row.report_reference;
      return answer({ kind: 'ok', reference, replayed: true }, { details: { reference, replayed: true } });
    }
    if (row.status !== 'draft') return refuse({ kind: 'closed', status: row.status, reference: row.report_reference });
    const body = withCallbackConsent(draftToReportBody(open(deps.keyring, draftBody, row.body_enc)), row.callback_consent);
    const call = callOf(row);
    const outcome = await submitReport(deps, {
      body,
      channel: HOTLINE_CHANNEL,
      idempotencyKey: `draft:${id}`,
      requestId: ctx.requestId,
      lang: opts.lang,
      actor,
      call: { ...call, startedAt: call.startedAt.toISOString(), endedAt: (call.endedAt ?? new Date()).toISOString() },
    });
    if (outcome.kind === 'invalid') return refuse(outcome);
    if (outcome.kind === 'idempotency_mismatch') return refuse({ kind: 'conflict' });
    await repo.updateDraft(
      trx,
      id,
      {
        status: 'submitted',
        report_reference: outcome.reference,
        // The report is now the record; the draft keeps no second copy of what was said.
        body_enc: seal(deps.keyring, draftBody, {}),
      },
      { endCall: true },
    );
    return answer(
      { kind: 'ok', reference: outcome.reference, replayed: outcome.kind === 'replayed' },
      { details: { reference: outcome.reference } },
    );
  });
}

/** Consent is asked once, as "may we call the caller back?": the answer is the tip's consent to contact. */
function withCallbackConsent(body: Record<string, unknown>, consent: boolean | null): Record<string, unknown> {
  if (consent === null) return body;
  const reporter = (body.reporter ?? {}) as Record<string, unknown>;
  return { ...body, reporter: { ...reporter, consentToContact: consent } };
}

export async function discardDraft(
  deps: HotlineDeps,
  ctx: RequestContext,
  id: string,
): Promise<{ kind: 'ok' } | NotFound | Closed> {
  const { actor } = ctx;
  authorize(actor, 'draft.write');
  return auditedChange<{ kind: 'ok' } | NotFound | Closed>(
    deps.db,
    ctx,
    { action: 'draft.discard', target: target(id) },
    async (trx) => {
      const row = await repo.lockOwnDraft(trx, actor.id, id);
      if (!row) return refuse({ kind: 'not_found' });
      // Discarded already: nothing happens, nothing is recorded.
      if (row.status === 'discarded') return refuse({ kind: 'ok' });
      if (row.status !== 'draft') return refuse({ kind: 'closed', status: row.status, reference: row.report_reference });
      await repo.updateDraft(trx, id, { status: 'discarded' }, { endCall: true });
      return answer({ kind: 'ok' });
    },
  );
}
