import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import {
  answer,
  auditedChange,
  auditedRead,
  hasPermission,
  refuse,
  type Permission,
  type RequestContext,
  type Trx,
} from '../security/index.ts';
import { isMaterialKind, MATERIAL_KINDS, type MaterialKind } from './review.kinds.ts';
import { anchorOf, diffLines, wordChanges, type DiffLine, type WordChange } from './rules/diff.ts';
import { publishBlocks, type PublishBlock, type Recommendation } from './rules/publish.ts';

/** What the owning module of a kind of material offers the review: its proposed versions, and publishing one. */
export interface MaterialPorts {
  /** The text of a version the owner saved unpublished, and the text in use now (`ref` is the owner's version id). */
  proposal?: (q: Db, ref: string) => Promise<{ key: string; title: string; text: string; currentText: string } | null>;
  /** Whether a proposed text is well formed for its owner (the language list must be a list of entries). */
  accepts?: (text: string) => boolean;
  /** The text shipped with Beacon under a key, the base of its first review (public page text). */
  shipped?: (key: string) => string | null;
  /** Called in the publishing transaction once a reviewed change is published. */
  onPublished?: (q: Db, ref: string, review: { reviewedBy: string; reviewedAt: Date }) => Promise<void>;
}

export interface ReviewDeps {
  db: Db;
  materials: Partial<Record<MaterialKind, MaterialPorts>>;
}

export type NotFound = { kind: 'not_found' };
export type Invalid = { kind: 'invalid'; errors: { path: string; message: string }[] };
export type Conflict = { kind: 'conflict'; message: string; blocks?: PublishBlock[] };
const notFound: NotFound = { kind: 'not_found' };
const closedRequest: Conflict = { kind: 'conflict', message: 'This request is no longer open.' };
const invalid = (path: string, message: string): Invalid => ({ kind: 'invalid', errors: [{ path, message }] });
const staffId = (ctx: RequestContext) => (ctx.actor.kind === 'staff' ? ctx.actor.id : '');
const mayAny = (ctx: RequestContext, ...ps: Permission[]) => ps.some((p) => hasPermission(ctx.actor, p));

/** Whether a kind of material is shown and used only once reviewed (the port recovery is given). */
export async function reviewRequired(q: Db, kind: MaterialKind): Promise<boolean> {
  const row = await q.selectFrom('review_settings').select('required').where('kind', '=', kind).executeTakeFirst();
  return row?.required ?? false;
}

/** The text of the version of a material in use, or null before one is published (the port cases is given). */
export async function publishedBody(q: Db, kind: MaterialKind, key: string): Promise<string | null> {
  return (await latestMaterial(q, kind, key))?.body ?? null;
}

