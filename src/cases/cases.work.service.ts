import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { CaseEpisodesTable, CaseTasksTable } from './cases.tables.ts';
import { findReportByReference } from '../intake/index.ts';
import { authorize, open, recordAudit, recordScope, seal, type Actor } from '../security/index.ts';
import { episodeProblems, parseWith } from './cases.checks.ts';
import { indicatorLabel } from './cases.indicators.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { caseBody, caseEpisodeBody, caseLinkReason, caseNoteBody, caseObservationBody, caseTaskTitle } from './cases.sealed.ts';
import { deadlinesOf, suggestionsFor, type CaseDeadline } from './cases.rules.ts';
import {
  episodeBody, linkBody, noteBody, observationBody, taskBody, updateEpisodeBody, updateTaskBody,
  type EpisodeInput, type TaskInput,
} from './cases.schema.ts';
import { caseTarget, nowOf, type CasesDeps, type Closed, type Invalid, type NotFound } from './cases.service.ts';

/** Episodes, observations, tasks, links and notes: the work recorded inside a case. */


type EpisodeSecret = Pick<EpisodeInput, 'lastSeen' | 'circumstances' | 'recovery' | 'returnInterview' | 'screening'>;

export interface EpisodeView extends EpisodeSecret {
  id: string;
  version: number;
  leftFrom: repo.EpisodeRow['left_from'];
  knownMissingAt: Date;
  reportedToLawEnforcementAt: Date | null;
  reportedToClearinghouseAt: Date | null;
  reviewedAt: Date | null;
  deadlines: CaseDeadline[];
  createdAt: Date;
  updatedAt: Date;
}

const d = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

export function clockInput(e: Pick<repo.EpisodeRow, 'known_missing_at' | 'reported_le_at' | 'reported_ch_at' | 'recovered_at' | 'return_interview_at' | 'screening_at' | 'screening_outcome' | 'victim_reported_at' | 'reviewed_at'>) {
  return {
    knownMissingAt: new Date(e.known_missing_at),
    reportedToLawEnforcementAt: d(e.reported_le_at),
    reportedToClearinghouseAt: d(e.reported_ch_at),
    recoveredAt: d(e.recovered_at),
    returnInterviewAt: d(e.return_interview_at),
    screeningAt: d(e.screening_at),
    screeningOutcome: e.screening_outcome,
    victimReportedAt: d(e.victim_reported_at),
    reviewedAt: d(e.reviewed_at),
  };
}

