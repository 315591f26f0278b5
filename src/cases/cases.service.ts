import { randomUUID } from 'node:crypto';
import type { Transaction, Updateable } from 'kysely';
import type { FieldError } from '../core/result.ts';
import type { Database, Db } from '../database.ts';
import type { CasesTable } from './cases.tables.ts';
import {
  type Actor,
  answer,
  auditedChange,
  auditedRead,
  authorize,
  blindIndex,
  hasPermission,
  type Keyring,
  open,
  refuse,
  type RequestContext,
  seal,
  type StaffActor,
  withoutAudit,
} from '../security/index.ts';
import { raiseLeadsFor } from '../leads/index.ts';
import { caseChange, caseRead, caseTarget, type Closed, type NotFound } from './cases.audited.ts';
import { identityProblems, parseWith } from './cases.checks.ts';
import { canApproveClose, caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { patternOf } from './cases.rules.ts';
import { caseBody, caseCloseNote } from './cases.sealed.ts';
import {
  identifierTokens,
  minimumShared,
  NAME_THRESHOLD,
  nameTrigramRows,
  queryIdentifierTokens,
  rarestTokens,
} from './cases.search.ts';
import {
  caseDetailsSchema,
  closeDecisionBody,
  closeRequestBody,
  createCaseBody,
  DETAIL_SECTIONS,
  teamBody,
  updateCaseBody,
  type CaseDetails,
} from './cases.schema.ts';

/** An action of a victim assistance plan that is due, for the deadlines dashboard (from the recovery module). */
export interface PlanTaskView {
  caseReference: string;
  actionId: string;
  title: string;
  dueOn: string;
  state: 'overdue' | 'due_soon' | 'open';
  ownerKind: string;
}

/** Asked of the recovery module at composition: the plan actions due by `dueBy` on these cases. */
export type PlanTasksPort = (
  trx: Transaction<Database>,
  cases: readonly { id: string; reference: string }[],
  dueBy: string,
) => Promise<PlanTaskView[]>;

export interface CasesDeps {
  db: Db;
  keyring: Keyring;
  now?: () => Date;
  planTasks?: PlanTasksPort;
  /** The published text of the language suggestion list (a port onto review), or null before one is published. */
  languageList?: LanguageListPort;
}

export type LanguageListPort = (q: Db) => Promise<string | null>;

export const nowOf = (deps: CasesDeps) => (deps.now ? deps.now() : new Date());
export { caseTarget, type Closed, type NotFound } from './cases.audited.ts';
export type Invalid = { kind: 'invalid'; errors: FieldError[] };

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
    reason: string | null;
    note: string | null;
    requestedBy: string | null;
    requestedAt: Date | null;
    closedBy: string | null;
    closedAt: Date | null;
  };
  createdAt: Date;
  updatedAt: Date;
}

const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

/** Rewrites the blind-index tokens of a case from its details (same transaction as the change). */
export async function indexCase(
  deps: CasesDeps,
  trx: repo.Trx,
  caseId: string,
  details: Pick<CaseDetails, 'identity' | 'identifiers'>,
): Promise<void> {
  const index = blindIndex(deps.keyring.indexKey);
  const tokens = identifierTokens(index, details.identifiers);
  await repo.replaceSearchTerms(trx, caseId, nameTrigramRows(index, details.identity), tokens);
  // Adverts already holding one of these identifiers become leads now, not at the next import.
  const row = await trx.selectFrom('cases').select(['reference', 'status']).where('id', '=', caseId).executeTakeFirst();
  if (row && row.status !== 'closed' && tokens.length > 0)
    await raiseLeadsFor(trx, { kind: 'case', reference: row.reference }, tokens);
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
    if (!user || !['case_manager', 'supervisor'].includes(user.role))
      out.push({ path: 'assigneeId', message: 'is not an active case manager or supervisor' });
  }
  const myTeams = (await repo.teamsOf(trx, actor.id)).map((t) => t.team_id);
  if (a.teamId !== null) {
    if (!(await repo.teamExists(trx, a.teamId))) out.push({ path: 'teamId', message: 'is not a team' });
    else if (!myTeams.includes(a.teamId) && a.assigneeId !== actor.id)
      out.push({ path: 'teamId', message: 'must be one of your teams, or assign the case to yourself' });
  } else if (a.assigneeId !== actor.id) {
    out.push({ path: 'teamId', message: 'is required when the case is not assigned to you' });
  }
  const named = await repo.activeStaff(trx, a.namedUserIds);
  if (named.length !== new Set(a.namedUserIds).size)
    out.push({ path: 'namedUserIds', message: 'must list active staff accounts' });
  return out;
}