export interface MaterialView {
  kind: string;
  key: string;
  version: number;
  title: string;
  publishedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/** The catalogue: every kind with its switch, and the version of each material in use. */
export async function catalogue(deps: ReviewDeps, ctx: RequestContext) {
  return auditedRead(deps.db, ctx, { action: 'review.catalogue_read' }, async (trx) => {
    if (!mayAny(ctx, 'review.request', 'review.configure'))
      return refuse<{ kinds: { kind: MaterialKind; required: boolean }[]; materials: MaterialView[] }>({
        kinds: [],
        materials: [],
      });
    const settings = await trx.selectFrom('review_settings').select(['kind', 'required']).execute();
    const rows = await trx
      .selectFrom('review_materials')
      .distinctOn(['kind', 'key'])
      .selectAll()
      .orderBy('kind')
      .orderBy('key')
      .orderBy('version', 'desc')
      .execute();
    return answer({
      kinds: MATERIAL_KINDS.map((kind) => ({ kind, required: settings.find((s) => s.kind === kind)?.required ?? false })),
      materials: rows.map((r) => ({
        kind: r.kind,
        key: r.key,
        version: r.version,
        title: r.title,
        publishedAt: r.published_at.toISOString(),
        reviewedBy: r.reviewed_by,
        reviewedAt: r.reviewed_at?.toISOString() ?? null,
      })),
    });
  });
}

/** Switches "review required" for a kind of material on or off (admins and supervisors). */
export async function setRequired(deps: ReviewDeps, ctx: RequestContext, kind: string, required: boolean) {
  if (!isMaterialKind(kind)) return invalid('kind', 'is not a kind of reviewable material');
  return auditedChange(
    deps.db,
    ctx,
    { action: 'review.setting_changed', target: { type: 'review_kind', id: kind } },
    async (trx) => {
      await trx
        .insertInto('review_settings')
        .values({ kind, required, changed_by: staffId(ctx), changed_at: new Date() })
        .onConflict((oc) => oc.column('kind').doUpdateSet({ required, changed_by: staffId(ctx), changed_at: new Date() }))
        .execute();
      return answer({ kind, required }, { details: { required } });
    },
  );
}

export interface RequestInput {
  kind: string;
  key?: string | undefined;
  title?: string | undefined;
  proposed?: string | undefined;
  ref?: string | undefined;
}

/**
 * An owner proposes a change. For a kind whose owning module keeps its own versions (plan templates),
 * `ref` names the saved version and the module gives its text; otherwise the owner sends the text.
 */
export async function requestReview(deps: ReviewDeps, ctx: RequestContext, input: RequestInput) {
  const { kind } = input;
  if (!isMaterialKind(kind)) return invalid('kind', 'is not a kind of reviewable material');
  const port = deps.materials[kind]?.proposal;
  if (port && !input.ref) return invalid('ref', 'is required for this kind: the version to review');
  if (!port && (!input.key || input.proposed === undefined || !input.title))
    return invalid('proposed', 'key, title and proposed text are required');
  const accepts = deps.materials[kind]?.accepts;
  if (accepts && input.proposed !== undefined && !accepts(input.proposed))
    return invalid('proposed', 'is not well formed for this kind of material');
  return auditedChange(deps.db, ctx, { action: 'review.requested' }, async (trx) => {
    const proposal = port ? await port(trx, input.ref!) : null;
    if (port && !proposal) return refuse<{ id: string } | Invalid>(invalid('ref', 'is not a version waiting for review'));
    const key = proposal?.key ?? input.key!;
    const current = await latestMaterial(trx, kind, key);
    const id = randomUUID();
    await trx
      .insertInto('review_requests')
      .values({
        id,
        kind,
        key,
        title: proposal?.title ?? input.title!,
        base_version: current?.version ?? null,
        base_body: current?.body ?? proposal?.currentText ?? deps.materials[kind]?.shipped?.(key) ?? '',
        proposed_body: proposal?.text ?? input.proposed!,
        ref: input.ref ?? null,
        requested_by: staffId(ctx),
      })
      .execute();
    return answer({ id }, { target: { type: 'review_request', id }, details: { kind } });
  });
}

const latestMaterial = (q: Db, kind: string, key: string) =>
  q
    .selectFrom('review_materials')
    .selectAll()
    .where('kind', '=', kind)
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Open and recent requests: experts and owners both work from this list. */
export async function listRequests(deps: ReviewDeps, ctx: RequestContext) {
  return auditedRead(deps.db, ctx, { action: 'review.requests_listed' }, async (trx) => {
    const rows = await trx
      .selectFrom('review_requests as r')
      .innerJoin('staff_users as s', 's.id', 'r.requested_by')
      .select([
        'r.id',
        'r.kind',
        'r.key',
        'r.title',
        'r.state',
        'r.requested_at',
        's.display_name as requestedBy',
        (eb) =>
          eb
            .selectFrom('review_comments as c')
            .whereRef('c.request_id', '=', 'r.id')
            .where('c.answered_at', 'is', null)
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('unanswered'),
      ])
      .orderBy('r.requested_at', 'desc')
      .limit(200)
      .execute();
    return answer({
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        key: r.key,
        title: r.title,
        state: r.state,
        requestedAt: r.requested_at.toISOString(),
        requestedBy: r.requestedBy,
        unansweredComments: Number(r.unanswered ?? 0),
      })),
    });
  });
}

export interface RequestView {
  id: string;
  kind: string;
  key: string;
  title: string;
  state: string;
  requestedBy: string;
  requestedAt: string;
  publishedAt: string | null;
  baseVersion: number | null;
  diff: DiffLine[];
  /** The same difference word by word, for reading; comments anchor to lines of `diff`. */
  words: WordChange[];
  comments: {
    id: string;
    author: string;
    fromLine: number;
    toLine: number;
    quote: string;
    body: string;
    createdAt: string;
    answer: string | null;
    answeredBy: string | null;
    answeredAt: string | null;
  }[];
  recommendations: { expert: string; recommendation: Recommendation; note: string | null; recordedAt: string }[];
  blocks: PublishBlock[];
  abilities: string[];
}

