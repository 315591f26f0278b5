import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { FieldError } from '../core/result.ts';
import type { Db } from '../database.ts';
import type { CasesTable } from './cases.tables.ts';
import { authorize, blindIndex, hasPermission, open, recordAudit, seal, type Actor, type Keyring, type StaffActor } from '../security/index.ts';
import { raiseLeadsFor } from '../leads/index.ts';
import { identityProblems, parseWith } from './cases.checks.ts';
import { canApproveClose, caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { patternOf } from './cases.rules.ts';
import { caseBody, caseCloseNote } from './cases.sealed.ts';
import { identifierTokens, minimumShared, NAME_THRESHOLD, nameTrigramRows, queryIdentifierTokens } from './cases.search.ts';
import {
  caseDetailsSchema, closeDecisionBody, closeRequestBody, createCaseBody, DETAIL_SECTIONS, teamBody, updateCaseBody,
  type CaseDetails,
} from './cases.schema.ts';

export interface CasesDeps {
  db: Db;
  keyring: Keyring;
  now?: () => Date;
}

export const nowOf = (deps: CasesDeps) => (deps.now ? deps.now() : new Date());
export const caseTarget = (reference: string) => ({ type: 'case', id: reference });

export type NotFound = { kind: 'not_found' };
export type Invalid = { kind: 'invalid'; errors: FieldError[] };
export type Closed = { kind: 'closed' };

export interface CaseView {
  id: string;
  reference: string;
  status: repo.CaseRow['status'];
  version: number;
  assigneeId: string | null;
  teamId: string | null;
  state: string | null;
  restricted: boolean;
  namedUserIds: string[];
  details: CaseDetails;
  episodeCount: number;
  pattern: { kind: string; text: string; count: number }[];
  closing: {
    reason: string | null; note: string | null; requestedBy: string | null; requestedAt: Date | null; closedBy: string | null; closedAt: Date | null;
  };
  createdAt: Date;
  updatedAt: Date;
}

const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

/** Rewrites the blind-index tokens of a case from its details (same transaction as the change). */
export async function indexCase(deps: CasesDeps, trx: repo.Trx, caseId: string, details: Pick<CaseDetails, 'identity' | 'identifiers'>): Promise<void> {
  const index = blindIndex(deps.keyring.indexKey);
  const tokens = identifierTokens(index, details.identifiers);
  await repo.replaceSearchTerms(trx, caseId, nameTrigramRows(index, details.identity), tokens);
  // Adverts already holding one of these identifiers become leads now, not at the next import.
  const row = await trx.selectFrom('cases').select(['reference', 'status']).where('id', '=', caseId).executeTakeFirst();
  if (row && row.status !== 'closed' && tokens.length > 0) await raiseLeadsFor(trx, { kind: 'case', reference: row.reference }, tokens);
}

export async function caseView(deps: CasesDeps, q: repo.Trx | Db, row: repo.CaseRow): Promise<CaseView> {
  const episodes = await repo.episodesOf(q, row.id);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    version: row.version,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    state: row.state,
    restricted: row.restricted,
    namedUserIds: await repo.namedUsers(q, row.id),
    details: open(deps.keyring, caseBody, row.body_enc),
    episodeCount: row.episode_count,
    pattern: patternOf(episodes.map((e) => ({ leftFrom: e.left_from, knownMissingAt: new Date(e.known_missing_at) }))),
    closing: {
      reason: row.close_reason,
      note: row.close_note_enc === null ? null : open(deps.keyring, caseCloseNote, row.close_note_enc),
      requestedBy: row.close_requested_by,
      requestedAt: dateOrNull(row.close_requested_at),
      closedBy: row.closed_by,
      closedAt: dateOrNull(row.closed_at),
    },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Who may be put on a case, and whether the actor keeps sight of it afterwards. */
async function assignmentProblems(
  trx: repo.Trx,
  actor: StaffActor,
  a: { assigneeId: string | null; teamId: string | null; namedUserIds: readonly string[] },
): Promise<FieldError[]> {
  const out: FieldError[] = [];
  if (a.assigneeId !== null) {
    const [user] = await repo.activeStaff(trx, [a.assigneeId]);
    if (!user || !['case_manager', 'supervisor'].includes(user.role)) out.push({ path: 'assigneeId', message: 'is not an active case manager or supervisor' });
  }
  const myTeams = (await repo.teamsOf(trx, actor.id)).map((t) => t.team_id);
  if (a.teamId !== null) {
    if (!(await repo.teamExists(trx, a.teamId))) out.push({ path: 'teamId', message: 'is not a team' });
    else if (!myTeams.includes(a.teamId) && a.assigneeId !== actor.id) out.push({ path: 'teamId', message: 'must be one of your teams, or assign the case to yourself' });
  } else if (a.assigneeId !== actor.id) {
    out.push({ path: 'teamId', message: 'is required when the case is not assigned to you' });
  }
  const named = await repo.activeStaff(trx, a.namedUserIds);
  if (named.length !== new Set(a.namedUserIds).size) out.push({ path: 'namedUserIds', message: 'must list active staff accounts' });
  return out;
}

export type CreateOutcome = { kind: 'ok'; view: CaseView } | Invalid;

export async function createCase(deps: CasesDeps, actor: Actor, body: unknown, requestId?: string): Promise<CreateOutcome> {
  authorize(actor, 'case.create');
  const parsed = parseWith(createCaseBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  const now = nowOf(deps);
  const problems = identityProblems(input.details.identity, now);
  if (problems.length > 0) return { kind: 'invalid', errors: problems };
  return deps.db.transaction().execute(async (trx): Promise<CreateOutcome> => {
    const myTeams = await repo.teamsOf(trx, actor.id);
    const assigneeId = input.assigneeId ?? (actor.role === 'case_manager' ? actor.id : null);
    const teamId = input.teamId ?? (myTeams.length === 1 ? myTeams[0]!.team_id : null);
    // A restricted case keeps its creator among the named users, or they would lose it at once.
    const namedUserIds = input.restricted ? [...new Set([...input.namedUserIds, actor.id])] : input.namedUserIds;
    const errors = await assignmentProblems(trx, actor, { assigneeId, teamId, namedUserIds });
    if (errors.length > 0) return { kind: 'invalid', errors };
    const row = await repo.insertCase(trx, {
      id: randomUUID(),
      assignee_id: assigneeId,
      team_id: teamId,
      state: input.state ?? null,
      restricted: input.restricted,
      body_enc: seal(deps.keyring, caseBody, input.details),
      created_by: actor.id,
    });
    await repo.setNamedUsers(trx, row.id, namedUserIds);
    await indexCase(deps, trx, row.id, input.details);
    await recordAudit(trx, { actor, action: 'case.create', target: caseTarget(row.reference), requestId });
    return { kind: 'ok', view: await caseView(deps, trx, row) };
  });
}

export async function readCase(deps: CasesDeps, actor: Actor, reference: string, requestId?: string): Promise<{ kind: 'ok'; view: CaseView } | NotFound> {
  authorize(actor, 'case.read');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.findCase(trx, caseScope(actor, 'case.read'), reference);
    if (!row) return { kind: 'not_found' } as const;
    await recordAudit(trx, { actor, action: 'case.read', target: caseTarget(reference), requestId });
    return { kind: 'ok', view: await caseView(deps, trx, row) } as const;
  });
}

export interface CaseListItem {
  reference: string;
  name: string;
  status: repo.CaseRow['status'];
  assigneeId: string | null;
  teamId: string | null;
  state: string | null;
  restricted: boolean;
  episodeCount: number;
  updatedAt: Date;
}

export interface CaseFilter {
  status?: repo.CaseRow['status'] | undefined;
  mine?: boolean | undefined;
  state?: string | undefined;
  /** Fuzzy: the name or an alias, misspellings included. */
  name?: string | undefined;
  /** Exact, once normalised: a phone number, an email address or a handle. */
  identifier?: string | undefined;
}

/** The filter as repository terms: names and identifiers become blind-index tokens here. */
function searchOf(deps: CasesDeps, actor: StaffActor, f: CaseFilter): Omit<repo.CaseSearch, 'limit' | 'before'> {
  const index = blindIndex(deps.keyring.indexKey);
  const trigrams = f.name === undefined ? undefined : index.nameTrigrams(f.name);
  return {
    status: f.status,
    assigneeId: f.mine ? actor.id : undefined,
    state: f.state,
    name: trigrams === undefined ? undefined : { trigrams, minShared: minimumShared(trigrams.length), threshold: NAME_THRESHOLD },
    identifiers: f.identifier === undefined ? undefined : queryIdentifierTokens(index, f.identifier),
  };
}

export async function listCases(
  deps: CasesDeps,
  actor: Actor,
  opts: CaseFilter & { limit: number; before?: repo.CaseCursor | undefined; requestId?: string | undefined },
): Promise<{ items: CaseListItem[]; next: repo.CaseCursor | null }> {
  authorize(actor, 'case.read');
  const search = searchOf(deps, actor, opts);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await repo.searchCases(trx, caseScope(actor, 'case.read'), { ...search, limit: opts.limit, before: opts.before });
    // What was searched for is not recorded (it may be a child's name); that a search happened is.
    await recordAudit(trx, {
      actor, action: 'case.list', requestId: opts.requestId,
      details: { count: rows.length, ...(search.name ? { byName: true } : {}), ...(search.identifiers ? { byIdentifier: true } : {}) },
    });
    const items = rows.map((r) => ({
      reference: r.reference,
      name: open(deps.keyring, caseBody, r.body_enc).identity.name,
      status: r.status,
      assigneeId: r.assignee_id,
      teamId: r.team_id,
      state: r.state,
      restricted: r.restricted,
      episodeCount: r.episode_count,
      updatedAt: new Date(r.updated_at),
    }));
    const last = rows.at(-1);
    // Ranked by similarity, a name search is one page: the cursor follows the recency order only.
    const next = rows.length === opts.limit && last && !search.name ? { updatedAt: new Date(last.updated_at).toISOString(), id: last.id } : null;
    return { items, next };
  });
}

