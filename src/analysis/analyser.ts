import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Trx } from './analysis.tables.ts';
import { reportBody, type Report } from '../intake/index.ts';
import { raiseLeadsFor } from '../leads/index.ts';
import { blindIndex, open as openSealed, type Actor, type Keyring } from '../security/index.ts';
import type { CaseMatch } from '../cases/index.ts';
import { childNamesOf, distinctIdentifiers, identifiersOfReport } from './identifiers.ts';
import { currentRuleSet } from './triage/rule-sets.ts';
import { factsOfReport } from './triage/facts.ts';
import { evaluateRules, priorityRank, withRepeatedReports, type FiredRule, type RuleSet } from './triage/rules.ts';

export interface IdentifierToken {
  kind: string;
  token: string;
}

export interface AnalysisDeps {
  db: Db;
  keyring: Keyring;
  /** How many open missing-child cases hold any of these identifiers (from the cases module). */
  openCasesSharing: (db: Db | Trx, tokens: readonly IdentifierToken[]) => Promise<number>;
  /** The same cases as this reader may know them: references only of those the reader may open. */
  caseMatchesFor: (db: Db | Trx, tokens: readonly IdentifierToken[], actor: Actor) => Promise<CaseMatch[]>;
  /** A case a tip is linked to, as this reader may know it (null when there is none). */
  caseAsSeenBy: (db: Db | Trx, actor: Actor, reference: string) => Promise<CaseMatch | null>;
  /** Whether a case exists within the actor's reach (a tip is linked only to such a case). */
  caseInReach: (db: Db | Trx, actor: Actor, reference: string) => Promise<boolean>;
  /** The deployment's time zone, for dates written for people (the lead package PDF); UTC when not given. */
  timeZone?: string;
}

/** How far behind the newest analysed tip the next look starts: a tip commits a moment after it is stamped. */
const LOOK_BACK_MS = 5 * 60_000;
const watermarks = new WeakMap<Db, Date>();

/**
 * Analyses tips that have none yet: identifiers out, links found, urgency rules applied.
 * The first call looks at every tip; later calls only at recent ones. Returns how many it did.
 */
export async function analysePending(deps: AnalysisDeps, limit = 200): Promise<number> {
  const startedAt = new Date();
  const since = watermarks.get(deps.db) ?? new Date(0);
  const pending = await deps.db
    .selectFrom('reports as r')
    .select(['r.id'])
    .where('r.received_at', '>', since)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('tip_triage as t').select('t.report_id').whereRef('t.report_id', '=', 'r.id'))),
    )
    .orderBy('r.received_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  const ruleSet = await currentRuleSet(deps.db);
  for (const { id } of pending) await analyseReport(deps, id, ruleSet);
  if (pending.length < limit) watermarks.set(deps.db, new Date(startedAt.getTime() - LOOK_BACK_MS));
  return pending.length;
}

