import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { Db } from '../database.ts';
import type { CaseEpisodesTable, CaseTasksTable } from './cases.tables.ts';
import { findReportByReference } from '../intake/index.ts';
import { type Actor, answer, authorize, open, recordScope, refuse, type RequestContext, seal } from '../security/index.ts';
import { caseChange, caseRead } from './cases.audited.ts';
import { episodeProblems, parseWith } from './cases.checks.ts';
import { indicatorLabel } from './cases.indicators.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { caseBody, caseEpisodeBody, caseLinkReason, caseNoteBody, caseObservationBody, caseTaskTitle } from './cases.sealed.ts';
import {
  deadlinesOf,
  parseLanguageList,
  STIGMATISING_TERMS,
  suggestionsFor,
  type CaseDeadline,
  type LanguageEntry,
} from './cases.rules.ts';
import {
  episodeBody,
  linkBody,
  noteBody,
  observationBody,
  taskBody,
  updateEpisodeBody,
  updateTaskBody,
  type EpisodeInput,
  type TaskInput,
} from './cases.schema.ts';
import { nowOf, type CasesDeps, type Closed, type Invalid, type NotFound } from './cases.service.ts';

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

export function clockInput(
  e: Pick<
    repo.EpisodeRow,
    | 'known_missing_at'
    | 'reported_le_at'
    | 'reported_ch_at'
    | 'recovered_at'
    | 'return_interview_at'
    | 'screening_at'
    | 'screening_outcome'
    | 'victim_reported_at'
    | 'reviewed_at'
  >,
) {
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
  const secret: EpisodeSecret = {
    lastSeen: e.lastSeen,
    circumstances: e.circumstances,
    recovery: e.recovery,
    returnInterview: e.returnInterview,
    screening: e.screening,
  };
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

// ---- episodes -------------------------------------------------------------------------------

export type EpisodeOutcome =
  { kind: 'ok'; episode: EpisodeView } | { kind: 'stale'; episode: EpisodeView } | Invalid | NotFound | Closed;

export async function listEpisodes(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; items: EpisodeView[] } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead(deps, ctx, { reference, action: 'case.episode_list' }, async (trx, row) => {
    const now = nowOf(deps);
    return answer({ kind: 'ok', items: (await repo.episodesOf(trx, row.id)).map((e) => episodeView(deps, e, now)) } as const);
  });
}

export async function addEpisode(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
  body: unknown,
): Promise<EpisodeOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.update');
  const parsed = parseWith(episodeBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  return caseChange<EpisodeOutcome>(deps, ctx, { reference, action: 'case.episode_create' }, async (trx, theCase) => {
    const now = nowOf(deps);
    const details = open(deps.keyring, caseBody, theCase.body_enc);
    const others = (await repo.episodesOf(trx, theCase.id)).map((e) => ({ knownMissingAt: new Date(e.known_missing_at) }));
    const errors = episodeProblems(input, { now, dateOfBirth: details.identity.dateOfBirth, others });
    if (errors.length > 0) return refuse({ kind: 'invalid', errors });
    const row = await repo.insertEpisode(trx, {
      id: randomUUID(),
      case_id: theCase.id,
      created_by: actor.id,
      ...episodeColumns(deps, input),
    } as Parameters<typeof repo.insertEpisode>[1]);
    await repo.touchCase(trx, theCase.id, { episode_count: await repo.countEpisodes(trx, theCase.id) });
    return answer({ kind: 'ok', episode: episodeView(deps, row, now) }, { details: { episodeId: row.id } });
  });
}