async function loadRequest(q: Db, ctx: RequestContext, id: string): Promise<RequestView | null> {
  const r = await q
    .selectFrom('review_requests as r')
    .innerJoin('staff_users as s', 's.id', 'r.requested_by')
    .selectAll('r')
    .select('s.display_name as requestedByName')
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const comments = await q
    .selectFrom('review_comments as c')
    .innerJoin('staff_users as a', 'a.id', 'c.author_id')
    .leftJoin('staff_users as w', 'w.id', 'c.answered_by')
    .selectAll('c')
    .select(['a.display_name as authorName', 'w.display_name as answeredByName'])
    .where('c.request_id', '=', id)
    .orderBy('c.from_line')
    .orderBy('c.created_at')
    .execute();
  const recs = await q
    .selectFrom('review_recommendations as x')
    .innerJoin('staff_users as e', 'e.id', 'x.expert_id')
    .selectAll('x')
    .select('e.display_name as expertName')
    .where('x.request_id', '=', id)
    .orderBy('x.recorded_at')
    .execute();
  const view: RequestView = {
    id: r.id,
    kind: r.kind,
    key: r.key,
    title: r.title,
    state: r.state,
    requestedBy: r.requestedByName,
    requestedAt: r.requested_at.toISOString(),
    publishedAt: r.published_at?.toISOString() ?? null,
    baseVersion: r.base_version,
    diff: diffLines(r.base_body, r.proposed_body),
    words: wordChanges(r.base_body, r.proposed_body),
    comments: comments.map((c) => ({
      id: c.id,
      author: c.authorName,
      fromLine: c.from_line,
      toLine: c.to_line,
      quote: c.quote,
      body: c.body,
      createdAt: c.created_at.toISOString(),
      answer: c.answer,
      answeredBy: c.answeredByName,
      answeredAt: c.answered_at?.toISOString() ?? null,
    })),
    recommendations: recs.map((x) => ({
      expert: x.expertName,
      recommendation: x.recommendation,
      note: x.note,
      recordedAt: x.recorded_at.toISOString(),
    })),
    blocks: [],
    abilities: [],
  };
  view.blocks = publishBlocks(view);
  const open = r.state === 'open';
  view.abilities = [
    ...(open && hasPermission(ctx.actor, 'review.comment') ? ['comment', 'recommend'] : []),
    ...(open && hasPermission(ctx.actor, 'review.answer') ? ['answer'] : []),
    ...(open && hasPermission(ctx.actor, 'review.request') && view.blocks.length === 0 ? ['publish'] : []),
  ];
  return view;
}

/** One request with the readable difference, its comments and recommendations. */
export async function readRequest(deps: ReviewDeps, ctx: RequestContext, id: string) {
  return auditedRead(deps.db, ctx, { action: 'review.request_read', target: { type: 'review_request', id } }, async (trx) => {
    const view = await loadRequest(trx, ctx, id);
    return view ? answer<RequestView | NotFound>(view) : refuse(notFound);
  });
}

