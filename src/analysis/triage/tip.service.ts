import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../database.ts';
import { reportBody } from '../../intake/index.ts';
import { advertsSharingTokens } from '../../leads/index.ts';
import {
  type Actor,
  answer,
  type AuditAction,
  auditedChange,
  auditedRead,
  authorize,
  blindIndex,
  coreFilterIsExact,
  hasPermission,
  type Keyring,
  open as openSealed,
  recordScope,
  refuse,
  type RequestContext,
  seal,
  type StaffActor,
  staffActorOf,
} from '../../security/index.ts';
import { tipCloseNote, tipNoteBody } from '../analysis.sealed.ts';
import { fieldErrors } from '../../core/validation.ts';
import type { FieldError, Invalid } from '../../core/result.ts';
import type { Trx } from '../analysis.tables.ts';
import type { AnalysisDeps } from '../analyser.ts';
import { distinctIdentifiers, identifiersOfReport, type Highlight, type LinkKind } from '../identifiers.ts';
import { PRIORITIES, type FiredRule, type Priority } from './rules.ts';
import { tipInScope } from './scope.ts';

export const CLOSE_REASONS = [
  'no_action_needed',
  'duplicate',
  'spam',
  'insufficient_information',
  'outside_mandate',
  'other',
] as const;

type TriageRow = NonNullable<Awaited<ReturnType<typeof findTip>>>;

/** A tip in the actor's reach, optionally locked for a change. */
export async function findTip(db: Db | Trx, actor: Actor, reference: string, lock = false) {
  let q = db
    .selectFrom('tip_triage as t')
    .innerJoin('reports as r', 'r.id', 't.report_id')
    .selectAll('t')
    .select(['r.body_enc', 'r.channel', 'r.incident_type'])
    .where('t.reference', '=', reference)
    .where(tipInScope(recordScope(actor, 'report.read')));
  if (lock) q = q.forUpdate('t');
  return q.executeTakeFirst();
}

export interface LinkedTip {
  reference: string;
  receivedAt: Date;
  status: string;
  shared: { kind: LinkKind; value: string }[];
}
export interface DuplicateCandidate {
  reference: string;
  receivedAt: Date;
  state: string | null;
  city: string | null;
  nameSimilarity: number;
  status: string;
}

export interface TipWorkbench {
  reference: string;
  status: string;
  priority: Priority;
  fired: FiredRule[];
  rulesVersion: number;
  receivedAt: Date;
  dueAt: Date;
  assigneeId: string | null;
  closeReason: string | null;
  closeNote: string | null;
  /** The case this tip was linked to, if the reader may open it… */
  linkedCase: string | null;
  /** …else only that it is linked, and whom to ask. */
  linkedCaseYouCannotOpen: { matchesCaseYouCannotOpen: true; ask: string } | null;
  version: number;
  identifiers: { kind: LinkKind; value: string; obfuscated: boolean }[];
  highlights: Highlight[];
  linkedTips: LinkedTip[];
  /** Open cases holding one of the tip's identifiers that the reader may open. */
  linkedCases: string[];
  /** The others: only that one matches, and whom to ask (the reference is never sent). */
  casesYouCannotOpen: { matchesCaseYouCannotOpen: true; ask: string }[];
  linkedAdverts: {
    id: number;
    sourceId: string;
    site: string | null;
    city: string | null;
    state: string | null;
    postedAt: Date | null;
    shared: { kind: string; value: string }[];
  }[];
  duplicates: DuplicateCandidate[];
  mergedInto: string | null;
  mergedHere: string[];
  notes: { id: string; authorId: string; createdAt: Date; text: string }[];
}

