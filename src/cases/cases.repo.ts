import { sql, type Insertable, type SelectQueryBuilder, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Database, Db } from '../database.ts';
import type {
  CaseEpisodesTable,
  CaseLinksTable,
  CaseNotesTable,
  CaseObservationsTable,
  CasesTable,
  CaseTasksTable,
} from './cases.tables.ts';
import type { CaseScope } from './cases.policy.ts';
import type { IdentifierToken, NameTrigramRow } from './cases.search.ts';

/** Kysely only; every read of a case takes the actor's scope, so out of scope reads as missing. */
export type Trx = Transaction<Database>;
type Q = Db | Trx;
export type CaseRow = Selectable<CasesTable>;
export type EpisodeRow = Selectable<CaseEpisodesTable>;
export type TaskRow = Selectable<CaseTasksTable>;
export type ObservationRow = Selectable<CaseObservationsTable>;
export type LinkRow = Selectable<CaseLinksTable>;
export type NoteRow = Selectable<CaseNotesTable>;

/** The cases an actor may read, as a condition on `cases` (restricted ones: only the assignee and the users named). */
function scopeCondition(scope: CaseScope) {
  if (scope.kind === 'none') return sql<boolean>`false`;
  const me = scope.userId;
  const restricted = sql<boolean>`(not cases.restricted or cases.assignee_id = ${me}
    or exists (select 1 from case_access a where a.case_id = cases.id and a.user_id = ${me}))`;
  const inStates = scope.states.length > 0 ? sql<boolean>`cases.state in (${sql.join([...scope.states])})` : sql<boolean>`true`;
  if (scope.kind === 'team') {
    // `= any(array(…))` is computed once and can drive an index on team_id; `in (subquery)` cannot.
    return sql<boolean>`(${restricted} and ${inStates} and (cases.assignee_id = ${me}
      or cases.team_id = any(array(select m.team_id from case_team_members m where m.user_id = ${me}))))`;
  }
  return sql<boolean>`(${restricted} and ${inStates})`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query that has `cases` in its FROM
function inScope<QB extends SelectQueryBuilder<Database, any, any>>(q: QB, scope: CaseScope): QB {
  return q.where(scopeCondition(scope)) as QB;
}

export async function insertCase(trx: Trx, row: Omit<Insertable<CasesTable>, 'reference'>): Promise<CaseRow> {
  const year = new Date().getUTCFullYear();
  return trx
    .insertInto('cases')
    .values({ ...row, reference: sql<string>`${`CASE-${year}-`} || lpad(nextval('case_reference_seq')::text, 6, '0')` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCase(
  q: Q,
  scope: CaseScope,
  reference: string,
  opts: { lock?: boolean } = {},
): Promise<CaseRow | undefined> {
  let query = inScope(q.selectFrom('cases').selectAll('cases').where('cases.reference', '=', reference), scope);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findCaseById(q: Q, scope: CaseScope, id: string): Promise<CaseRow | undefined> {
  return inScope(q.selectFrom('cases').selectAll('cases').where('cases.id', '=', id), scope).executeTakeFirst();
}

export async function latestRecovery(q: Q, caseId: string): Promise<Date | null> {
  const row = await q
    .selectFrom('case_episodes')
    .select('recovered_at')
    .where('case_id', '=', caseId)
    .where('recovered_at', 'is not', null)
    .orderBy('recovered_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.recovered_at ?? null;
}

export interface CaseCursor {
  updatedAt: string;
  id: string;
}

export async function listCases(
  q: Q,
  scope: CaseScope,
  opts: { status?: string | undefined; assigneeId?: string | undefined; limit: number; before?: CaseCursor | undefined },
) {
  let query = inScope(
    q
      .selectFrom('cases')
      .select([
        'id',
        'reference',
        'status',
        'assignee_id',
        'team_id',
        'state',
        'restricted',
        'episode_count',
        'updated_at',
        'body_enc',
      ]),
    scope,
  );
  if (opts.status) query = query.where('status', '=', opts.status as CaseRow['status']);
  if (opts.assigneeId) query = query.where('assignee_id', '=', opts.assigneeId);
  if (opts.before)
    query = query.where(sql<boolean>`(updated_at, id) < (${opts.before.updatedAt}::timestamptz, ${opts.before.id}::uuid)`);
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
  await trx
    .updateTable('cases')
    .set({ ...extra, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function namedUsers(q: Q, caseId: string): Promise<string[]> {
  const rows = await q.selectFrom('case_access').select('user_id').where('case_id', '=', caseId).orderBy('user_id').execute();
  return rows.map((r) => r.user_id);
}

export async function setNamedUsers(trx: Trx, caseId: string, userIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('case_access').where('case_id', '=', caseId).execute();
  if (userIds.length > 0)
    await trx
      .insertInto('case_access')
      .values([...new Set(userIds)].map((user_id) => ({ case_id: caseId, user_id })))
      .execute();
}

export async function insertRevision(
  trx: Trx,
  caseId: string,
  version: number,
  changed: string[],
  actorId: string,
): Promise<void> {
  await trx
    .insertInto('case_revisions')
    .values({ case_id: caseId, version, changed_fields: changed, actor_id: actorId })
    .execute();
}

export async function changedSince(q: Q, caseId: string, version: number): Promise<string[]> {
  const rows = await q
    .selectFrom('case_revisions')
    .select('changed_fields')
    .where('case_id', '=', caseId)
    .where('version', '>', version)
    .execute();
  return [...new Set(rows.flatMap((r) => r.changed_fields))].sort();
}

// ---- staff and teams (read only here; managed through the team service) ----------------------

export async function activeStaff(q: Q, ids: readonly string[]): Promise<{ id: string; role: string }[]> {
  if (ids.length === 0) return [];
  return q
    .selectFrom('staff_users')
    .select(['id', 'role'])
    .where('id', 'in', [...ids])
    .where('disabled_at', 'is', null)
    .execute();
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
    await trx
      .insertInto('case_team_members')
      .values(members.map((m) => ({ team_id: id, user_id: m.userId, supervises: m.supervises })))
      .execute();
  }
}

export async function renameTeam(trx: Trx, id: string, name: string) {
  await trx.updateTable('case_teams').set({ name }).where('id', '=', id).execute();
}

export async function replaceTeamMembers(trx: Trx, id: string, members: { userId: string; supervises: boolean }[]) {
  await trx.deleteFrom('case_team_members').where('team_id', '=', id).execute();
  if (members.length > 0) {
    await trx
      .insertInto('case_team_members')
      .values(members.map((m) => ({ team_id: id, user_id: m.userId, supervises: m.supervises })))
      .execute();
  }
}

export async function listTeams(q: Q) {
  const teams = await q.selectFrom('case_teams').select(['id', 'name']).orderBy('name').execute();
  const members = await q.selectFrom('case_team_members').select(['team_id', 'user_id', 'supervises']).execute();
  return teams.map((t) => ({
    ...t,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({ userId: m.user_id, supervises: m.supervises })),
  }));
}

// ---- episodes --------------------------------------------------------------------------------

export async function insertEpisode(trx: Trx, row: Insertable<CaseEpisodesTable>): Promise<EpisodeRow> {
  return trx.insertInto('case_episodes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function episodesOf(q: Q, caseId: string): Promise<EpisodeRow[]> {
  return q
    .selectFrom('case_episodes')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('known_missing_at')
    .orderBy('id')
    .execute();
}

export async function findEpisode(q: Q, caseId: string, id: string, opts: { lock?: boolean } = {}) {
  let query = q.selectFrom('case_episodes').selectAll().where('case_id', '=', caseId).where('id', '=', id);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
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
  const row = await trx
    .selectFrom('case_episodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- observations, tasks, links, notes -------------------------------------------------------

export async function insertObservation(trx: Trx, row: Insertable<CaseObservationsTable>): Promise<ObservationRow> {
  return trx.insertInto('case_observations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function observationsOf(q: Q, caseId: string): Promise<ObservationRow[]> {
  return q
    .selectFrom('case_observations')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('observed_at')
    .orderBy('id')
    .execute();
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
  return trx
    .updateTable('case_tasks')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertLink(trx: Trx, row: Insertable<CaseLinksTable>): Promise<LinkRow | undefined> {
  return trx
    .insertInto('case_links')
    .values(row)
    .onConflict((oc) => oc.constraint('case_links_unique').doNothing())
    .returningAll()
    .executeTakeFirst();
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

const OPEN_CLOCK = sql<boolean>`(e.reported_le_at is null or e.reported_ch_at is null
  or (e.recovered_at is not null and (e.return_interview_at is null or e.screening_at is null or e.reviewed_at is null))
  or (e.screening_outcome = 'identified_victim' and e.victim_reported_at is null))`;

/**
 * The unclosed cases in scope (a team's few thousand): the dashboard finds them once and reads
 * their clocks, tasks and other modules' items from them, instead of working the scope out again
 * for each (measured in bench/cases.ts).
 */
export async function unclosedCasesInScope(q: Q, scope: CaseScope, assigneeId: string | undefined) {
  let cases = inScope(q.selectFrom('cases').select(['cases.id', 'cases.reference']).where('cases.status', '<>', 'closed'), scope);
  if (assigneeId) cases = cases.where('cases.assignee_id', '=', assigneeId);
  return cases.execute();
}

type CaseRef = { id: string; reference: string };
const caseIds = (cases: readonly CaseRef[]) =>
  sql<{ id: string }>`(select unnest(${cases.map((c) => c.id)}::uuid[]) as id)`.as('scoped');

/**
 * Episodes of these cases that still have a clock running (something not yet recorded), the
 * earliest `limit`. Each case's own first `limit` (lateral, with its limit, so the planner keeps it
 * per case) and then the first `limit` of those are exactly the first `limit` overall.
 */
export async function episodesWithOpenClocks(q: Q, cases: readonly CaseRef[], limit: number) {
  if (cases.length === 0) return [];
  const referenceOf = new Map(cases.map((c) => [c.id, c.reference]));
  const rows = await q
    .selectFrom(caseIds(cases))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('case_episodes as e')
          .select([
            'e.id',
            'e.case_id',
            'e.known_missing_at',
            'e.reported_le_at',
            'e.reported_ch_at',
            'e.recovered_at',
            'e.return_interview_at',
            'e.screening_at',
            'e.screening_outcome',
            'e.victim_reported_at',
            'e.reviewed_at',
          ])
          .whereRef('e.case_id', '=', 'scoped.id')
          .where(OPEN_CLOCK)
          .orderBy('e.known_missing_at')
          .orderBy('e.id')
          .limit(limit)
          .as('e'),
      (join) => join.onTrue(),
    )
    .selectAll('e')
    .orderBy('e.known_missing_at')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, reference: referenceOf.get(r.case_id)! }));
}

/**
 * Open tasks someone owns on unclosed cases in scope, due by `dueBefore`, the earliest `limit`:
 * from their own tasks (an index on the owner), not from every case in scope.
 */
export async function openTasksOwnedBy(q: Q, scope: CaseScope, opts: { ownerId: string; dueBefore: Date; limit: number }) {
  return inScope(
    q
      .selectFrom('case_tasks as t')
      .innerJoin('cases', 'cases.id', 't.case_id')
      .selectAll('t')
      .select('cases.reference as case_reference')
      .where('t.owner_id', '=', opts.ownerId)
      .where('t.status', '=', 'open')
      .where('t.due_at', '<=', opts.dueBefore)
      .where('cases.status', '<>', 'closed'),
    scope,
  )
    .orderBy('t.due_at')
    .orderBy('t.id')
    .limit(opts.limit)
    .execute();
}

/** Open tasks of these cases due by `dueBefore`, the earliest `limit`. */
export async function openTasksOf(q: Q, cases: readonly CaseRef[], opts: { dueBefore: Date; limit: number }) {
  if (cases.length === 0) return [];
  const referenceOf = new Map(cases.map((c) => [c.id, c.reference]));
  const rows = await q
    .selectFrom(caseIds(cases))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('case_tasks as t')
          .selectAll('t')
          .whereRef('t.case_id', '=', 'scoped.id')
          .where('t.status', '=', 'open')
          .where('t.due_at', '<=', opts.dueBefore)
          .orderBy('t.due_at')
          .orderBy('t.id')
          .limit(opts.limit)
          .as('t'),
      (join) => join.onTrue(),
    )
    .selectAll('t')
    .orderBy('t.due_at')
    .orderBy('t.id')
    .limit(opts.limit)
    .execute();
  return rows.map((r) => ({ ...r, case_reference: referenceOf.get(r.case_id)! }));
}

// ---- search (blind-index tokens; see cases.search.ts) ----------------------------------------

/** Replaces the search tokens of a case; called in the transaction that changes its names or identifiers. */
export async function replaceSearchTerms(
  trx: Trx,
  caseId: string,
  names: readonly NameTrigramRow[],
  identifiers: readonly IdentifierToken[],
): Promise<void> {
  await trx.deleteFrom('case_name_trigrams').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_identifiers').where('case_id', '=', caseId).execute();
  // The same trigram twice in one name is one row: blind-index token lists are already distinct.
  if (names.length > 0) {
    await trx
      .insertInto('case_name_trigrams')
      .values(names.map((n) => ({ token: n.token, case_id: caseId, name_no: n.nameNo, name_size: n.nameSize })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (identifiers.length > 0) {
    await trx
      .insertInto('case_identifiers')
      .values(identifiers.map((i) => ({ case_id: caseId, kind: i.kind, token: i.token })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export interface CaseSearch {
  status?: string | undefined;
  assigneeId?: string | undefined;
  state?: string | undefined;
  /** Trigram tokens of the name asked for, and how many a name must share to be counted at all. */
  name?: { trigrams: readonly number[]; rare: readonly number[]; minShared: number; threshold: number } | undefined;
  identifiers?: readonly IdentifierToken[] | undefined;
  limit: number;
  before?: CaseCursor | undefined;
}

const LIST_COLUMNS = [
  'cases.id',
  'cases.reference',
  'cases.status',
  'cases.assignee_id',
  'cases.team_id',
  'cases.state',
  'cases.restricted',
  'cases.episode_count',
  'cases.updated_at',
  'cases.body_enc',
] as const;

/**
 * Cases in scope matching every filter given. With a name, the best similarity of the name or any
 * alias (pg_trgm's formula over the tokens) ranks them, and only those at the threshold or above come back.
 */
export async function searchCases(q: Q, scope: CaseScope, opts: CaseSearch) {
  let query = inScope(q.selectFrom('cases').select([...LIST_COLUMNS]), scope);
  if (opts.status) query = query.where('cases.status', '=', opts.status as CaseRow['status']);
  if (opts.assigneeId) query = query.where('cases.assignee_id', '=', opts.assigneeId);
  if (opts.state) query = query.where('cases.state', '=', opts.state);
  if (opts.identifiers) {
    const pairs = opts.identifiers.map((i) => sql`(${i.kind}, ${i.token})`);
    query =
      pairs.length === 0
        ? query.where(sql<boolean>`false`)
        : query.where(
            sql<boolean>`cases.id in (select i.case_id from case_identifiers i where (i.kind, i.token) in (${sql.join(pairs)}))`,
          );
  }
  if (opts.name) {
    const { trigrams, rare, minShared, threshold } = opts.name;
    const ranked = rankedByName(trigrams, rare, minShared, threshold);
    return query
      .innerJoin(ranked, 'r.case_id', 'cases.id')
      .where(sql<boolean>`r.similarity >= ${threshold}::float8`)
      .orderBy(sql`r.similarity`, 'desc')
      .orderBy('cases.updated_at', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(opts.limit)
      .execute();
  }
  if (opts.before)
    query = query.where(
      sql<boolean>`(cases.updated_at, cases.id) < (${opts.before.updatedAt}::timestamptz, ${opts.before.id}::uuid)`,
    );
  return query.orderBy('cases.updated_at', 'desc').orderBy('cases.id', 'desc').limit(opts.limit).execute();
}

/**
 * How often the commonest name trigram tokens occur (share of rows), from the planner's statistics
 * of `case_name_trigrams.token`: which query tokens are rare enough to find candidates through.
 */
export async function nameTokenFrequencies(q: Q): Promise<Map<number, number>> {
  const { rows } = await sql<{ token: number; freq: number }>`
    select v.token, v.freq
    from pg_stats s cross join lateral unnest(s.most_common_vals::text::int4[], s.most_common_freqs) as v(token, freq)
    where s.tablename = 'case_name_trigrams' and s.attname = 'token'
      and s.schemaname = (select relnamespace::regnamespace::text from pg_class where oid = 'case_name_trigrams'::regclass)`.execute(
    q,
  );
  return new Map(rows.map((r) => [r.token, r.freq]));
}

/**
 * Each case with a name or alias sharing at least `minShared` of these trigrams, and its best
 * pg_trgm similarity. Candidates come from `rare` only (enough of the query's tokens that no match
 * is missed, see `candidateTokenCount`; the rarest, so that few rows are read). A name whose rare
 * tokens plus every other query token could not reach the threshold is dropped there (shared ≥
 * t·(|q| + |n|) / (1 + t), with room for rounding); the rest have their own tokens counted exactly.
 */
function rankedByName(trigrams: readonly number[], rare: readonly number[], minShared: number, threshold: number) {
  const all = [...trigrams];
  return sql<{ case_id: string; similarity: number }>`(
    with candidate as (
      select case_id, name_no, min(name_size) as name_size from case_name_trigrams
      where token = any(${[...rare]}::int4[])
      group by case_id, name_no
      having (count(*) + ${all.length - rare.length}::int) * (1 + ${threshold}::float8) >= ${threshold}::float8 * (${all.length}::int + min(name_size)) - 1e-9)
    select c.case_id, max(n.shared::float8 / (${all.length}::int + c.name_size - n.shared)) as similarity
    from candidate c
    cross join lateral (
      select count(*)::int as shared from case_name_trigrams t
      where t.case_id = c.case_id and t.name_no = c.name_no and t.token = any(${all}::int4[])) n
    where n.shared >= ${minShared}::int
    group by c.case_id)`.as('r');
}

/** Cases holding any of these identifier tokens (in scope when one is given), with the tokens they share. */
export async function casesWithIdentifiers(q: Q, tokens: readonly IdentifierToken[], scope?: CaseScope) {
  if (tokens.length === 0) return [];
  const pairs = tokens.map((i) => sql`(${i.kind}, ${i.token})`);
  let query = q
    .selectFrom('cases')
    .innerJoin('case_identifiers as i', 'i.case_id', 'cases.id')
    .select(['cases.id', 'cases.reference', 'cases.status', 'cases.assignee_id', 'i.kind', 'i.token'])
    .where(sql<boolean>`(i.kind, i.token) in (${sql.join(pairs)})`);
  if (scope) query = inScope(query, scope);
  return query.orderBy('cases.reference').execute();
}

/** The references of the cases in scope, as a subquery for another module's filter (never run alone). */
export function referencesInScope(q: Q, scope: CaseScope) {
  return inScope(q.selectFrom('cases').select('cases.reference'), scope);
}

/**
 * Open cases holding any of these tokens: the reference only where the scope reaches the case
 * (decided here, in SQL), otherwise the name of the team that holds it, to say whom to ask.
 */
export async function openCaseMatches(q: Q, tokens: readonly IdentifierToken[], scope: CaseScope) {
  if (tokens.length === 0) return [];
  const pairs = tokens.map((i) => sql`(${i.kind}, ${i.token})`);
  return q
    .selectFrom('cases')
    .leftJoin('case_teams as team', 'team.id', 'cases.team_id')
    .select([
      sql<string | null>`case when ${scopeCondition(scope)} then cases.reference end`.as('reference'),
      'team.name as team_name',
    ])
    .where('cases.status', '<>', 'closed')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('case_identifiers as i')
          .select('i.case_id')
          .whereRef('i.case_id', '=', 'cases.id')
          .where(sql<boolean>`(i.kind, i.token) in (${sql.join(pairs)})`),
      ),
    )
    .orderBy('cases.reference')
    .limit(50)
    .execute();
}

/** One case by reference as the scope sees it: the reference where the scope reaches it, else its team's name. */
export async function caseMatchByReference(q: Q, reference: string, scope: CaseScope) {
  return q
    .selectFrom('cases')
    .leftJoin('case_teams as team', 'team.id', 'cases.team_id')
    .select([
      sql<string | null>`case when ${scopeCondition(scope)} then cases.reference end`.as('reference'),
      'team.name as team_name',
    ])
    .where('cases.reference', '=', reference)
    .executeTakeFirst();
}

/** Every case's id and sealed body, a page at a time, for rebuilding the search tokens. */
export async function caseBodiesAfter(q: Q, afterId: string | null, limit: number) {
  let query = q.selectFrom('cases').select(['id', 'body_enc']);
  if (afterId) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

// ---- saved filters -----------------------------------------------------------------------------

export async function savedFiltersOf(q: Q, userId: string) {
  return q
    .selectFrom('case_saved_filters')
    .select(['id', 'name', 'query_enc', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('name')
    .execute();
}

/** Saving under a name the user already has replaces that filter. */
export async function saveFilter(trx: Trx, row: { id: string; user_id: string; name: string; query_enc: string }) {
  return trx
    .insertInto('case_saved_filters')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'name']).doUpdateSet({ query_enc: row.query_enc, created_at: sql<Date>`now()` }))
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function deleteFilter(trx: Trx, userId: string, id: string): Promise<boolean> {
  const r = await trx.deleteFrom('case_saved_filters').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Active staff who share a case team with the user (and the user), by display name. */
export async function teamDirectory(q: Q, userId: string) {
  return q
    .selectFrom('staff_users as u')
    .select(['u.id', 'u.display_name', 'u.role'])
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('u.id', '=', userId),
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('case_team_members as m')
            .select('m.user_id')
            .where(
              'm.team_id',
              'in',
              eb.selectFrom('case_team_members as mine').select('mine.team_id').where('mine.user_id', '=', userId),
            ),
        ),
      ]),
    )
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
}