function episodeView(deps: CasesDeps, row: repo.EpisodeRow, now: Date): EpisodeView {
  const secret = open(deps.keyring, caseEpisodeBody, row.body_enc);
  return {
    id: row.id,
    version: row.version,
    leftFrom: row.left_from,
    knownMissingAt: new Date(row.known_missing_at),
    reportedToLawEnforcementAt: d(row.reported_le_at),
    reportedToClearinghouseAt: d(row.reported_ch_at),
    ...secret,
    reviewedAt: d(row.reviewed_at),
    deadlines: deadlinesOf(clockInput(row), now),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function episodeColumns(deps: CasesDeps, e: EpisodeInput): Updateable<CaseEpisodesTable> & { body_enc: string } {
  const secret: EpisodeSecret = { lastSeen: e.lastSeen, circumstances: e.circumstances, recovery: e.recovery, returnInterview: e.returnInterview, screening: e.screening };
  return {
    left_from: e.leftFrom,
    known_missing_at: e.knownMissingAt,
    reported_le_at: e.reportedToLawEnforcementAt ?? null,
    reported_ch_at: e.reportedToClearinghouseAt ?? null,
    recovered_at: e.recovery?.recoveredAt ?? null,
    return_interview_at: e.returnInterview?.conductedAt ?? null,
    screening_at: e.screening?.screenedAt ?? null,
    screening_outcome: e.screening?.outcome ?? null,
    victim_reported_at: e.screening?.victimReportedAt ?? null,
    body_enc: seal(deps.keyring, caseEpisodeBody, secret),
  };
}

/** Loads a case the actor may change: in scope, and not closed. */
async function caseForChange(trx: repo.Trx, actor: Actor, reference: string, permission: 'case.update' | 'case.link' = 'case.update') {
  const row = await repo.findCase(trx, caseScope(actor, permission), reference, { lock: true });
  if (!row) return { kind: 'not_found' } as const;
  if (row.status === 'closed') return { kind: 'closed' } as const;
  return { kind: 'ok', row } as const;
}

async function caseForRead(trx: repo.Trx, actor: Actor, reference: string) {
  return repo.findCase(trx, caseScope(actor, 'case.read'), reference);
}

// ---- episodes -------------------------------------------------------------------------------

export type EpisodeOutcome = { kind: 'ok'; episode: EpisodeView } | { kind: 'stale'; episode: EpisodeView } | Invalid | NotFound | Closed;

export async function listEpisodes(deps: CasesDeps, actor: Actor, reference: string, requestId?: string): Promise<{ kind: 'ok'; items: EpisodeView[] } | NotFound> {
  authorize(actor, 'case.read');
  return deps.db.transaction().execute(async (trx) => {
    const row = await caseForRead(trx, actor, reference);
    if (!row) return { kind: 'not_found' } as const;
    await recordAudit(trx, { actor, action: 'case.episodes.read', target: caseTarget(reference), requestId });
    const now = nowOf(deps);
    return { kind: 'ok', items: (await repo.episodesOf(trx, row.id)).map((e) => episodeView(deps, e, now)) } as const;
  });
}

export async function addEpisode(deps: CasesDeps, actor: Actor, reference: string, body: unknown, requestId?: string): Promise<EpisodeOutcome> {
  authorize(actor, 'case.update');
  const parsed = parseWith(episodeBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  return deps.db.transaction().execute(async (trx): Promise<EpisodeOutcome> => {
    const found = await caseForChange(trx, actor, reference);
    if (found.kind !== 'ok') return found;
    const now = nowOf(deps);
    const details = open(deps.keyring, caseBody, found.row.body_enc);
    const others = (await repo.episodesOf(trx, found.row.id)).map((e) => ({ knownMissingAt: new Date(e.known_missing_at) }));
    const errors = episodeProblems(input, { now, dateOfBirth: details.identity.dateOfBirth, others });
    if (errors.length > 0) return { kind: 'invalid', errors };
    const row = await repo.insertEpisode(trx, { id: randomUUID(), case_id: found.row.id, created_by: actor.id, ...episodeColumns(deps, input) } as Parameters<typeof repo.insertEpisode>[1]);
    await repo.touchCase(trx, found.row.id, { episode_count: await repo.countEpisodes(trx, found.row.id) });
    await recordAudit(trx, { actor, action: 'case.episode.create', target: caseTarget(reference), requestId, details: { episodeId: row.id } });
    return { kind: 'ok', episode: episodeView(deps, row, now) };
  });
}

/** Replaces an episode as a whole (the form sends every field), with its version. */
export async function updateEpisode(deps: CasesDeps, actor: Actor, reference: string, id: string, body: unknown, requestId?: string): Promise<EpisodeOutcome> {
  authorize(actor, 'case.update');
  const parsed = parseWith(updateEpisodeBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  return deps.db.transaction().execute(async (trx): Promise<EpisodeOutcome> => {
    const found = await caseForChange(trx, actor, reference);
    if (found.kind !== 'ok') return found;
    const now = nowOf(deps);
    const current = await repo.findEpisode(trx, found.row.id, id, { lock: true });
    if (!current) return { kind: 'not_found' };
    if (current.version !== input.version) {
      await recordAudit(trx, { actor, action: 'case.episodes.read', target: caseTarget(reference), requestId, details: { episodeId: id, staleEdit: true } });
      return { kind: 'stale', episode: episodeView(deps, current, now) };
    }
    const details = open(deps.keyring, caseBody, found.row.body_enc);
    const others = (await repo.episodesOf(trx, found.row.id)).filter((e) => e.id !== id).map((e) => ({ knownMissingAt: new Date(e.known_missing_at) }));
    const errors = episodeProblems(input, { now, dateOfBirth: details.identity.dateOfBirth, others });
    if (errors.length > 0) return { kind: 'invalid', errors };
    const row = await repo.updateEpisode(trx, id, episodeColumns(deps, input));
    await repo.touchCase(trx, found.row.id);
    await recordAudit(trx, { actor, action: 'case.episode.update', target: caseTarget(reference), requestId, details: { episodeId: id, version: row.version } });
    return { kind: 'ok', episode: episodeView(deps, row, now) };
  });
}

/** A supervisor's review after a recovery: the interview and screening were done and are sound. */
export async function reviewEpisode(deps: CasesDeps, actor: Actor, reference: string, id: string, requestId?: string): Promise<EpisodeOutcome | { kind: 'not_recovered' }> {
  authorize(actor, 'case.close_approve');
  return deps.db.transaction().execute(async (trx) => {
    const found = await caseForChange(trx, actor, reference, 'case.update');
    if (found.kind !== 'ok') return found;
    const current = await repo.findEpisode(trx, found.row.id, id, { lock: true });
    if (!current) return { kind: 'not_found' } as const;
    if (current.recovered_at === null) return { kind: 'not_recovered' } as const;
    const now = nowOf(deps);
    const row = current.reviewed_at === null ? await repo.updateEpisode(trx, id, { reviewed_at: now, reviewed_by: actor.id }) : current;
    await recordAudit(trx, { actor, action: 'case.episode.review', target: caseTarget(reference), requestId, details: { episodeId: id } });
    return { kind: 'ok', episode: episodeView(deps, row, now) } as const;
  });
}

// ---- tasks ----------------------------------------------------------------------------------

export interface TaskView {
  id: string;
  caseReference: string;
  version: number;
  title: string;
  ownerId: string | null;
  dueAt: Date | null;
  status: repo.TaskRow['status'];
  observationId: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export function taskView(deps: CasesDeps, reference: string, t: repo.TaskRow): TaskView {
  return {
    id: t.id, caseReference: reference, version: t.version, title: open(deps.keyring, caseTaskTitle, t.title_enc), ownerId: t.owner_id,
    dueAt: d(t.due_at), status: t.status, observationId: t.observation_id, createdAt: new Date(t.created_at), doneAt: d(t.done_at),
  };
}

async function ownerProblem(trx: repo.Trx, ownerId: string | undefined | null, path: string) {
  if (ownerId === undefined || ownerId === null) return [];
  const [user] = await repo.activeStaff(trx, [ownerId]);
  return user && ['case_manager', 'supervisor'].includes(user.role) ? [] : [{ path, message: 'is not an active case manager or supervisor' }];
}

async function insertTask(deps: CasesDeps, trx: repo.Trx, actor: Actor & { id: string }, caseId: string, t: TaskInput, observationId: string | null) {
  return repo.insertTask(trx, {
    id: randomUUID(), case_id: caseId, owner_id: t.ownerId ?? actor.id, due_at: t.dueAt ?? null,
    title_enc: seal(deps.keyring, caseTaskTitle, t.title), observation_id: observationId, created_by: actor.id,
  });
}

export type TaskOutcome = { kind: 'ok'; task: TaskView } | { kind: 'stale'; task: TaskView } | Invalid | NotFound | Closed;

export async function addTask(deps: CasesDeps, actor: Actor, reference: string, body: unknown, requestId?: string): Promise<TaskOutcome> {
  authorize(actor, 'case.update');
  const parsed = parseWith(taskBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  return deps.db.transaction().execute(async (trx): Promise<TaskOutcome> => {
    const found = await caseForChange(trx, actor, reference);
    if (found.kind !== 'ok') return found;
    const errors = await ownerProblem(trx, parsed.value.ownerId, 'ownerId');
    if (errors.length > 0) return { kind: 'invalid', errors };
    const row = await insertTask(deps, trx, actor, found.row.id, parsed.value, null);
    await repo.touchCase(trx, found.row.id);
    await recordAudit(trx, { actor, action: 'case.task.create', target: caseTarget(reference), requestId, details: { taskId: row.id } });
    return { kind: 'ok', task: taskView(deps, reference, row) };
  });
}

export async function updateTask(deps: CasesDeps, actor: Actor, reference: string, id: string, body: unknown, requestId?: string): Promise<TaskOutcome> {
  authorize(actor, 'case.update');
  const parsed = parseWith(updateTaskBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  return deps.db.transaction().execute(async (trx): Promise<TaskOutcome> => {
    const found = await caseForChange(trx, actor, reference);
    if (found.kind !== 'ok') return found;
    const current = await repo.findTask(trx, found.row.id, id, { lock: true });
    if (!current) return { kind: 'not_found' };
    if (current.version !== input.version) {
      await recordAudit(trx, { actor, action: 'case.tasks.read', target: caseTarget(reference), requestId, details: { taskId: id, staleEdit: true } });
      return { kind: 'stale', task: taskView(deps, reference, current) };
    }
    const errors = await ownerProblem(trx, input.ownerId, 'ownerId');
    if (errors.length > 0) return { kind: 'invalid', errors };
    const changes: Updateable<CaseTasksTable> = {};
    if (input.title !== undefined) changes.title_enc = seal(deps.keyring, caseTaskTitle, input.title);
    if (input.dueAt !== undefined) changes.due_at = input.dueAt;
    if (input.ownerId !== undefined) changes.owner_id = input.ownerId;
    if (input.status !== undefined && input.status !== current.status) {
      changes.status = input.status;
      changes.done_at = input.status === 'done' ? nowOf(deps) : null;
    }
    const row = await repo.updateTask(trx, id, changes);
    await repo.touchCase(trx, found.row.id);
    await recordAudit(trx, { actor, action: 'case.task.update', target: caseTarget(reference), requestId, details: { taskId: id, status: row.status } });
    return { kind: 'ok', task: taskView(deps, reference, row) };
  });
}

export async function listTasks(deps: CasesDeps, actor: Actor, reference: string, requestId?: string): Promise<{ kind: 'ok'; items: TaskView[] } | NotFound> {
  authorize(actor, 'case.read');
  return deps.db.transaction().execute(async (trx) => {
    const row = await caseForRead(trx, actor, reference);
    if (!row) return { kind: 'not_found' } as const;
    await recordAudit(trx, { actor, action: 'case.tasks.read', target: caseTarget(reference), requestId });
    return { kind: 'ok', items: (await repo.tasksOf(trx, row.id)).map((t) => taskView(deps, reference, t)) } as const;
  });
}

// ---- observations ---------------------------------------------------------------------------

export interface ObservationView {
  id: string;
  observedAt: Date;
  observer: string;
  source: string;
  indicator: string;
  indicatorLabel: string;
  note?: string | undefined;
  taskId: string | null;
  createdAt: Date;
}

function observationView(deps: CasesDeps, o: repo.ObservationRow): ObservationView {
  const secret = open(deps.keyring, caseObservationBody, o.body_enc);
  return {
    id: o.id, observedAt: new Date(o.observed_at), observer: secret.observer, source: o.source, indicator: o.indicator,
    indicatorLabel: indicatorLabel(o.indicator), note: secret.note, taskId: o.task_id, createdAt: new Date(o.created_at),
  };
}

export async function addObservation(
  deps: CasesDeps, actor: Actor, reference: string, body: unknown, requestId?: string,
): Promise<{ kind: 'ok'; observation: ObservationView; task: TaskView | null } | Invalid | NotFound | Closed> {
  authorize(actor, 'case.update');
  const parsed = parseWith(observationBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  const now = nowOf(deps);
  if (new Date(input.observedAt).getTime() > now.getTime() + 5 * 60_000) return { kind: 'invalid', errors: [{ path: 'observedAt', message: 'cannot be in the future' }] };
  return deps.db.transaction().execute(async (trx) => {
    const found = await caseForChange(trx, actor, reference);
    if (found.kind !== 'ok') return found;
    const errors = await ownerProblem(trx, input.task?.ownerId, 'task.ownerId');
    if (errors.length > 0) return { kind: 'invalid', errors } as const;
    const id = randomUUID();
    const task = input.task ? await insertTask(deps, trx, actor, found.row.id, input.task, id) : null;
    const row = await repo.insertObservation(trx, {
      id, case_id: found.row.id, observed_at: input.observedAt, indicator: input.indicator, source: input.source,
      body_enc: seal(deps.keyring, caseObservationBody, { observer: input.observer, note: input.note }),
      task_id: task?.id ?? null, created_by: actor.id,
    });
    await repo.touchCase(trx, found.row.id);
    await recordAudit(trx, { actor, action: 'case.observation.create', target: caseTarget(reference), requestId, details: { observationId: id, indicator: input.indicator, taskId: task?.id ?? null } });
    return { kind: 'ok', observation: observationView(deps, row), task: task ? taskView(deps, reference, task) : null } as const;
  });
}

export async function listObservations(deps: CasesDeps, actor: Actor, reference: string, requestId?: string): Promise<{ kind: 'ok'; items: ObservationView[] } | NotFound> {
  authorize(actor, 'case.read');
  return deps.db.transaction().execute(async (trx) => {
    const row = await caseForRead(trx, actor, reference);
    if (!row) return { kind: 'not_found' } as const;
    await recordAudit(trx, { actor, action: 'case.observations.read', target: caseTarget(reference), requestId });
    return { kind: 'ok', items: (await repo.observationsOf(trx, row.id)).map((o) => observationView(deps, o)) } as const;
  });
}

// ---- links ----------------------------------------------------------------------------------

export interface LinkView { id: string; kind: string; reference: string; reason: string; createdAt: Date }

const linkView = (deps: CasesDeps, l: repo.LinkRow): LinkView => ({
  id: l.id, kind: l.kind, reference: l.target_ref, reason: open(deps.keyring, caseLinkReason, l.reason_enc), createdAt: new Date(l.created_at),
});

const TIP_REFERENCE = /^BCN-\d{4}-\d{6,}$/;
const CASE_REFERENCE = /^CASE-\d{4}-\d{6,}$/;
const LEAD_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;
/** A tip or case to link that is missing or out of the actor's reach: the two answer alike. */
export type TargetNotFound = { kind: 'target_not_found' };

export type LinkOutcome = { kind: 'ok'; link: LinkView } | { kind: 'already_linked' } | TargetNotFound | Invalid | NotFound | Closed;

export async function addLink(
  deps: CasesDeps, actor: Actor, reference: string, body: unknown, requestId?: string,
): Promise<LinkOutcome> {
  authorize(actor, 'case.link');
  const parsed = parseWith(linkBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  const bad = (message: string): Invalid => ({ kind: 'invalid', errors: [{ path: 'reference', message }] });
  return deps.db.transaction().execute(async (trx): Promise<LinkOutcome> => {
    const found = await caseForChange(trx, actor, reference, 'case.link');
    if (found.kind !== 'ok') return found;
    // Both ends must be in the actor's reach; whether a reference out of reach exists is not told.
    if (input.kind === 'tip') {
      if (!TIP_REFERENCE.test(input.reference)) return bad('must be a tip reference like BCN-2026-000123');
      if (!(await findReportByReference(trx, recordScope(actor, 'report.read'), input.reference))) return { kind: 'target_not_found' };
    } else if (input.kind === 'case') {
      if (!CASE_REFERENCE.test(input.reference)) return bad('must be a case reference like CASE-2026-000123');
      if (input.reference === reference) return bad('cannot be this case itself');
      if (!(await repo.findCase(trx, caseScope(actor, 'case.read'), input.reference))) return { kind: 'target_not_found' };
    } else if (!LEAD_REFERENCE.test(input.reference)) {
      return bad('must be letters, digits and hyphens');
    }
    const row = await repo.insertLink(trx, {
      id: randomUUID(), case_id: found.row.id, kind: input.kind, target_ref: input.reference,
      reason_enc: seal(deps.keyring, caseLinkReason, input.reason), created_by: actor.id,
    });
    if (!row) return { kind: 'already_linked' };
    await repo.touchCase(trx, found.row.id);
    await recordAudit(trx, { actor, action: 'case.link', target: caseTarget(reference), requestId, details: { kind: input.kind, reference: input.reference } });
    return { kind: 'ok', link: linkView(deps, row) };
  });
}

export async function listLinks(deps: CasesDeps, actor: Actor, reference: string, requestId?: string): Promise<{ kind: 'ok'; items: LinkView[] } | NotFound> {
  authorize(actor, 'case.read');
  return deps.db.transaction().execute(async (trx) => {
    const row = await caseForRead(trx, actor, reference);
    if (!row) return { kind: 'not_found' } as const;
    await recordAudit(trx, { actor, action: 'case.links.read', target: caseTarget(reference), requestId });
    return { kind: 'ok', items: (await repo.linksOf(trx, row.id)).map((l) => linkView(deps, l)) } as const;
  });
}

// ---- notes ----------------------------------------------------------------------------------

export interface NoteView {
  id: string;
  text: string;
  createdBy: string | null;
  createdAt: Date;
  suggestions: ReturnType<typeof suggestionsFor>;
}

const noteView = (deps: CasesDeps, n: repo.NoteRow): NoteView => {
  const text = open(deps.keyring, caseNoteBody, n.body_enc);
  return { id: n.id, text, createdBy: n.created_by, createdAt: new Date(n.created_at), suggestions: suggestionsFor(text) };
};

/** The note is kept exactly as written; suggestions come back beside it, never applied. */
export async function addNote(deps: CasesDeps, actor: Actor, reference: string, body: unknown, requestId?: string): Promise<{ kind: 'ok'; note: NoteView } | Invalid | NotFound | Closed> {
  authorize(actor, 'case.update');
  const parsed = parseWith(noteBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  return deps.db.transaction().execute(async (trx) => {
    const found = await caseForChange(trx, actor, reference);
    if (found.kind !== 'ok') return found;
    const row = await repo.insertNote(trx, { id: randomUUID(), case_id: found.row.id, body_enc: seal(deps.keyring, caseNoteBody, parsed.value.text), created_by: actor.id });
    await repo.touchCase(trx, found.row.id);
    const note = noteView(deps, row);
    await recordAudit(trx, { actor, action: 'case.note.create', target: caseTarget(reference), requestId, details: { noteId: row.id, suggestions: note.suggestions.length } });
    return { kind: 'ok', note } as const;
  });
}

export async function listNotes(deps: CasesDeps, actor: Actor, reference: string, requestId?: string): Promise<{ kind: 'ok'; items: NoteView[] } | NotFound> {
  authorize(actor, 'case.read');
  return deps.db.transaction().execute(async (trx) => {
    const row = await caseForRead(trx, actor, reference);
    if (!row) return { kind: 'not_found' } as const;
    await recordAudit(trx, { actor, action: 'case.notes.read', target: caseTarget(reference), requestId });
    return { kind: 'ok', items: (await repo.notesOf(trx, row.id)).map((n) => noteView(deps, n)) } as const;
  });
}

/** Suggestions for a note being typed, before it is saved (nothing is stored or audited). */
export function suggestLanguage(actor: Actor, body: unknown) {
  authorize(actor, 'case.update');
  const parsed = parseWith(noteBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors } as const;
  return { kind: 'ok', suggestions: suggestionsFor(parsed.value.text) } as const;
}