/** Replaces an episode as a whole (the form sends every field), with its version. */
export async function updateEpisode(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
  id: string,
  body: unknown,
): Promise<EpisodeOutcome> {
  authorize(ctx.actor, 'case.update');
  const parsed = parseWith(updateEpisodeBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  return caseChange<EpisodeOutcome>(deps, ctx, { reference, action: 'case.episode_update' }, async (trx, theCase) => {
    const now = nowOf(deps);
    const current = await repo.findEpisode(trx, theCase.id, id, { lock: true });
    if (!current) return refuse({ kind: 'not_found' });
    if (current.version !== input.version) {
      return refuse(
        { kind: 'stale', episode: episodeView(deps, current, now) },
        { action: 'case.episode_list', details: { episodeId: id, staleEdit: true } },
      );
    }
    const details = open(deps.keyring, caseBody, theCase.body_enc);
    const others = (await repo.episodesOf(trx, theCase.id))
      .filter((e) => e.id !== id)
      .map((e) => ({ knownMissingAt: new Date(e.known_missing_at) }));
    const errors = episodeProblems(input, { now, dateOfBirth: details.identity.dateOfBirth, others });
    if (errors.length > 0) return refuse({ kind: 'invalid', errors });
    const row = await repo.updateEpisode(trx, id, episodeColumns(deps, input));
    await repo.touchCase(trx, theCase.id);
    return answer({ kind: 'ok', episode: episodeView(deps, row, now) }, { details: { episodeId: id, version: row.version } });
  });
}

/** A supervisor's review after a recovery: the interview and screening were done and are sound. */
export async function reviewEpisode(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
  id: string,
): Promise<EpisodeOutcome | { kind: 'not_recovered' }> {
  const { actor } = ctx;
  authorize(actor, 'case.close_approve');
  return caseChange<EpisodeOutcome | { kind: 'not_recovered' }>(
    deps,
    ctx,
    { reference, action: 'case.episode_review', permission: 'case.update' },
    async (trx, theCase) => {
      const current = await repo.findEpisode(trx, theCase.id, id, { lock: true });
      if (!current) return refuse({ kind: 'not_found' });
      if (current.recovered_at === null) return refuse({ kind: 'not_recovered' });
      const now = nowOf(deps);
      const row =
        current.reviewed_at === null ? await repo.updateEpisode(trx, id, { reviewed_at: now, reviewed_by: actor.id }) : current;
      return answer({ kind: 'ok', episode: episodeView(deps, row, now) }, { details: { episodeId: id } });
    },
  );
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
    id: t.id,
    caseReference: reference,
    version: t.version,
    title: open(deps.keyring, caseTaskTitle, t.title_enc),
    ownerId: t.owner_id,
    dueAt: d(t.due_at),
    status: t.status,
    observationId: t.observation_id,
    createdAt: new Date(t.created_at),
    doneAt: d(t.done_at),
  };
}

async function ownerProblem(trx: repo.Trx, ownerId: string | undefined | null, path: string) {
  if (ownerId === undefined || ownerId === null) return [];
  const [user] = await repo.activeStaff(trx, [ownerId]);
  return user && ['case_manager', 'supervisor'].includes(user.role)
    ? []
    : [{ path, message: 'is not an active case manager or supervisor' }];
}

async function insertTask(
  deps: CasesDeps,
  trx: repo.Trx,
  actor: Actor & { id: string },
  caseId: string,
  t: TaskInput,
  observationId: string | null,
) {
  return repo.insertTask(trx, {
    id: randomUUID(),
    case_id: caseId,
    owner_id: t.ownerId ?? actor.id,
    due_at: t.dueAt ?? null,
    title_enc: seal(deps.keyring, caseTaskTitle, t.title),
    observation_id: observationId,
    created_by: actor.id,
  });
}

export type TaskOutcome = { kind: 'ok'; task: TaskView } | { kind: 'stale'; task: TaskView } | Invalid | NotFound | Closed;

export async function addTask(deps: CasesDeps, ctx: RequestContext, reference: string, body: unknown): Promise<TaskOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.update');
  const parsed = parseWith(taskBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  return caseChange<TaskOutcome>(deps, ctx, { reference, action: 'case.task_create' }, async (trx, theCase) => {
    const errors = await ownerProblem(trx, parsed.value.ownerId, 'ownerId');
    if (errors.length > 0) return refuse({ kind: 'invalid', errors });
    const row = await insertTask(deps, trx, actor, theCase.id, parsed.value, null);
    await repo.touchCase(trx, theCase.id);
    return answer({ kind: 'ok', task: taskView(deps, reference, row) }, { details: { taskId: row.id } });
  });
}