/** Everything an analyst needs to decide about one tip. Audited as a read. */
export async function readWorkbench(deps: AnalysisDeps, ctx: RequestContext, reference: string): Promise<TipWorkbench | null> {
  const { actor } = ctx;
  authorize(actor, 'tip.triage');
  return auditedRead<TipWorkbench | null>(deps.db, ctx, { action: 'tip.triage_read' }, async (trx) => {
    const tip = await findTip(trx, actor, reference);
    if (!tip) return refuse(null);
    const report = openSealed(deps.keyring, reportBody, tip.body_enc);
    const { identifiers, highlights } = identifiersOfReport(report);
    const distinct = distinctIdentifiers(identifiers);
    const index = blindIndex(deps.keyring.indexKey);
    const byToken = new Map(distinct.map((i) => [index.token(i.kind, i.value), i]));
    const tokens = [...byToken.keys()].map((token) => ({ kind: byToken.get(token)!.kind, token }));
    const [linkedTips, caseMatches, linked, linkedAdverts, duplicates, merges, notes] = await Promise.all([
      linkedTipsOf(trx, actor, tip.report_id, byToken),
      deps.caseMatchesFor(trx, tokens, actor),
      tip.linked_case ? deps.caseAsSeenBy(trx, actor, tip.linked_case) : Promise.resolve(null),
      hasPermission(actor, 'advert.read') ? advertsSharingTokens(trx, tokens) : Promise.resolve([]),
      duplicatesOf(trx, actor, tip),
      mergesOf(trx, tip.report_id),
      trx
        .selectFrom('tip_notes')
        .select(['id', 'author_id', 'created_at', 'body_enc'])
        .where('report_id', '=', tip.report_id)
        .orderBy('created_at')
        .execute(),
    ]);
    const linkedCases = caseMatches.flatMap((m) => ('reference' in m ? [m.reference] : []));
    const casesYouCannotOpen = caseMatches.flatMap((m) => ('reference' in m ? [] : [m]));
    return answer(
      {
        reference: tip.reference,
        status: tip.status,
        priority: PRIORITIES[tip.priority] ?? 'routine',
        fired: tip.fired as FiredRule[],
        rulesVersion: tip.rules_version,
        receivedAt: new Date(tip.received_at),
        dueAt: new Date(tip.due_at),
        assigneeId: tip.assignee_id,
        closeReason: tip.close_reason,
        closeNote: tip.close_note_enc ? openSealed(deps.keyring, tipCloseNote, tip.close_note_enc) : null,
        linkedCase: linked && 'reference' in linked ? linked.reference : null,
        linkedCaseYouCannotOpen: linked && !('reference' in linked) ? linked : null,
        version: tip.version,
        identifiers: distinct,
        highlights,
        linkedTips,
        linkedCases,
        casesYouCannotOpen,
        linkedAdverts,
        duplicates,
        mergedInto: merges.into,
        mergedHere: merges.here,
        notes: notes.map((n) => ({
          id: n.id,
          authorId: n.author_id,
          createdAt: new Date(n.created_at),
          text: openSealed(deps.keyring, tipNoteBody, n.body_enc),
        })),
      },
      { target: { type: 'report', id: tip.reference } },
    );
  });
}

async function linkedTipsOf(
  trx: Trx,
  actor: Actor,
  reportId: string,
  byToken: Map<string, { kind: LinkKind; value: string }>,
): Promise<LinkedTip[]> {
  if (byToken.size === 0) return [];
  const rows = await trx
    .selectFrom('tip_identifiers as i')
    .innerJoin('tip_triage as t', 't.report_id', 'i.report_id')
    .select(['t.reference', 't.received_at', 't.status', 'i.token'])
    .where('i.token', 'in', [...byToken.keys()])
    .where('i.report_id', '<>', reportId)
    .where(tipInScope(recordScope(actor, 'report.read')))
    .orderBy('t.received_at', 'desc')
    .limit(500)
    .execute();
  const out = new Map<string, LinkedTip>();
  for (const r of rows) {
    const entry = out.get(r.reference) ?? {
      reference: r.reference,
      receivedAt: new Date(r.received_at),
      status: r.status,
      shared: [],
    };
    const id = byToken.get(r.token);
    if (id) entry.shared.push({ kind: id.kind, value: id.value });
    out.set(r.reference, entry);
  }
  return [...out.values()].slice(0, 50);
}

const DUPLICATE_WINDOW_DAYS = 30;
const DUPLICATE_MIN_SIMILARITY = 0.5;

/**
 * Likely the same child at the same place and time: a similar name (trigram overlap, as pg_trgm
 * measures it, over blind tokens), in the same state when one is known, within 30 days.
 */
