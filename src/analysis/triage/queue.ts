import type { Db } from '../../database.ts';
import { answer, auditedRead, authorize, recordScope, type RequestContext, type StaffActor } from '../../security/index.ts';
import { PRIORITIES, type FiredRule, type Priority } from './rules.ts';
import { tipInScope } from './scope.ts';

export const QUEUE_VIEWS = ['open', 'mine', 'closing_requested', 'referred', 'linked_to_case', 'closed'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export interface QueueCursor {
  priority: number;
  receivedAt: string;
  id: string;
}

export interface QueueItem {
  reference: string;
  receivedAt: Date;
  channel: string;
  incidentType: string;
  state: string | null;
  city: string | null;
  childAges: number[];
  status: string;
  priority: Priority;
  reasons: Pick<FiredRule, 'code' | 'label' | 'because'>[];
  dueAt: Date;
  assigneeId: string | null;
}

/**
 * The analysts' queue: the most urgent first, then whoever has waited longest. Keyset paging
 * on (priority, received_at, id) so the first page and every next page is one index range scan.
 */
export async function listQueue(
  db: Db,
  ctx: RequestContext,
  opts: { view: QueueView; limit: number; cursor?: QueueCursor | undefined },
) {
  const { actor } = ctx;
  authorize(actor, 'tip.triage');
  // Ages and places of children: each page shown is recorded, naming the tips on it.
  return auditedRead(db, ctx, { action: 'tip.queue_list' }, async (trx) => {
    const page = await queuePage(trx, actor, opts);
    return answer(page, {
      details: { view: opts.view, count: page.items.length, references: page.items.map((i) => i.reference).join(',') },
    });
  });
}

async function queuePage(db: Db, actor: StaffActor, opts: { view: QueueView; limit: number; cursor?: QueueCursor | undefined }) {
  const scope = recordScope(actor, 'report.read');
  let q = db
    .selectFrom('tip_triage as t')
    .innerJoin('reports as r', 'r.id', 't.report_id')
    .select([
      't.report_id',
      't.reference',
      't.received_at',
      't.state',
      't.city',
      't.status',
      't.priority',
      't.fired',
      't.due_at',
      't.assignee_id',
      'r.channel',
      'r.incident_type',
      'r.child_ages',
    ])
    .where(tipInScope(scope));
  if (opts.view === 'open' || opts.view === 'mine') q = q.where('t.status', 'in', ['new', 'in_review']);
  else q = q.where('t.status', '=', opts.view);
  if (opts.view === 'mine') q = q.where('t.assignee_id', '=', actor.id);
  const c = opts.cursor;
  if (c) {
    q = q.where((eb) =>
      eb.or([
        eb('t.priority', '<', c.priority),
        eb.and([
          eb('t.priority', '=', c.priority),
          eb.or([
            eb('t.received_at', '>', new Date(c.receivedAt)),
            eb.and([eb('t.received_at', '=', new Date(c.receivedAt)), eb('t.report_id', '>', c.id)]),
          ]),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy('t.priority', 'desc')
    .orderBy('t.received_at')
    .orderBy('t.report_id')
    .limit(opts.limit + 1)
    .execute();
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  const next: QueueCursor | null =
    rows.length > opts.limit && last
      ? { priority: last.priority, receivedAt: new Date(last.received_at).toISOString(), id: last.report_id }
      : null;
  const items: QueueItem[] = page.map((r) => ({
    reference: r.reference,
    receivedAt: new Date(r.received_at),
    channel: r.channel,
    incidentType: r.incident_type,
    state: r.state,
    city: r.city,
    childAges: r.child_ages,
    status: r.status,
    priority: PRIORITIES[r.priority] ?? 'routine',
    reasons: (r.fired as FiredRule[]).map(({ code, label, because }) => ({ code, label, because })),
    dueAt: new Date(r.due_at),
    assigneeId: r.assignee_id,
  }));
  return { items, next };
}