export type UpdateOutcome =
  | { kind: 'ok'; view: CaseView; changed: string[] }
  | { kind: 'stale'; view: CaseView; changedFields: string[] }
  | Invalid
  | NotFound
  | Closed;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Optimistic locking: the caller sends the version it saw. A stale version changes nothing and
 * answers with the current case and the fields changed since, so the second editor sees what moved.
 */
export async function updateCase(deps: CasesDeps, actor: Actor, reference: string, body: unknown, requestId?: string): Promise<UpdateOutcome> {
  authorize(actor, 'case.update');
  const parsed = parseWith(updateCaseBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (trx): Promise<UpdateOutcome> => {
    const row = await repo.findCase(trx, caseScope(actor, 'case.update'), reference, { lock: true });
    if (!row) return { kind: 'not_found' };
    if (row.status === 'closed') return { kind: 'closed' };
    if (row.version !== input.version) {
      await recordAudit(trx, { actor, action: 'case.read', target: caseTarget(reference), requestId, details: { staleEdit: true } });
      return { kind: 'stale', view: await caseView(deps, trx, row), changedFields: await repo.changedSince(trx, row.id, input.version) };
    }
    const current = open(deps.keyring, caseBody, row.body_enc);
    const next: Record<string, unknown> = { ...current };
    const changed: string[] = [];
    for (const section of DETAIL_SECTIONS) {
      const value = input.details[section];
      if (value === undefined) continue;
      const replacement = value === null ? undefined : value;
      if (!same(current[section], replacement)) {
        next[section] = replacement;
        changed.push(section);
      }
    }
    const details = caseDetailsSchema.parse(next);
    if (input.details.identity) {
      const problems = identityProblems(input.details.identity, now);
      if (problems.length > 0) return { kind: 'invalid', errors: problems };
    }
    const columns: Updateable<CasesTable> = {};
    const assigneeId = input.assigneeId === undefined ? row.assignee_id : input.assigneeId;
    const teamId = input.teamId === undefined ? row.team_id : input.teamId;
    if (assigneeId !== row.assignee_id) { columns.assignee_id = assigneeId; changed.push('assigneeId'); }
    if (teamId !== row.team_id) { columns.team_id = teamId; changed.push('teamId'); }
    if (input.state !== undefined && input.state !== row.state) { columns.state = input.state; changed.push('state'); }
    if (input.restricted !== undefined && input.restricted !== row.restricted) { columns.restricted = input.restricted; changed.push('restricted'); }
    const currentNamed = await repo.namedUsers(trx, row.id);
    const restricted = input.restricted ?? row.restricted;
    let named = input.namedUserIds ? [...new Set(input.namedUserIds)].sort() : currentNamed;
    if (restricted && !named.includes(actor.id) && assigneeId !== actor.id) named = [...named, actor.id].sort();
    if (!same(named, currentNamed)) changed.push('namedUserIds');
    if (changed.length === 0) {
      // Nothing to save, but the answer still hands out the whole case: that is a look.
      await recordAudit(trx, { actor, action: 'case.read', target: caseTarget(reference), requestId, details: { noChange: true } });
      return { kind: 'ok', view: await caseView(deps, trx, row), changed };
    }
    if (changed.some((c) => ['assigneeId', 'teamId', 'namedUserIds'].includes(c))) {
      const errors = await assignmentProblems(trx, actor, { assigneeId, teamId, namedUserIds: named });
      if (errors.length > 0) return { kind: 'invalid', errors };
    }
    if (changed.some((c) => (DETAIL_SECTIONS as readonly string[]).includes(c))) columns.body_enc = seal(deps.keyring, caseBody, details);
    const saved = await repo.updateCase(trx, row.id, columns);
    if (changed.includes('namedUserIds')) await repo.setNamedUsers(trx, row.id, named);
    if (changed.includes('identity') || changed.includes('identifiers')) await indexCase(deps, trx, row.id, details);
    await repo.insertRevision(trx, row.id, saved.version, changed, actor.id);
    await recordAudit(trx, { actor, action: 'case.update', target: caseTarget(reference), requestId, details: { version: saved.version, fields: changed.join(',') } });
    return { kind: 'ok', view: await caseView(deps, trx, saved), changed };
  });
}

