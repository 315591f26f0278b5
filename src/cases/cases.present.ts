import type { z } from 'zod';
import type { StaffActor } from '../security/index.ts';
import { caseAbilities } from './cases.policy.ts';
import type {
  caseListResponse,
  caseResponse,
  dashboardResponse,
  episodeResponse,
  linkResponse,
  noteResponse,
  observationResponse,
  taskResponse,
  timelineResponse,
} from './cases.schema.ts';
import type { CaseListItem, CaseView, PlanTaskView } from './cases.service.ts';
import type { DashboardDeadline, TimelineItem } from './cases.timeline.ts';
import type { EpisodeView, LinkView, NoteView, ObservationView, TaskView } from './cases.work.service.ts';
import type { CaseDeadline } from './cases.rules.ts';

/** Records → responses, field by field: nothing reaches the wire that is not listed here. */
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function presentCase(v: CaseView, actor: StaffActor): z.infer<typeof caseResponse> {
  return {
    reference: v.reference,
    status: v.status,
    version: v.version,
    assigneeId: v.assigneeId,
    teamId: v.teamId,
    state: v.state,
    restricted: v.restricted,
    namedUserIds: v.namedUserIds,
    details: v.details,
    episodeCount: v.episodeCount,
    pattern: v.pattern,
    closing: {
      reason: v.closing.reason,
      note: v.closing.note,
      requestedBy: v.closing.requestedBy,
      requestedAt: iso(v.closing.requestedAt),
      closedBy: v.closing.closedBy,
      closedAt: iso(v.closing.closedAt),
    },
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    abilities: caseAbilities(actor, { status: v.status, closeRequestedBy: v.closing.requestedBy }),
  };
}

export function presentCaseList(items: CaseListItem[], nextCursor: string | null): z.infer<typeof caseListResponse> {
  return {
    items: items.map((i) => ({
      reference: i.reference,
      name: i.name,
      status: i.status,
      assigneeId: i.assigneeId,
      teamId: i.teamId,
      state: i.state,
      restricted: i.restricted,
      episodeCount: i.episodeCount,
      updatedAt: i.updatedAt.toISOString(),
    })),
    nextCursor,
  };
}

const presentDeadline = (d: CaseDeadline) => ({
  kind: d.kind,
  dueAt: d.dueAt.toISOString(),
  metAt: iso(d.metAt),
  state: d.state,
});

export function presentEpisode(e: EpisodeView): z.infer<typeof episodeResponse> {
  return {
    id: e.id,
    version: e.version,
    leftFrom: e.leftFrom,
    knownMissingAt: e.knownMissingAt.toISOString(),
    reportedToLawEnforcementAt: iso(e.reportedToLawEnforcementAt),
    reportedToClearinghouseAt: iso(e.reportedToClearinghouseAt),
    lastSeen: e.lastSeen,
    circumstances: e.circumstances,
    recovery: e.recovery,
    returnInterview: e.returnInterview,
    screening: e.screening,
    reviewedAt: iso(e.reviewedAt),
    deadlines: e.deadlines.map(presentDeadline),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function presentTask(t: TaskView): z.infer<typeof taskResponse> {
  return {
    id: t.id,
    caseReference: t.caseReference,
    version: t.version,
    title: t.title,
    ownerId: t.ownerId,
    dueAt: iso(t.dueAt),
    status: t.status,
    observationId: t.observationId,
    createdAt: t.createdAt.toISOString(),
    doneAt: iso(t.doneAt),
  };
}

export function presentObservation(o: ObservationView): z.infer<typeof observationResponse> {
  return {
    id: o.id,
    observedAt: o.observedAt.toISOString(),
    observer: o.observer,
    source: o.source,
    indicator: o.indicator,
    indicatorLabel: o.indicatorLabel,
    note: o.note,
    taskId: o.taskId,
    createdAt: o.createdAt.toISOString(),
  };
}

export const presentLink = (l: LinkView): z.infer<typeof linkResponse> => ({
  id: l.id,
  kind: l.kind,
  reference: l.reference,
  reason: l.reason,
  createdAt: l.createdAt.toISOString(),
});

export const presentNote = (n: NoteView): z.infer<typeof noteResponse> => ({
  id: n.id,
  text: n.text,
  createdBy: n.createdBy,
  createdAt: n.createdAt.toISOString(),
  suggestions: n.suggestions,
});

export const presentTimeline = (items: TimelineItem[]): z.infer<typeof timelineResponse> => ({
  items: items.map((i) => ({ at: i.at.toISOString(), kind: i.kind, id: i.id, summary: i.summary })),
});

export const presentDashboard = (d: {
  deadlines: DashboardDeadline[];
  tasks: TaskView[];
  planTasks: PlanTaskView[];
}): z.infer<typeof dashboardResponse> => ({
  planTasks: d.planTasks,
  deadlines: d.deadlines.map((x) => ({ ...presentDeadline(x), caseReference: x.caseReference, episodeId: x.episodeId })),
  tasks: d.tasks.map(presentTask),
});