export async function duplicatesOf(
  db: Db | Trx,
  actor: Actor,
  tip: Pick<TriageRow, 'report_id' | 'name_trigrams' | 'name_core_trigrams' | 'state' | 'received_at'>,
): Promise<DuplicateCandidate[]> {
  const q = tip.name_trigrams;
  if (q.length === 0) return [];
  const at = new Date(tip.received_at).getTime();
  const day = 86_400_000;
  const core = tip.name_core_trigrams;
  // Word-edge trigrams ("  j", "es ") are shared by half the names; inside-word ones are not.
  const firstFilter = coreFilterIsExact(q.length, core.length, DUPLICATE_MIN_SIMILARITY)
    ? sql<boolean>`t.name_core_trigrams && ${core}::int4[]`
    : sql<boolean>`t.name_trigrams && ${q}::int4[]`;
  let query = db
    .selectFrom('tip_triage as t')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom(sql`unnest(t.name_trigrams)`.as('x'))
          .select(sql<number>`count(*) filter (where x = any(${q}::int4[]))`.as('shared'))
          .as('s'),
      (join) => join.onTrue(),
    )
    .select([
      't.reference',
      't.received_at',
      't.state',
      't.city',
      't.status',
      sql<number>`s.shared::float8 / (cardinality(t.name_trigrams) + ${q.length} - s.shared)`.as('similarity'),
    ])
    .where(firstFilter)
    .where('t.report_id', '<>', tip.report_id)
    .where('t.status', '<>', 'merged')
    .where('t.received_at', '>=', new Date(at - DUPLICATE_WINDOW_DAYS * day))
    .where('t.received_at', '<=', new Date(at + DUPLICATE_WINDOW_DAYS * day))
    .where(tipInScope(recordScope(actor, 'report.read')));
  if (tip.state) query = query.where('t.state', '=', tip.state);
  const rows = await query.orderBy('similarity', 'desc').limit(50).execute();
  return rows
    .filter((r) => Number(r.similarity) >= DUPLICATE_MIN_SIMILARITY)
    .slice(0, 10)
    .map((r) => ({
      reference: r.reference,
      receivedAt: new Date(r.received_at),
      state: r.state,
      city: r.city,
      status: r.status,
      nameSimilarity: Math.round(Number(r.similarity) * 100) / 100,
    }));
}

async function mergesOf(trx: Trx, reportId: string) {
  const rows = await trx
    .selectFrom('tip_merges as m')
    .innerJoin('tip_triage as kept', 'kept.report_id', 'm.kept_id')
    .innerJoin('tip_triage as dup', 'dup.report_id', 'm.duplicate_id')
    .select(['m.kept_id', 'm.duplicate_id', 'kept.reference as keptRef', 'dup.reference as dupRef'])
    .where('m.undone_at', 'is', null)
    .where((eb) => eb.or([eb('m.kept_id', '=', reportId), eb('m.duplicate_id', '=', reportId)]))
    .execute();
  return {
    into: rows.find((r) => r.duplicate_id === reportId)?.keptRef ?? null,
    here: rows.filter((r) => r.kept_id === reportId).map((r) => r.dupRef),
  };
}

// ---- changes ----

export const tipActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start_review') }),
  z.object({ action: z.literal('assign'), assigneeId: z.uuid().nullable() }),
  z.object({
    action: z.literal('link_case'),
    caseReference: z
      .string()
      .trim()
      .regex(/^[A-Z]{2,4}-\d{4}-\d{4,}$/, { message: 'invalid' }),
  }),
  z.object({ action: z.literal('request_close'), reason: z.enum(CLOSE_REASONS), note: z.string().trim().max(4000).optional() }),
  z.object({ action: z.literal('decide_close'), approve: z.boolean() }),
  z.object({ action: z.literal('reopen') }),
]);
export type TipAction = z.infer<typeof tipActionSchema>;

export type TipChangeOutcome =
  | { kind: 'ok'; status: string }
  | { kind: 'not_found' }
  | { kind: 'case_not_found' }
  | { kind: 'not_allowed'; status: string; message: string }
  | { kind: 'unprocessable'; errors: FieldError[] }
  | Invalid;

const OPEN = ['new', 'in_review'];

export type TipChangeDeps = Pick<AnalysisDeps, 'db' | 'keyring' | 'caseInReach'>;

/** One state change, checked against where the tip is now, under a row lock, audited. */
const CHANGE_ACTION = {
  start_review: 'tip.start_review',
  assign: 'tip.assign',
  link_case: 'tip.link_case',
  request_close: 'tip.request_close',
  decide_close: 'tip.decide_close',
  reopen: 'tip.reopen',
} as const satisfies Record<TipAction['action'], AuditAction>;

export async function changeTip(
  deps: TipChangeDeps,
  ctx: RequestContext,
  reference: string,
  input: unknown,
): Promise<TipChangeOutcome> {
  const { actor } = ctx;
  authorize(actor, 'tip.triage');
  const parsed = tipActionSchema.safeParse(input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, 'en') };
  const change = parsed.data;
  return auditedChange<TipChangeOutcome>(deps.db, ctx, { action: CHANGE_ACTION[change.action] }, async (trx) => {
    const tip = await findTip(trx, actor, reference, true);
    if (!tip) return refuse({ kind: 'not_found' });
    const refused = await referenceRefused(deps, trx, actor, tip.reference, change);
    if (refused) return refuse(refused);
    const next = nextState(actor, tip.status, change);
    if (typeof next !== 'object') return refuse({ kind: 'not_allowed', status: tip.status, message: next });
    await trx
      .updateTable('tip_triage')
      .set({ ...next, ...extraColumns(deps.keyring, actor, change), updated_at: new Date(), version: sql<number>`version + 1` })
      .where('report_id', '=', tip.report_id)
      .execute();
    return answer(
      { kind: 'ok', status: next.status ?? tip.status },
      { target: { type: 'report', id: tip.reference }, details: auditDetails(change) },
    );
  });
}

