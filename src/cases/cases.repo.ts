import { sql, type Insertable, type SelectQueryBuilder, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type {
  CaseEpisodesTable, CaseLinksTable, CaseNotesTable, CaseObservationsTable, CasesTable, CaseTasksTable, Database,
} from '../db/schema.ts';
import type { CaseScope } from './cases.policy.ts';

/** Kysely only; every read of a case takes the actor's scope, so out of scope reads as missing. */
export type Trx = Transaction<Database>;
type Q = Db | Trx;
export type CaseRow = Selectable<CasesTable>;
export type EpisodeRow = Selectable<CaseEpisodesTable>;
export type TaskRow = Selectable<CaseTasksTable>;
export type ObservationRow = Selectable<CaseObservationsTable>;
export type LinkRow = Selectable<CaseLinksTable>;
export type NoteRow = Selectable<CaseNotesTable>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query that has `cases` in its FROM
function inScope<QB extends SelectQueryBuilder<Database, any, any>>(q: QB, scope: CaseScope): QB {
  if (scope.kind === 'none') return q.where(sql<boolean>`false`) as QB;
  const me = scope.userId;
  // Restricted cases: only the assignee and the users named on the case.
  let out = q.where(sql<boolean>`(not cases.restricted or cases.assignee_id = ${me}
    or exists (select 1 from case_access a where a.case_id = cases.id and a.user_id = ${me}))`);
  if (scope.kind === 'team') {
    out = out.where(sql<boolean>`(cases.assignee_id = ${me}
      or cases.team_id in (select m.team_id from case_team_members m where m.user_id = ${me}))`);
  } else if (scope.states.length > 0) {
    out = out.where(sql<boolean>`cases.state in (${sql.join([...scope.states])})`);
  }
  return out as QB;
}

export async function insertCase(trx: Trx, row: Omit<Insertable<CasesTable>, 'reference'>): Promise<CaseRow> {
  const year = new Date().getUTCFullYear();
  return trx
    .insertInto('cases')
    .values({ ...row, reference: sql<string>`${`CASE-${year}-`} || lpad(nextval('case_reference_seq')::text, 6, '0')` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCase(q: Q, scope: CaseScope, reference: string, opts: { lock?: boolean } = {}): Promise<CaseRow | undefined> {
  let query = inScope(q.selectFrom('cases').selectAll('cases').where('cases.reference', '=', reference), scope);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface CaseCursor {
  updatedAt: string;
  id: string;
}

export async function listCases(q: Q, scope: CaseScope, opts: { status?: string | undefined; assigneeId?: string | undefined; limit: number; before?: CaseCursor | undefined }) {
  let query = inScope(
    q.selectFrom('cases').select(['id', 'reference', 'status', 'assignee_id', 'team_id', 'state', 'restricted', 'episode_count', 'updated_at', 'body_enc']),
    scope,
  );
  if (opts.status) query = query.where('status', '=', opts.status as CaseRow['status']);
  if (opts.assigneeId) query = query.where('assignee_id', '=', opts.assigneeId);
  if (opts.before) query = query.where(sql<boolean>`(updated_at, id) < (${opts.before.updatedAt}::timestamptz, ${opts.before.id}::uuid)`);
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function updateCase(trx: Trx, id: string, changes: Updateable<CasesTable>): Promise<CaseRow> {
  return trx
    .updateTable('cases')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Bumps the version of a case when something inside it changes (an episode, a task…). */
export async function touchCase(trx: Trx, id: string, extra: Updateable<CasesTable> = {}): Promise<void> {
  await trx.updateTable('cases').set({ ...extra, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function namedUsers(q: Q, caseId: string): Promise<string[]> {
  const rows = await q.selectFrom('case_access').select('user_id').where('case_id', '=', caseId).orderBy('user_id').execute();
  return rows.map((r) => r.user_id);
}

export async function setNamedUsers(trx: Trx, caseId: string, userIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('case_access').where('case_id', '=', caseId).execute();
  if (userIds.length > 0) await trx.insertInto('case_access').values([...new Set(userIds)].map((user_id) => ({ case_id: caseId, user_id }))).execute();
}

export async function insertRevision(trx: Trx, caseId: string, version: number, changed: string[], actorId: string): Promise<void> {
  await trx.insertInto('case_revisions').values({ case_id: caseId, version, changed_fields: changed, actor_id: actorId }).execute();
}

export async function changedSince(q: Q, caseId: string, version: number): Promise<string[]> {
  const rows = await q.selectFrom('case_revisions').select('changed_fields').where('case_id', '=', caseId).where('version', '>', version).execute();
  return [...new Set(rows.flatMap((r) => r.changed_fields))].sort();
}

// ---- staff and teams (read only here; managed through the team service) ----------------------

export async function activeStaff(q: Q, ids: readonly string[]): Promise<{ id: string; role: string }[]> {
  if (ids.length === 0) return [];
  return q.selectFrom('staff_users').select(['id', 'role']).where('id', 'in', [...ids]).where('disabled_at', 'is', null).execute();
}

export async function teamsOf(q: Q, userId: string): Promise<{ team_id: string; supervises: boolean }[]> {
  return q.selectFrom('case_team_members').select(['team_id', 'supervises']).where('user_id', '=', userId).execute();
}

export async function teamExists(q: Q, teamId: string): Promise<boolean> {
  return (await q.selectFrom('case_teams').select('id').where('id', '=', teamId).executeTakeFirst()) !== undefined;
}

export async function insertTeam(trx: Trx, id: string, name: string, members: { userId: string; supervises: boolean }[]) {
  await trx.insertInto('case_teams').values({ id, name }).execute();
  if (members.length > 0) {
    await trx.insertInto('case_team_members').values(members.map((m) => ({ team_id: id, user_id: m.userId, supervises: m.supervises }))).execute();
  }
}

export async function renameTeam(trx: Trx, id: string, name: string) {
  await trx.updateTable('case_teams').set({ name }).where('id', '=', id).execute();
}

export async function replaceTeamMembers(trx: Trx, id: string, members: { userId: string; supervises: boolean }[]) {
  await trx.deleteFrom('case_team_members').where('team_id', '=', id).execute();
  if (members.length > 0) {
    await trx.insertInto('case_team_members').values(members.map((m) => ({ team_id: id, user_id: m.userId, supervises: m.supervises }))).execute();
  }
}

export async function listTeams(q: Q) {
  const teams = await q.selectFrom('case_teams').select(['id', 'name']).orderBy('name').execute();
  const members = await q.selectFrom('case_team_members').select(['team_id', 'user_id', 'supervises']).execute();
  return teams.map((t) => ({ ...t, members: members.filter((m) => m.team_id === t.id).map((m) => ({ userId: m.user_id, supervises: m.supervises })) }));
}

// ---- episodes --------------------------------------------------------------------------------

export async function insertEpisode(trx: Trx, row: Insertable<CaseEpisodesTable>): Promise<EpisodeRow> {
  return trx.insertInto('case_episodes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function episodesOf(q: Q, caseId: string): Promise<EpisodeRow[]> {
  return q.selectFrom('case_episodes').selectAll().where('case_id', '=', caseId).orderBy('known_missing_at').orderBy('id').execute();
}

export async function findEpisode(q: Q, caseId: string, id: string, opts: { lock?: boolean } = {}) {
  let query = q.selectFrom('case_episodes').selectAll().where('case_id', '=', caseId).where('id', '=', id);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Another episode of the case starting within an hour of this moment: probably the same one. */
export async function nearbyEpisode(q: Q, caseId: string, knownMissingAt: Date, exceptId?: string): Promise<boolean> {
  let query = q
    .selectFrom('case_episodes')
    .select('id')
    .where('case_id', '=', caseId)
    .where(sql<boolean>`abs(extract(epoch from (known_missing_at - ${knownMissingAt}::timestamptz))) < 3600`);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function updateEpisode(trx: Trx, id: string, changes: Updateable<CaseEpisodesTable>): Promise<EpisodeRow> {
  return trx
    .updateTable('case_episodes')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countEpisodes(trx: Trx, caseId: string): Promise<number> {
  const row = await trx.selectFrom('case_episodes').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- observations, tasks, links, notes -------------------------------------------------------

export async function insertObservation(trx: Trx, row: Insertable<CaseObservationsTable>): Promise<ObservationRow> {
  return trx.insertInto('case_observations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function observationsOf(q: Q, caseId: string): Promise<ObservationRow[]> {
  return q.selectFrom('case_observations').selectAll().where('case_id', '=', caseId).orderBy('observed_at').orderBy('id').execute();
}

export async function insertTask(trx: Trx, row: Insertable<CaseTasksTable>): Promise<TaskRow> {
  return trx.insertInto('case_tasks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function tasksOf(q: Q, caseId: string): Promise<TaskRow[]> {
  return q.selectFrom('case_tasks').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

export async function findTask(q: Q, caseId: string, id: string, opts: { lock?: boolean } = {}) {
  let query = q.selectFrom('case_tasks').selectAll().where('case_id', '=', caseId).where('id', '=', id);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateTask(trx: Trx, id: string, changes: Updateable<CaseTasksTable>): Promise<TaskRow> {
  return trx.updateTable('case_tasks').set({ ...changes, version: sql<number>`version + 1` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertLink(trx: Trx, row: Insertable<CaseLinksTable>): Promise<LinkRow | undefined> {
  return trx.insertInto('case_links').values(row).onConflict((oc) => oc.constraint('case_links_unique').doNothing()).returningAll().executeTakeFirst();
}

export async function linksOf(q: Q, caseId: string): Promise<LinkRow[]> {
  return q.selectFrom('case_links').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

export async function insertNote(trx: Trx, row: Insertable<CaseNotesTable>): Promise<NoteRow> {
  return trx.insertInto('case_notes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function notesOf(q: Q, caseId: string): Promise<NoteRow[]> {
  return q.selectFrom('case_notes').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

// ---- dashboard -------------------------------------------------------------------------------

/**
 * Episodes of open cases in scope that still have a clock running (something not yet recorded).
 * `mine` narrows to cases assigned to the user; otherwise the whole scope (a supervisor's teams).
 */
export async function episodesWithOpenClocks(q: Q, scope: CaseScope, opts: { assigneeId?: string | undefined; limit: number }) {
  let query = inScope(
    q.selectFrom('cases')
      .innerJoin('case_episodes as e', 'e.case_id', 'cases.id')
      .select([
        'cases.reference', 'e.id', 'e.known_missing_at', 'e.reported_le_at', 'e.reported_ch_at', 'e.recovered_at', 'e.return_interview_at',
        'e.screening_at', 'e.screening_outcome', 'e.victim_reported_at', 'e.reviewed_at',
      ])
      .where('cases.status', '<>', 'closed')
      .where(sql<boolean>`(e.reported_le_at is null or e.reported_ch_at is null
        or (e.recovered_at is not null and (e.return_interview_at is null or e.screening_at is null or e.reviewed_at is null))
        or (e.screening_outcome = 'identified_victim' and e.victim_reported_at is null))`),
    scope,
  );
  if (opts.assigneeId) query = query.where('cases.assignee_id', '=', opts.assigneeId);
  return query.orderBy('e.known_missing_at').limit(opts.limit).execute();
}

export async function openTasksInScope(q: Q, scope: CaseScope, opts: { ownerId?: string | undefined; dueBefore: Date; limit: number }) {
  let query = inScope(
    q.selectFrom('cases')
      .innerJoin('case_tasks as t', 't.case_id', 'cases.id')
      .selectAll('t')
      .select('cases.reference as case_reference')
      .where('t.status', '=', 'open')
      .where('cases.status', '<>', 'closed')
      .where('t.due_at', '<=', opts.dueBefore),
    scope,
  );
  if (opts.ownerId) query = query.where('t.owner_id', '=', opts.ownerId);
  return query.orderBy('t.due_at').limit(opts.limit).execute();
}