async function openRequest(trx: Trx, id: string) {
  return trx.selectFrom('review_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** An expert comments on a passage of the proposed text (lines `fromLine`..`toLine`). */
export async function addComment(
  deps: ReviewDeps,
  ctx: RequestContext,
  id: string,
  input: { fromLine: number; toLine: number; body: string },
) {
  return auditedChange(deps.db, ctx, { action: 'review.commented', target: { type: 'review_request', id } }, async (trx) => {
    const r = await openRequest(trx, id);
    if (!r) return refuse<RequestView | NotFound | Invalid | Conflict>(notFound);
    if (r.state !== 'open') return refuse(closedRequest);
    const anchor = anchorOf(r.proposed_body, input.fromLine, input.toLine);
    if (anchor.kind === 'invalid') return refuse(invalid(anchor.field, 'is not a line of the proposed text'));
    const commentId = randomUUID();
    await trx
      .insertInto('review_comments')
      .values({
        id: commentId,
        request_id: id,
        author_id: staffId(ctx),
        from_line: anchor.fromLine,
        to_line: anchor.toLine,
        quote: anchor.quote,
        body: input.body,
      })
      .execute();
    return answer((await loadRequest(trx, ctx, id))!, { details: { commentId } });
  });
}

/** An expert recommends approval or a change; a later recommendation replaces their earlier one. */
export async function recommend(
  deps: ReviewDeps,
  ctx: RequestContext,
  id: string,
  input: { recommendation: Recommendation; note?: string | undefined },
) {
  return auditedChange(deps.db, ctx, { action: 'review.recommended', target: { type: 'review_request', id } }, async (trx) => {
    const r = await openRequest(trx, id);
    if (!r) return refuse<RequestView | NotFound | Conflict>(notFound);
    if (r.state !== 'open') return refuse(closedRequest);
    const values = { recommendation: input.recommendation, note: input.note ?? null, recorded_at: new Date() };
    await trx
      .insertInto('review_recommendations')
      .values({ request_id: id, expert_id: staffId(ctx), ...values })
      .onConflict((oc) => oc.columns(['request_id', 'expert_id']).doUpdateSet(values))
      .execute();
    return answer((await loadRequest(trx, ctx, id))!, { details: { recommendation: input.recommendation } });
  });
}

/** The owner answers an expert's comment. */
export async function answerComment(deps: ReviewDeps, ctx: RequestContext, id: string, commentId: string, text: string) {
  return auditedChange(deps.db, ctx, { action: 'review.answered', target: { type: 'review_request', id } }, async (trx) => {
    const r = await openRequest(trx, id);
    if (!r) return refuse<RequestView | NotFound | Conflict>(notFound);
    if (r.state !== 'open') return refuse(closedRequest);
    const done = await trx
      .updateTable('review_comments')
      .set({ answer: text, answered_by: staffId(ctx), answered_at: new Date() })
      .where('id', '=', commentId)
      .where('request_id', '=', id)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return refuse(notFound);
    return answer((await loadRequest(trx, ctx, id))!, { details: { commentId } });
  });
}

/**
 * Publishes the proposed text as the material's next version, recording who reviewed it and when;
 * refused until every comment is answered and an expert recommended approval.
 */
export async function publish(deps: ReviewDeps, ctx: RequestContext, id: string) {
  return auditedChange(deps.db, ctx, { action: 'review.published', target: { type: 'review_request', id } }, async (trx) => {
    const r = await openRequest(trx, id);
    if (!r) return refuse<RequestView | NotFound | Conflict>(notFound);
    if (r.state !== 'open') return refuse(closedRequest);
    const view = (await loadRequest(trx, ctx, id))!;
    if (view.blocks.length > 0) {
      const blocked: Conflict = {
        kind: 'conflict',
        message: 'Every comment needs an answer and an expert must recommend approval.',
        blocks: view.blocks,
      };
      return refuse(blocked);
    }
    const reviewedBy = view.recommendations
      .filter((x) => x.recommendation === 'approve')
      .map((x) => x.expert)
      .join(', ');
    const reviewedAt = new Date();
    const last = await latestMaterial(trx, r.kind, r.key);
    await trx
      .insertInto('review_materials')
      .values({
        id: randomUUID(),
        kind: r.kind,
        key: r.key,
        version: (last?.version ?? 0) + 1,
        title: r.title,
        body: r.proposed_body,
        request_id: r.id,
        published_by: staffId(ctx),
        reviewed_by: reviewedBy,
        reviewed_at: reviewedAt,
      })
      .execute();
    await trx.updateTable('review_requests').set({ state: 'published', published_at: reviewedAt }).where('id', '=', id).execute();
    const port = isMaterialKind(r.kind) ? deps.materials[r.kind]?.onPublished : undefined;
    if (port && r.ref) await port(trx, r.ref, { reviewedBy, reviewedAt });
    return answer((await loadRequest(trx, ctx, id))!, { details: { kind: r.kind, version: (last?.version ?? 0) + 1 } });
  });
}

/** An expert logs time spent consulting. */
export async function logConsultation(
  deps: ReviewDeps,
  ctx: RequestContext,
  input: { workedOn: string; minutes: number; what: string },
) {
  return auditedChange(deps.db, ctx, { action: 'review.time_logged' }, async (trx) => {
    const id = randomUUID();
    await trx
      .insertInto('review_consultations')
      .values({ id, expert_id: staffId(ctx), worked_on: input.workedOn, minutes: input.minutes, what: input.what })
      .execute();
    return answer(
      { id, workedOn: input.workedOn, minutes: input.minutes, what: input.what },
      { target: { type: 'review_consultation', id } },
    );
  });
}

/** An expert's own logged time, newest first. */
export async function myConsultations(deps: ReviewDeps, ctx: RequestContext) {
  return auditedRead(deps.db, ctx, { action: 'review.time_read' }, async (trx) => {
    const rows = await trx
      .selectFrom('review_consultations')
      .select(['id', sql<string>`to_char(worked_on, 'YYYY-MM-DD')`.as('workedOn'), 'minutes', 'what'])
      .where('expert_id', '=', staffId(ctx))
      .orderBy('worked_on', 'desc')
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute();
    return answer({ items: rows });
  });
}

/** Minutes per expert per month, for paying the consultants (supervisors). */
export async function consultationTotals(deps: ReviewDeps, ctx: RequestContext) {
  return auditedRead(deps.db, ctx, { action: 'review.time_totals_read' }, async (trx) => {
    const month = sql<string>`to_char(c.worked_on, 'YYYY-MM')`;
    const rows = await trx
      .selectFrom('review_consultations as c')
      .innerJoin('staff_users as s', 's.id', 'c.expert_id')
      .select([
        month.as('month'),
        's.display_name as expert',
        (eb) => eb.fn.sum<number>('c.minutes').as('minutes'),
        (eb) => eb.fn.countAll<number>().as('entries'),
      ])
      .groupBy([month, 's.id', 's.display_name'])
      .orderBy(month, 'desc')
      .orderBy('s.display_name')
      .execute();
    return answer({
      items: rows.map((r) => ({ month: r.month, expert: r.expert, minutes: Number(r.minutes), entries: Number(r.entries) })),
    });
  });
}