/**
 * What a change hands the tip to must be within reach: an assignee who works tips and whose own
 * scope covers this tip; a case the actor may link to (a case out of reach reads as missing).
 */
async function referenceRefused(
  deps: TipChangeDeps,
  trx: Trx,
  actor: StaffActor,
  reference: string,
  change: TipAction,
): Promise<TipChangeOutcome | null> {
  if (change.action === 'assign' && change.assigneeId !== null) {
    const assignee = await staffActorOf(trx, change.assigneeId);
    const covered =
      assignee !== undefined && hasPermission(assignee, 'tip.triage') && (await findTip(trx, assignee, reference)) !== undefined;
    if (!covered)
      return {
        kind: 'unprocessable',
        errors: [
          {
            path: 'assigneeId',
            message: 'must be an active staff account that works tips and whose jurisdictions include this tip',
          },
        ],
      };
  }
  if (change.action === 'link_case' && !(await deps.caseInReach(trx, actor, change.caseReference)))
    return { kind: 'case_not_found' };
  return null;
}

type StateChange = { status?: string; assignee_id?: string | null };

function nextState(actor: StaffActor, status: string, change: TipAction): StateChange | string {
  const open = OPEN.includes(status);
  switch (change.action) {
    case 'start_review':
      return status === 'new' ? { status: 'in_review', assignee_id: actor.id } : 'Only a new tip can be taken into review.';
    case 'assign':
      return open ? { assignee_id: change.assigneeId } : 'Only an open tip can be assigned.';
    case 'link_case':
      return open ? { status: 'linked_to_case' } : 'Only an open tip can be linked to a case.';
    case 'request_close':
      if (!open) return 'Only an open tip can be closed.';
      return { status: hasPermission(actor, 'tip.close_approve') ? 'closed' : 'closing_requested' };
    case 'decide_close':
      if (!hasPermission(actor, 'tip.close_approve')) return 'Only a supervisor can review a closure.';
      if (status !== 'closing_requested') return 'This tip is not waiting for a closure review.';
      return { status: change.approve ? 'closed' : 'in_review' };
    case 'reopen':
      if (!hasPermission(actor, 'tip.close_approve')) return 'Only a supervisor can reopen a tip.';
      return status === 'closed' || status === 'linked_to_case'
        ? { status: 'in_review' }
        : 'Only a closed or linked tip can be reopened.';
  }
}

function extraColumns(keyring: Keyring, actor: StaffActor, change: TipAction) {
  switch (change.action) {
    case 'link_case':
      return { linked_case: change.caseReference };
    case 'request_close': {
      const note = change.note ? seal(keyring, tipCloseNote, change.note) : null;
      const closing = { close_reason: change.reason, close_note_enc: note, close_requested_by: actor.id };
      return hasPermission(actor, 'tip.close_approve') ? { ...closing, closed_by: actor.id, closed_at: new Date() } : closing;
    }
    case 'decide_close':
      return change.approve
        ? { closed_by: actor.id, closed_at: new Date() }
        : { close_reason: null, close_note_enc: null, close_requested_by: null };
    case 'reopen':
      return { close_reason: null, close_note_enc: null, closed_by: null, closed_at: null, linked_case: null };
    default:
      return {};
  }
}

function auditDetails(change: TipAction): Record<string, string | boolean | null> {
  switch (change.action) {
    case 'assign':
      return { assigneeId: change.assigneeId };
    case 'link_case':
      return { caseReference: change.caseReference };
    case 'request_close':
      return { reason: change.reason };
    case 'decide_close':
      return { approve: change.approve };
    default:
      return {};
  }
}

export const noteSchema = z.object({ text: z.string().trim().min(1).max(10_000) });