export async function updateTask(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
  id: string,
  body: unknown,
): Promise<TaskOutcome> {
  authorize(ctx.actor, 'case.update');
  const parsed = parseWith(updateTaskBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  return caseChange<TaskOutcome>(deps, ctx, { reference, action: 'case.task_update' }, async (trx, theCase) => {
    const current = await repo.findTask(trx, theCase.id, id, { lock: true });
    if (!current) return refuse({ kind: 'not_found' });
    if (current.version !== input.version) {
      return refuse(
        { kind: 'stale', task: taskView(deps, reference, current) },
        { action: 'case.task_list', details: { taskId: id, staleEdit: true } },
      );
    }
    const errors = await ownerProblem(trx, input.ownerId, 'ownerId');
    if (errors.length > 0) return refuse({ kind: 'invalid', errors });
    const changes: Updateable<CaseTasksTable> = {};
    if (input.title !== undefined) changes.title_enc = seal(deps.keyring, caseTaskTitle, input.title);
    if (input.dueAt !== undefined) changes.due_at = input.dueAt;
    if (input.ownerId !== undefined) changes.owner_id = input.ownerId;
    if (input.status !== undefined && input.status !== current.status) {
      changes.status = input.status;
      changes.done_at = input.status === 'done' ? nowOf(deps) : null;
    }
    const row = await repo.updateTask(trx, id, changes);
    await repo.touchCase(trx, theCase.id);
    return answer({ kind: 'ok', task: taskView(deps, reference, row) }, { details: { taskId: id, status: row.status } });
  });
}

export async function listTasks(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; items: TaskView[] } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead(deps, ctx, { reference, action: 'case.task_list' }, async (trx, row) => {
    return answer({ kind: 'ok', items: (await repo.tasksOf(trx, row.id)).map((t) => taskView(deps, reference, t)) } as const);
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
    id: o.id,
    observedAt: new Date(o.observed_at),
    observer: secret.observer,
    source: o.source,
    indicator: o.indicator,
    indicatorLabel: indicatorLabel(o.indicator),
    note: secret.note,
    taskId: o.task_id,
    createdAt: new Date(o.created_at),
  };
}

type ObservationOutcome = { kind: 'ok'; observation: ObservationView; task: TaskView | null } | Invalid | NotFound | Closed;

export async function addObservation(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
  body: unknown,
): Promise<ObservationOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.update');
  const parsed = parseWith(observationBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  const now = nowOf(deps);
  if (new Date(input.observedAt).getTime() > now.getTime() + 5 * 60_000)
    return { kind: 'invalid', errors: [{ path: 'observedAt', message: 'cannot be in the future' }] };
  return caseChange<ObservationOutcome>(deps, ctx, { reference, action: 'case.observation_create' }, async (trx, theCase) => {
    const errors = await ownerProblem(trx, input.task?.ownerId, 'task.ownerId');
    if (errors.length > 0) return refuse({ kind: 'invalid', errors });
    const id = randomUUID();
    const task = input.task ? await insertTask(deps, trx, actor, theCase.id, input.task, id) : null;
    const row = await repo.insertObservation(trx, {
      id,
      case_id: theCase.id,
      observed_at: input.observedAt,
      indicator: input.indicator,
      source: input.source,
      body_enc: seal(deps.keyring, caseObservationBody, { observer: input.observer, note: input.note }),
      task_id: task?.id ?? null,
      created_by: actor.id,
    });
    await repo.touchCase(trx, theCase.id);
    return answer(
      { kind: 'ok', observation: observationView(deps, row), task: task ? taskView(deps, reference, task) : null },
      { details: { observationId: id, indicator: input.indicator, taskId: task?.id ?? null } },
    );
  });
}

export async function listObservations(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; items: ObservationView[] } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead(deps, ctx, { reference, action: 'case.observation_list' }, async (trx, row) => {
    return answer({ kind: 'ok', items: (await repo.observationsOf(trx, row.id)).map((o) => observationView(deps, o)) } as const);
  });
}

// ---- links ----------------------------------------------------------------------------------

export interface LinkView {
  id: string;
  kind: string;
  reference: string;
  reason: string;
  createdAt: Date;
}

const linkView = (deps: CasesDeps, l: repo.LinkRow): LinkView => ({
  id: l.id,
  kind: l.kind,
  reference: l.target_ref,
  reason: open(deps.keyring, caseLinkReason, l.reason_enc),
  createdAt: new Date(l.created_at),
});

const TIP_REFERENCE = /^BCN-\d{4}-\d{6,}$/;
const CASE_REFERENCE = /^CASE-\d{4}-\d{6,}$/;
const LEAD_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;
/** A tip or case to link that is missing or out of the actor's reach: the two answer alike. */
export type TargetNotFound = { kind: 'target_not_found' };

export type LinkOutcome =
  { kind: 'ok'; link: LinkView } | { kind: 'already_linked' } | TargetNotFound | Invalid | NotFound | Closed;

