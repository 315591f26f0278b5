import type { Db } from '../../database.ts';
import { answer, auditedChange, type RequestContext, type StaffActor } from '../../security/index.ts';
import type { Trx } from '../analysis.tables.ts';
import { DEFAULT_RULE_SET, ruleSetInputSchema, type RuleSet } from './rules.ts';
import { sql } from 'kysely';
import { fieldErrors } from '../../core/validation.ts';
import type { Invalid } from '../../core/result.ts';

/** The rule set in force: the newest version a supervisor saved, or Beacon's defaults (version 1). */
export async function currentRuleSet(db: Db | Trx): Promise<RuleSet> {
  const row = await db
    .selectFrom('triage_rule_sets')
    .select(['version', 'rules'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return DEFAULT_RULE_SET;
  return { version: row.version, ...ruleSetInputSchema.parse(row.rules) };
}

export async function ruleSetHistory(db: Db): Promise<{ version: number; createdAt: Date; note: string }[]> {
  const rows = await db
    .selectFrom('triage_rule_sets')
    .select(['version', 'created_at', 'rules'])
    .orderBy('version', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    version: r.version,
    createdAt: new Date(r.created_at),
    note: ruleSetInputSchema.parse(r.rules).note,
  }));
}

/** Saves a new version; versions are never changed or removed, so every tip's reasons can be traced to the rules that gave them. */
export async function saveRuleSet(
  db: Db,
  ctx: RequestContext & { actor: StaffActor },
  input: unknown,
): Promise<{ kind: 'ok'; ruleSet: RuleSet } | Invalid> {
  const { actor } = ctx;
  const parsed = ruleSetInputSchema.safeParse(input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, 'en') };
  return auditedChange(db, ctx, { action: 'triage.rules_saved' }, async (trx) => {
    // Two supervisors saving at once get consecutive versions, not a key clash.
    await sql`lock table triage_rule_sets in exclusive mode`.execute(trx);
    const current = await currentRuleSet(trx);
    const version = Math.max(current.version, DEFAULT_RULE_SET.version) + 1;
    await trx
      .insertInto('triage_rule_sets')
      .values({ version, rules: JSON.stringify(parsed.data), created_by: actor.id })
      .execute();
    return answer({ kind: 'ok', ruleSet: { version, ...parsed.data } } as const, {
      target: { type: 'triage_rules', id: String(version) },
    });
  });
}