export type CreateOutcome = { kind: 'ok'; view: CaseView } | Invalid;

export async function createCase(deps: CasesDeps, ctx: RequestContext, body: unknown): Promise<CreateOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.create');
  const parsed = parseWith(createCaseBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  const now = nowOf(deps);
  const problems = identityProblems(input.details.identity, now);
  if (problems.length > 0) return { kind: 'invalid', errors: problems };
  return auditedChange<CreateOutcome>(deps.db, ctx, { action: 'case.create' }, async (trx) => {
    const myTeams = await repo.teamsOf(trx, actor.id);
    const assigneeId = input.assigneeId ?? (actor.role === 'case_manager' ? actor.id : null);
    const teamId = input.teamId ?? (myTeams.length === 1 ? myTeams[0]!.team_id : null);
    // A restricted case keeps its creator among the named users, or they would lose it at once.
    const namedUserIds = input.restricted ? [...new Set([...input.namedUserIds, actor.id])] : input.namedUserIds;
    const errors = await assignmentProblems(trx, actor, { assigneeId, teamId, namedUserIds });
    if (errors.length > 0) return refuse({ kind: 'invalid', errors });
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
    return answer({ kind: 'ok', view: await caseView(deps, trx, row) }, { target: caseTarget(row.reference) });
  });
}

export async function readCase(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; view: CaseView } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead(deps, ctx, { reference, action: 'case.read' }, async (trx, row) =>
    answer({ kind: 'ok', view: await caseView(deps, trx, row) } as const),
  );
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

/** Token statistics change only when the table is analysed; read again after this long. */
const FREQUENCIES_FOR_MS = 10 * 60_000;
const frequencies = new WeakMap<Db, { until: number; value: Promise<Map<number, number>> }>();

/**
 * Name token frequencies, read once per database every few minutes (not per search). Stale or
 * missing figures change which tokens a search reads, never what it finds.
 */
function nameTokenFrequencies(db: Db): Promise<Map<number, number>> {
  const cached = frequencies.get(db);
  if (cached && cached.until > Date.now()) return cached.value;
  const value = repo.nameTokenFrequencies(db);
  frequencies.set(db, { until: Date.now() + FREQUENCIES_FOR_MS, value });
  value.catch(() => frequencies.delete(db));
  return value;
}

/** The filter as repository terms: names and identifiers become blind-index tokens here. */
async function searchOf(deps: CasesDeps, actor: StaffActor, f: CaseFilter): Promise<Omit<repo.CaseSearch, 'limit' | 'before'>> {
  const index = blindIndex(deps.keyring.indexKey);
  const trigrams = f.name === undefined ? undefined : index.nameTrigrams(f.name);
  const minShared = trigrams === undefined ? 0 : minimumShared(trigrams.length);
  return {
    status: f.status,
    assigneeId: f.mine ? actor.id : undefined,
    state: f.state,
    name:
      trigrams === undefined
        ? undefined
        : {
            trigrams,
            rare: rarestTokens(trigrams, await nameTokenFrequencies(deps.db), minShared),
            minShared,
            threshold: NAME_THRESHOLD,
          },
    identifiers: f.identifier === undefined ? undefined : queryIdentifierTokens(index, f.identifier),
  };
}

