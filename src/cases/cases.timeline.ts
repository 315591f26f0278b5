import { answer, auditedRead, authorize, hasPermission, open, type RequestContext } from '../security/index.ts';
import { caseRead } from './cases.audited.ts';
import { indicatorLabel } from './cases.indicators.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { deadlinesOf, type CaseDeadline } from './cases.rules.ts';
import { caseNoteBody, caseTaskTitle } from './cases.sealed.ts';
import { nowOf, type CasesDeps, type NotFound, type PlanTaskView } from './cases.service.ts';
import { clockInput, taskView, type TaskView } from './cases.work.service.ts';

export interface TimelineItem {
  at: Date;
  kind:
    | 'case_opened'
    | 'episode_missing'
    | 'episode_reported_law_enforcement'
    | 'episode_reported_clearinghouse'
    | 'episode_recovered'
    | 'return_interview'
    | 'screening'
    | 'observation'
    | 'link'
    | 'note'
    | 'task'
    | 'task_done'
    | 'close_requested'
    | 'closed';
  id: string;
  summary: string;
}

const LEFT_FROM_TEXT = { home: 'home', placement: 'a placement', facility: 'a facility' } as const;
const SUMMARY_CHARS = 160;

/** One chronological list of everything recorded on a case; the whole view is audited as one read. */
export async function caseTimeline(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; items: TimelineItem[] } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead(deps, ctx, { reference, action: 'case.timeline_read' }, async (trx, c) => {
    const [episodes, observations, links, notes, tasks] = await Promise.all([
      repo.episodesOf(trx, c.id),
      repo.observationsOf(trx, c.id),
      repo.linksOf(trx, c.id),
      repo.notesOf(trx, c.id),
      repo.tasksOf(trx, c.id),
    ]);
    const items: TimelineItem[] = [{ at: new Date(c.created_at), kind: 'case_opened', id: c.id, summary: 'Case opened' }];
    const push = (at: Date | string | null, kind: TimelineItem['kind'], id: string, summary: string) => {
      if (at !== null) items.push({ at: new Date(at), kind, id, summary });
    };
    for (const e of episodes) {
      push(e.known_missing_at, 'episode_missing', e.id, `Known missing from ${LEFT_FROM_TEXT[e.left_from]}`);
      push(e.reported_le_at, 'episode_reported_law_enforcement', e.id, 'Reported to law enforcement');
      push(e.reported_ch_at, 'episode_reported_clearinghouse', e.id, 'Reported to the clearinghouse');
      push(e.recovered_at, 'episode_recovered', e.id, 'Recovered');
      push(e.return_interview_at, 'return_interview', e.id, 'Return interview');
      push(e.screening_at, 'screening', e.id, `Trafficking screening: ${(e.screening_outcome ?? '').replaceAll('_', ' ')}`);
    }
    for (const o of observations) push(o.observed_at, 'observation', o.id, indicatorLabel(o.indicator));
    for (const l of links) push(l.created_at, 'link', l.id, `Linked ${l.kind} ${l.target_ref}`);
    for (const n of notes) {
      const text = open(deps.keyring, caseNoteBody, n.body_enc);
      push(n.created_at, 'note', n.id, text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}…` : text);
    }
    for (const t of tasks) {
      const title = open(deps.keyring, caseTaskTitle, t.title_enc);
      push(t.created_at, 'task', t.id, title);
      push(t.done_at, 'task_done', t.id, `Done: ${title}`);
    }
    push(c.close_requested_at, 'close_requested', c.id, `Closing requested (${c.close_reason ?? ''})`);
    push(c.closed_at, 'closed', c.id, 'Closed');
    items.sort((a, b) => a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind));
    return answer({ kind: 'ok', items } as const);
  });
}

export interface DashboardDeadline extends CaseDeadline {
  caseReference: string;
  episodeId: string;
}

const HOUR = 3_600_000;
const DASHBOARD_LIMIT = 500;

/**
 * Overdue and soon-due clocks and tasks. `mine`: cases assigned to me and tasks I own; `team`: every
 * case in my scope (a supervisor's teams). Supervisors see the team view by default.
 */
export async function dashboard(
  deps: CasesDeps,
  ctx: RequestContext,
  opts: { view?: 'mine' | 'team' | undefined; withinHours: number },
): Promise<{ deadlines: DashboardDeadline[]; tasks: TaskView[]; planTasks: PlanTaskView[] }> {
  const { actor } = ctx;
  authorize(actor, 'case.read');
  const view = opts.view ?? (hasPermission(actor, 'case.close_approve') ? 'team' : 'mine');
  const now = nowOf(deps);
  const horizon = new Date(now.getTime() + opts.withinHours * HOUR);
  const scope = caseScope(actor, 'case.read');
  return auditedRead(deps.db, ctx, { action: 'case.dashboard_read' }, async (trx) => {
    const mine = view === 'mine' ? actor.id : undefined;
    const cases = await repo.unclosedCasesInScope(trx, scope, mine);
    const episodes = await repo.episodesWithOpenClocks(trx, cases, DASHBOARD_LIMIT);
    const deadlines = episodes
      .flatMap((e) =>
        deadlinesOf(clockInput(e), now)
          .filter((dl) => dl.state === 'overdue' || (dl.state === 'due' && dl.dueAt.getTime() <= horizon.getTime()))
          .map((dl) => ({ ...dl, caseReference: e.reference, episodeId: e.id })),
      )
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    const tasks = mine
      ? await repo.openTasksOwnedBy(trx, scope, { ownerId: mine, dueBefore: horizon, limit: DASHBOARD_LIMIT })
      : await repo.openTasksOf(trx, cases, { dueBefore: horizon, limit: DASHBOARD_LIMIT });
    const planTasks = deps.planTasks ? await deps.planTasks(trx, cases, horizon.toISOString().slice(0, 10)) : [];
    return answer(
      { deadlines, tasks: tasks.map((t) => taskView(deps, t.case_reference, t)), planTasks: planTasks.slice(0, DASHBOARD_LIMIT) },
      { details: { view, deadlines: deadlines.length, tasks: tasks.length, planTasks: planTasks.length } },
    );
  });
}