export async function addLink(deps: CasesDeps, ctx: RequestContext, reference: string, body: unknown): Promise<LinkOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.link');
  const parsed = parseWith(linkBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  const bad = (message: string) => refuse<LinkOutcome>({ kind: 'invalid', errors: [{ path: 'reference', message }] });
  return caseChange<LinkOutcome>(deps, ctx, { reference, action: 'case.link', permission: 'case.link' }, async (trx, theCase) => {
    // Both ends must be in the actor's reach; whether a reference out of reach exists is not told.
    if (input.kind === 'tip') {
      if (!TIP_REFERENCE.test(input.reference)) return bad('must be a tip reference like BCN-2026-000123');
      if (!(await findReportByReference(trx, recordScope(actor, 'report.read'), input.reference)))
        return refuse({ kind: 'target_not_found' });
    } else if (input.kind === 'case') {
      if (!CASE_REFERENCE.test(input.reference)) return bad('must be a case reference like CASE-2026-000123');
      if (input.reference === reference) return bad('cannot be this case itself');
      if (!(await repo.findCase(trx, caseScope(actor, 'case.read'), input.reference)))
        return refuse({ kind: 'target_not_found' });
    } else if (!LEAD_REFERENCE.test(input.reference)) {
      return bad('must be letters, digits and hyphens');
    }
    const row = await repo.insertLink(trx, {
      id: randomUUID(),
      case_id: theCase.id,
      kind: input.kind,
      target_ref: input.reference,
      reason_enc: seal(deps.keyring, caseLinkReason, input.reason),
      created_by: actor.id,
    });
    if (!row) return refuse({ kind: 'already_linked' });
    await repo.touchCase(trx, theCase.id);
    return answer({ kind: 'ok', link: linkView(deps, row) }, { details: { kind: input.kind, reference: input.reference } });
  });
}

export async function listLinks(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; items: LinkView[] } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead(deps, ctx, { reference, action: 'case.link_list' }, async (trx, row) => {
    return answer({ kind: 'ok', items: (await repo.linksOf(trx, row.id)).map((l) => linkView(deps, l)) } as const);
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

const noteView = (deps: CasesDeps, n: repo.NoteRow, list: readonly LanguageEntry[]): NoteView => {
  const text = open(deps.keyring, caseNoteBody, n.body_enc);
  return { id: n.id, text, createdBy: n.created_by, createdAt: new Date(n.created_at), suggestions: suggestionsFor(text, list) };
};

/** The language list in use: the published, reviewed version, else the built-in one. */
async function languageListOf(deps: CasesDeps, q: Db): Promise<readonly LanguageEntry[]> {
  const body = await deps.languageList?.(q);
  return (body ? parseLanguageList(body) : null) ?? STIGMATISING_TERMS;
}

/** The note is kept exactly as written; suggestions come back beside it, never applied. */
export async function addNote(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
  body: unknown,
): Promise<{ kind: 'ok'; note: NoteView } | Invalid | NotFound | Closed> {
  const { actor } = ctx;
  authorize(actor, 'case.update');
  const parsed = parseWith(noteBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  return caseChange(deps, ctx, { reference, action: 'case.note_create' }, async (trx, theCase) => {
    const row = await repo.insertNote(trx, {
      id: randomUUID(),
      case_id: theCase.id,
      body_enc: seal(deps.keyring, caseNoteBody, parsed.value.text),
      created_by: actor.id,
    });
    await repo.touchCase(trx, theCase.id);
    const note = noteView(deps, row, await languageListOf(deps, trx));
    return answer({ kind: 'ok', note } as const, { details: { noteId: row.id, suggestions: note.suggestions.length } });
  });
}

export async function listNotes(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; items: NoteView[] } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead(deps, ctx, { reference, action: 'case.note_list' }, async (trx, row) => {
    const list = await languageListOf(deps, trx);
    return answer({ kind: 'ok', items: (await repo.notesOf(trx, row.id)).map((n) => noteView(deps, n, list)) } as const);
  });
}

/** Suggestions for a note being typed, before it is saved (nothing is stored or audited). */
export async function suggestLanguage(deps: CasesDeps, actor: Actor, body: unknown) {
  authorize(actor, 'case.update');
  const parsed = parseWith(noteBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors } as const;
  return { kind: 'ok', suggestions: suggestionsFor(parsed.value.text, await languageListOf(deps, deps.db)) } as const;
}