export async function addTipNote(deps: { db: Db; keyring: Keyring }, ctx: RequestContext, reference: string, input: unknown) {
  const { actor } = ctx;
  authorize(actor, 'tip.triage');
  const parsed = noteSchema.safeParse(input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, 'en') } as const;
  return auditedChange<{ kind: 'ok'; id: string } | { kind: 'not_found' }>(
    deps.db,
    ctx,
    { action: 'tip.note_added' },
    async (trx) => {
      const tip = await findTip(trx, actor, reference);
      if (!tip) return refuse({ kind: 'not_found' });
      const id = randomUUID();
      await trx
        .insertInto('tip_notes')
        .values({
          id,
          report_id: tip.report_id,
          author_id: actor.id,
          body_enc: seal(deps.keyring, tipNoteBody, parsed.data.text),
        })
        .execute();
      return answer({ kind: 'ok', id }, { target: { type: 'report', id: tip.reference } });
    },
  );
}

/**
 * Merging keeps both tips: the duplicate leaves the queue (status `merged`) and remembers where
 * it was, so undoing the merge puts it back exactly as it was.
 */
type MergeOutcome = { kind: 'ok' } | { kind: 'not_found' } | { kind: 'not_allowed'; message: string };

export async function mergeTips(
  deps: { db: Db },
  ctx: RequestContext,
  keptReference: string,
  duplicateReference: string,
): Promise<MergeOutcome> {
  const { actor } = ctx;
  authorize(actor, 'tip.triage');
  if (keptReference === duplicateReference) return { kind: 'not_allowed', message: 'A tip cannot be merged into itself.' };
  return auditedChange<MergeOutcome>(deps.db, ctx, { action: 'tip.merged' }, async (trx) => {
    const kept = await findTip(trx, actor, keptReference, true);
    const dup = await findTip(trx, actor, duplicateReference, true);
    if (!kept || !dup) return refuse({ kind: 'not_found' });
    if (kept.status === 'merged')
      return refuse({ kind: 'not_allowed', message: `${keptReference} is itself merged into another tip.` });
    if (dup.status === 'merged') return refuse({ kind: 'not_allowed', message: `${duplicateReference} is already merged.` });
    await trx
      .insertInto('tip_merges')
      .values({
        id: randomUUID(),
        kept_id: kept.report_id,
        duplicate_id: dup.report_id,
        duplicate_status: dup.status,
        merged_by: actor.id,
      })
      .execute();
    await trx
      .updateTable('tip_triage')
      .set({ status: 'merged', updated_at: new Date(), version: sql<number>`version + 1` })
      .where('report_id', '=', dup.report_id)
      .execute();
    return answer({ kind: 'ok' }, { target: { type: 'report', id: dup.reference }, details: { keptReference } });
  });
}

export async function undoMerge(deps: { db: Db }, ctx: RequestContext, duplicateReference: string): Promise<MergeOutcome> {
  const { actor } = ctx;
  authorize(actor, 'tip.triage');
  return auditedChange<MergeOutcome>(deps.db, ctx, { action: 'tip.merge_undone' }, async (trx) => {
    const dup = await findTip(trx, actor, duplicateReference, true);
    if (!dup) return refuse({ kind: 'not_found' });
    const merge = await trx
      .selectFrom('tip_merges')
      .selectAll()
      .where('duplicate_id', '=', dup.report_id)
      .where('undone_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!merge) return refuse({ kind: 'not_allowed', message: 'This tip is not merged.' });
    await trx.updateTable('tip_merges').set({ undone_by: actor.id, undone_at: new Date() }).where('id', '=', merge.id).execute();
    await trx
      .updateTable('tip_triage')
      .set({ status: merge.duplicate_status, updated_at: new Date(), version: sql<number>`version + 1` })
      .where('report_id', '=', dup.report_id)
      .execute();
    return answer({ kind: 'ok' }, { target: { type: 'report', id: dup.reference } });
  });
}

export const bulkSchema = z.object({
  references: z
    .array(
      z
        .string()
        .trim()
        .regex(/^BCN-\d{4}-\d{6,}$/, { message: 'invalid' }),
    )
    .min(1)
    .max(200),
  reason: z.enum(['duplicate', 'spam']),
});

/** Obvious duplicates and spam, many at once; each tip is its own change, with its own outcome. */
export async function bulkClose(deps: TipChangeDeps, ctx: RequestContext, input: unknown) {
  authorize(ctx.actor, 'tip.triage');
  const parsed = bulkSchema.safeParse(input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, 'en') } as const;
  const results = [];
  for (const reference of [...new Set(parsed.data.references)]) {
    const out = await changeTip(deps, ctx, reference, { action: 'request_close', reason: parsed.data.reason });
    results.push({
      reference,
      outcome: out.kind,
      status: out.kind === 'ok' ? out.status : null,
      message: out.kind === 'not_allowed' ? out.message : null,
    });
  }
  return { kind: 'ok', results } as const;
}