/** One tip, in one transaction: its triage row, its identifier tokens, and a fresh look at open tips it links to. */
export async function analyseReport(deps: AnalysisDeps, reportId: string, ruleSet?: RuleSet): Promise<void> {
  const rules = ruleSet ?? (await currentRuleSet(deps.db));
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('reports')
      .select(['id', 'reference', 'received_at', 'state', 'city', 'body_enc'])
      .where('id', '=', reportId)
      .executeTakeFirst();
    if (!row) return;
    const report = openSealed(deps.keyring, reportBody, row.body_enc);
    const tokens = tokensOf(deps.keyring, report);
    if (tokens.length > 0) {
      await trx
        .insertInto('tip_identifiers')
        .values(tokens.map((t) => ({ report_id: row.id, ...t })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const triage = await triageOf(deps, trx, row.id, report, tokens, rules);
    const index = blindIndex(deps.keyring.indexKey);
    const names = childNamesOf(report);
    const inserted = await trx
      .insertInto('tip_triage')
      .values({
        report_id: row.id,
        reference: row.reference,
        priority: priorityRank(triage.priority),
        fired: JSON.stringify(triage.fired),
        rules_version: triage.rulesVersion,
        received_at: row.received_at,
        due_at: dueAt(row.received_at, triage.slaHours),
        state: row.state,
        city: row.city,
        name_trigrams: [...new Set(names.flatMap((n) => index.nameTrigrams(n)))],
        name_core_trigrams: [...new Set(names.flatMap((n) => index.nameCoreTrigrams(n)))],
      })
      .onConflict((oc) => oc.column('report_id').doNothing())
      .returning('report_id')
      .executeTakeFirst();
    if (!inserted) return;
    await retriageLinked(trx, row.id, tokens, rules);
    // Adverts already holding one of the tip's identifiers: a lead for an analyst now.
    await raiseLeadsFor(trx, { kind: 'tip', reference: row.reference }, tokens);
  });
}

/** The blind tokens of a tip's identifiers, as stored in `tip_identifiers` and matched against cases. */
export function tokensOf(keyring: Keyring, report: Report): IdentifierToken[] {
  const index = blindIndex(keyring.indexKey);
  return distinctIdentifiers(identifiersOfReport(report).identifiers).map((i) => ({
    kind: i.kind,
    token: index.token(i.kind, i.value),
  }));
}

async function triageOf(
  deps: AnalysisDeps,
  trx: Trx,
  reportId: string,
  report: Report,
  tokens: readonly IdentifierToken[],
  rules: RuleSet,
) {
  const [otherTips, cases] = await Promise.all([
    tipsSharing(trx, reportId, tokens),
    tokens.length === 0 ? Promise.resolve(0) : deps.openCasesSharing(trx, tokens),
  ]);
  return evaluateRules(
    { ...factsOfReport(report), otherTipsSharingIdentifier: otherTips.length, openCasesSharingIdentifier: cases },
    rules,
  );
}

export async function tipsSharing(db: Db | Trx, reportId: string, tokens: readonly IdentifierToken[]): Promise<string[]> {
  if (tokens.length === 0) return [];
  const rows = await db
    .selectFrom('tip_identifiers')
    .select('report_id')
    .distinct()
    .where(
      'token',
      'in',
      tokens.map((t) => t.token),
    )
    .where('report_id', '<>', reportId)
    .limit(1000)
    .execute();
  return rows.map((r) => r.report_id);
}

/**
 * A new tip that shares an identifier may make earlier open tips more urgent ("reported more than
 * once"). Only that rule can change, so the stored reasons are updated without decrypting anything:
 * one grouped count, then the rule's entry replaced in each linked tip's reasons.
 */
async function retriageLinked(trx: Trx, reportId: string, tokens: readonly IdentifierToken[], rules: RuleSet): Promise<void> {
  const rule = rules.rules.find((r) => r.code === 'repeated_reports' && r.enabled);
  if (!rule) return;
  const linked = (await tipsSharing(trx, reportId, tokens)).slice(0, 50);
  if (linked.length === 0) return;
  const open = await trx
    .selectFrom('tip_triage')
    .select(['report_id', 'received_at', 'fired'])
    .where('report_id', 'in', linked)
    .where('status', 'in', ['new', 'in_review'])
    .forUpdate()
    .execute();
  if (open.length === 0) return;
  const counts = await trx
    .selectFrom('tip_identifiers as a')
    .innerJoin('tip_identifiers as b', (j) => j.onRef('b.token', '=', 'a.token').onRef('b.report_id', '<>', 'a.report_id'))
    .select(['a.report_id', sql<number>`count(distinct b.report_id)::int`.as('others')])
    .where(
      'a.report_id',
      'in',
      open.map((o) => o.report_id),
    )
    .groupBy('a.report_id')
    .execute();
  const othersOf = new Map(counts.map((c) => [c.report_id, Number(c.others)]));
  for (const tip of open) {
    const fired = withRepeatedReports(tip.fired as FiredRule[], othersOf.get(tip.report_id) ?? 0, rule);
    const priority = fired[0]?.priority ?? 'routine';
    await trx
      .updateTable('tip_triage')
      .set({
        priority: priorityRank(priority),
        fired: JSON.stringify(fired),
        rules_version: rules.version,
        due_at: sql<Date>`least(due_at, ${dueAt(tip.received_at, rules.sla[priority])})`,
        updated_at: new Date(),
      })
      .where('report_id', '=', tip.report_id)
      .execute();
  }
}

const dueAt = (receivedAt: Date, hours: number) => new Date(new Date(receivedAt).getTime() + hours * 3_600_000);