// ---- closing --------------------------------------------------------------------------------

export type CloseOutcome =
  | { kind: 'ok'; view: CaseView }
  | { kind: 'stale'; view: CaseView; changedFields: string[] }
  | { kind: 'wrong_status'; status: string }
  | { kind: 'same_user' }
  | Invalid
  | NotFound;

/**
 * A stale close changes nothing but answers with the current case, so the person sees what moved
 * before trying again; handing out the case is recorded as a read.
 */
async function staleRead(deps: CasesDeps, trx: repo.Trx, actor: Actor, row: repo.CaseRow, seenVersion: number, requestId: string | undefined): Promise<CloseOutcome> {
  await recordAudit(trx, { actor, action: 'case.read', target: caseTarget(row.reference), requestId, details: { staleEdit: true } });
  return { kind: 'stale', view: await caseView(deps, trx, row), changedFields: await repo.changedSince(trx, row.id, seenVersion) };
}

/** The case manager asks to close; a supervisor (someone else) approves or sends it back. */
export async function requestClose(deps: CasesDeps, actor: Actor, reference: string, body: unknown, requestId?: string): Promise<CloseOutcome> {
  authorize(actor, 'case.update');
  const parsed = parseWith(closeRequestBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  return deps.db.transaction().execute(async (trx): Promise<CloseOutcome> => {
    const row = await repo.findCase(trx, caseScope(actor, 'case.update'), reference, { lock: true });
    if (!row) return { kind: 'not_found' };
    if (row.status !== 'open') return { kind: 'wrong_status', status: row.status };
    if (row.version !== input.version) return staleRead(deps, trx, actor, row, input.version, requestId);
    const saved = await repo.updateCase(trx, row.id, {
      status: 'closing_requested',
      close_reason: input.reason,
      close_note_enc: input.note === undefined ? null : seal(deps.keyring, caseCloseNote, input.note),
      close_requested_by: actor.id,
      close_requested_at: nowOf(deps),
    });
    await repo.insertRevision(trx, row.id, saved.version, ['status', 'closing'], actor.id);
    await recordAudit(trx, { actor, action: 'case.close_request', target: caseTarget(reference), requestId, details: { reason: input.reason } });
    return { kind: 'ok', view: await caseView(deps, trx, saved) };
  });
}

export async function decideClose(
  deps: CasesDeps, actor: Actor, reference: string, decision: 'approve' | 'reject', body: unknown, requestId?: string,
): Promise<CloseOutcome> {
  authorize(actor, 'case.close_approve');
  const parsed = parseWith(closeDecisionBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  return deps.db.transaction().execute(async (trx): Promise<CloseOutcome> => {
    const row = await repo.findCase(trx, caseScope(actor, 'case.close_approve'), reference, { lock: true });
    if (!row) return { kind: 'not_found' };
    if (row.status !== 'closing_requested') return { kind: 'wrong_status', status: row.status };
    if (row.version !== parsed.value.version) return staleRead(deps, trx, actor, row, parsed.value.version, requestId);
    if (!canApproveClose(actor, { status: row.status, closeRequestedBy: row.close_requested_by })) return { kind: 'same_user' };
    const changes: Updateable<CasesTable> = decision === 'approve'
      ? { status: 'closed', closed_by: actor.id, closed_at: nowOf(deps) }
      : { status: 'open', close_reason: null, close_note_enc: null, close_requested_by: null, close_requested_at: null };
    const saved = await repo.updateCase(trx, row.id, changes);
    await repo.insertRevision(trx, row.id, saved.version, ['status', 'closing'], actor.id);
    await recordAudit(trx, { actor, action: decision === 'approve' ? 'case.close_approve' : 'case.close_reject', target: caseTarget(reference), requestId });
    return { kind: 'ok', view: await caseView(deps, trx, saved) };
  });
}

// ---- teams ----------------------------------------------------------------------------------

export type TeamView = { id: string; name: string; members: { userId: string; supervises: boolean }[] };

/** Teams are listed to those who manage them and to those who assign cases to them. */
export async function listTeams(deps: CasesDeps, actor: Actor): Promise<TeamView[]> {
  if (!hasPermission(actor, 'case.read')) authorize(actor, 'case.team_manage');
  return repo.listTeams(deps.db);
}

export async function saveTeam(
  deps: CasesDeps, actor: Actor, id: string | null, body: unknown, requestId?: string,
): Promise<{ kind: 'ok'; team: TeamView } | Invalid | NotFound | { kind: 'name_taken' }> {
  authorize(actor, 'case.team_manage');
  const parsed = parseWith(teamBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const { name, members } = parsed.value;
  return deps.db.transaction().execute(async (trx) => {
    const staff = await repo.activeStaff(trx, members.map((m) => m.userId));
    if (staff.length !== new Set(members.map((m) => m.userId)).size) return { kind: 'invalid', errors: [{ path: 'members', message: 'must list active staff accounts, each once' }] } as const;
    const teams = await repo.listTeams(trx);
    if (teams.some((t) => t.name === name && t.id !== id)) return { kind: 'name_taken' } as const;
    const teamId = id ?? randomUUID();
    if (id === null) await repo.insertTeam(trx, teamId, name, members);
    else {
      if (!teams.some((t) => t.id === id)) return { kind: 'not_found' } as const;
      await repo.renameTeam(trx, id, name);
      await repo.replaceTeamMembers(trx, id, members);
    }
    await recordAudit(trx, { actor, action: id === null ? 'case.team_create' : 'case.team_update', target: { type: 'case_team', id: teamId }, requestId, details: { members: members.length } });
    return { kind: 'ok', team: { id: teamId, name, members } } as const;
  });
}

const REINDEX_PAGE = 500;

/**
 * Rebuilds every case's search tokens from its sealed details (cases created before search
 * existed, or after the index key changed), a page per transaction. Returns how many were indexed.
 */
export async function reindexCases(deps: CasesDeps): Promise<number> {
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const rows = await repo.caseBodiesAfter(deps.db, after, REINDEX_PAGE);
    if (rows.length === 0) return done;
    await deps.db.transaction().execute(async (trx) => {
      for (const r of rows) await indexCase(deps, trx, r.id, open(deps.keyring, caseBody, r.body_enc));
    });
    done += rows.length;
    after = rows.at(-1)!.id;
  }
}