export async function listCases(
  deps: CasesDeps,
  ctx: RequestContext,
  opts: CaseFilter & { limit: number; before?: repo.CaseCursor | undefined },
): Promise<{ items: CaseListItem[]; next: repo.CaseCursor | null }> {
  const { actor } = ctx;
  authorize(actor, 'case.read');
  const search = await searchOf(deps, actor, opts);
  return auditedRead(deps.db, ctx, { action: 'case.list' }, async (trx) => {
    const rows = await repo.searchCases(trx, caseScope(actor, 'case.read'), {
      ...search,
      limit: opts.limit,
      before: opts.before,
    });
    // What was searched for is not recorded (it may be a child's name); that a search happened is.
    const details = {
      count: rows.length,
      ...(search.name ? { byName: true } : {}),
      ...(search.identifiers ? { byIdentifier: true } : {}),
    };
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
    const next =
      rows.length === opts.limit && last && !search.name
        ? { updatedAt: new Date(last.updated_at).toISOString(), id: last.id }
        : null;
    return answer({ items, next }, { details });
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
export async function updateCase(deps: CasesDeps, ctx: RequestContext, reference: string, body: unknown): Promise<UpdateOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.update');
  const parsed = parseWith(updateCaseBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  const now = nowOf(deps);
  return caseChange<UpdateOutcome>(deps, ctx, { reference, action: 'case.update' }, async (trx, row) => {
    if (row.version !== input.version) {
      const stale = {
        kind: 'stale',
        view: await caseView(deps, trx, row),
        changedFields: await repo.changedSince(trx, row.id, input.version),
      } as const;
      return refuse(stale, { action: 'case.read', details: { staleEdit: true } });
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
      if (problems.length > 0) return refuse({ kind: 'invalid', errors: problems });
    }
    const columns: Updateable<CasesTable> = {};
    const assigneeId = input.assigneeId === undefined ? row.assignee_id : input.assigneeId;
    const teamId = input.teamId === undefined ? row.team_id : input.teamId;
    if (assigneeId !== row.assignee_id) {
      columns.assignee_id = assigneeId;
      changed.push('assigneeId');
    }
    if (teamId !== row.team_id) {
      columns.team_id = teamId;
      changed.push('teamId');
    }
    if (input.state !== undefined && input.state !== row.state) {
      columns.state = input.state;
      changed.push('state');
    }
    if (input.restricted !== undefined && input.restricted !== row.restricted) {
      columns.restricted = input.restricted;
      changed.push('restricted');
    }
    const currentNamed = await repo.namedUsers(trx, row.id);
    const restricted = input.restricted ?? row.restricted;
    let named = input.namedUserIds ? [...new Set(input.namedUserIds)].sort() : currentNamed;
    if (restricted && !named.includes(actor.id) && assigneeId !== actor.id) named = [...named, actor.id].sort();
    if (!same(named, currentNamed)) changed.push('namedUserIds');
    if (changed.length === 0) {
      // Nothing to save, but the answer still hands out the whole case: that is a look.
      return answer(
        { kind: 'ok', view: await caseView(deps, trx, row), changed },
        { action: 'case.read', details: { noChange: true } },
      );
    }
    if (changed.some((c) => ['assigneeId', 'teamId', 'namedUserIds'].includes(c))) {
      const errors = await assignmentProblems(trx, actor, { assigneeId, teamId, namedUserIds: named });
      if (errors.length > 0) return refuse({ kind: 'invalid', errors });
    }
    if (changed.some((c) => (DETAIL_SECTIONS as readonly string[]).includes(c)))
      columns.body_enc = seal(deps.keyring, caseBody, details);
    const saved = await repo.updateCase(trx, row.id, columns);
    if (changed.includes('namedUserIds')) await repo.setNamedUsers(trx, row.id, named);
    if (changed.includes('identity') || changed.includes('identifiers')) await indexCase(deps, trx, row.id, details);
    await repo.insertRevision(trx, row.id, saved.version, changed, actor.id);
    return answer(
      { kind: 'ok', view: await caseView(deps, trx, saved), changed },
      { details: { version: saved.version, fields: changed.join(',') } },
    );
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
async function staleRead(deps: CasesDeps, trx: repo.Trx, row: repo.CaseRow, seenVersion: number) {
  const stale = {
    kind: 'stale',
    view: await caseView(deps, trx, row),
    changedFields: await repo.changedSince(trx, row.id, seenVersion),
  } as const;
  return refuse<CloseOutcome>(stale, { action: 'case.read', details: { staleEdit: true } });
}

/** The case manager asks to close; a supervisor (someone else) approves or sends it back. */
export async function requestClose(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
  body: unknown,
): Promise<CloseOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.update');
  const parsed = parseWith(closeRequestBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const input = parsed.value;
  return caseChange<CloseOutcome>(deps, ctx, { reference, action: 'case.close_request', closedToo: true }, async (trx, row) => {
    if (row.status !== 'open') return refuse({ kind: 'wrong_status', status: row.status });
    if (row.version !== input.version) return staleRead(deps, trx, row, input.version);
    const saved = await repo.updateCase(trx, row.id, {
      status: 'closing_requested',
      close_reason: input.reason,
      close_note_enc: input.note === undefined ? null : seal(deps.keyring, caseCloseNote, input.note),
      close_requested_by: actor.id,
      close_requested_at: nowOf(deps),
    });
    await repo.insertRevision(trx, row.id, saved.version, ['status', 'closing'], actor.id);
    return answer({ kind: 'ok', view: await caseView(deps, trx, saved) }, { details: { reason: input.reason } });
  });
}

export async function decideClose(
  deps: CasesDeps,
  ctx: RequestContext,
  reference: string,
  decision: 'approve' | 'reject',
  body: unknown,
): Promise<CloseOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.close_approve');
  const parsed = parseWith(closeDecisionBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const plan = {
    reference,
    action: decision === 'approve' ? 'case.close_approve' : 'case.close_reject',
    permission: 'case.close_approve',
    closedToo: true,
  } as const;
  return caseChange<CloseOutcome>(deps, ctx, plan, async (trx, row) => {
    if (row.status !== 'closing_requested') return refuse({ kind: 'wrong_status', status: row.status });
    if (row.version !== parsed.value.version) return staleRead(deps, trx, row, parsed.value.version);
    if (!canApproveClose(actor, { status: row.status, closeRequestedBy: row.close_requested_by }))
      return refuse({ kind: 'same_user' });
    const changes: Updateable<CasesTable> =
      decision === 'approve'
        ? { status: 'closed', closed_by: actor.id, closed_at: nowOf(deps) }
        : { status: 'open', close_reason: null, close_note_enc: null, close_requested_by: null, close_requested_at: null };
    const saved = await repo.updateCase(trx, row.id, changes);
    await repo.insertRevision(trx, row.id, saved.version, ['status', 'closing'], actor.id);
    return answer({ kind: 'ok', view: await caseView(deps, trx, saved) });
  });
}

// ---- teams ----------------------------------------------------------------------------------

export type TeamView = { id: string; name: string; members: { userId: string; supervises: boolean }[] };

/** Teams are listed to those who manage them and to those who assign cases to them. */
export async function listTeams(deps: CasesDeps, actor: Actor): Promise<TeamView[]> {
  if (!hasPermission(actor, 'case.read')) authorize(actor, 'case.team_manage');
  return repo.listTeams(deps.db);
}

type TeamOutcome = { kind: 'ok'; team: TeamView } | Invalid | NotFound | { kind: 'name_taken' };

export async function saveTeam(deps: CasesDeps, ctx: RequestContext, id: string | null, body: unknown): Promise<TeamOutcome> {
  authorize(ctx.actor, 'case.team_manage');
  const parsed = parseWith(teamBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const { name, members } = parsed.value;
  return auditedChange<TeamOutcome>(
    deps.db,
    ctx,
    { action: id === null ? 'case.team_create' : 'case.team_update' },
    async (trx) => {
      const staff = await repo.activeStaff(
        trx,
        members.map((m) => m.userId),
      );
      if (staff.length !== new Set(members.map((m) => m.userId)).size)
        return refuse({ kind: 'invalid', errors: [{ path: 'members', message: 'must list active staff accounts, each once' }] });
      const teams = await repo.listTeams(trx);
      if (teams.some((t) => t.name === name && t.id !== id)) return refuse({ kind: 'name_taken' });
      const teamId = id ?? randomUUID();
      if (id === null) await repo.insertTeam(trx, teamId, name, members);
      else {
        if (!teams.some((t) => t.id === id)) return refuse({ kind: 'not_found' });
        await repo.renameTeam(trx, id, name);
        await repo.replaceTeamMembers(trx, id, members);
      }
      return answer(
        { kind: 'ok', team: { id: teamId, name, members } },
        { target: { type: 'case_team', id: teamId }, details: { members: members.length } },
      );
    },
  );
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
    await withoutAudit(deps.db, async (trx) => {
      for (const r of rows) await indexCase(deps, trx, r.id, open(deps.keyring, caseBody, r.body_enc));
    });
    done += rows.length;
    after = rows.at(-1)!.id;
  }
}
