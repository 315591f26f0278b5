import type { FastifyInstance } from 'fastify';
import { caseAsSeenBy, caseInReach, casesSharingIdentifiers, openCaseMatchesFor, type IdentifierKind } from '../cases/index.ts';
import type { AppDeps } from '../http/context.ts';
import type { AnalysisDeps, IdentifierToken } from './analyser.ts';
import { referralRoutes } from './referrals/referral.routes.ts';
import { agenciesRoutes } from './agencies/index.ts';
import { triageRoutes } from './triage/triage.routes.ts';

export { analysisMigrations } from './analysis.migrations.ts';
export { analysisSealedColumns } from './analysis.sealed.ts';
export { agenciesMigrations, addAgencyMember, demoAgencies, importAgencies, listAgencies, toAgencyCsv, type Agency, type CsvProblem, type ImportOutcome } from './agencies/index.ts';
export type { AnalysisTables } from './analysis.tables.ts';
export { analysePending, analyseReport, type AnalysisDeps, type IdentifierToken } from './analyser.ts';
export { identifiersOfReport, distinctIdentifiers, type TipIdentifier, type LinkKind } from './identifiers.ts';
export { DEFAULT_RULE_SET, evaluateRules, type RuleSet, type TipFacts } from './triage/rules.ts';

const CASE_KINDS: ReadonlySet<string> = new Set<IdentifierKind>(['phone', 'email', 'handle']);
const caseTokensOf = (tokens: readonly IdentifierToken[]) => tokens.filter((t) => CASE_KINDS.has(t.kind)).map((t) => ({ kind: t.kind as IdentifierKind, token: t.token }));

/** Triage asks the cases module which open cases hold a tip's identifiers; it never reads case tables. */
export function analysisDepsOf(deps: Pick<AppDeps, 'db' | 'keyring'>): AnalysisDeps {
  return {
    db: deps.db,
    keyring: deps.keyring,
    openCasesSharing: async (db, tokens) => {
      const caseTokens = caseTokensOf(tokens);
      if (caseTokens.length === 0) return 0;
      return (await casesSharingIdentifiers(db, caseTokens)).filter((c) => c.status !== 'closed').length;
    },
    caseMatchesFor: (db, tokens, actor) => openCaseMatchesFor(db, caseTokensOf(tokens), actor),
    caseAsSeenBy,
    caseInReach,
  };
}

export function analysisRoutes(deps: AppDeps) {
  const analysis = { ...analysisDepsOf(deps), timeZone: deps.config.deployment.timeZone };
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(triageRoutes(analysis));
    await app.register(referralRoutes(analysis));
    await app.register(agenciesRoutes(deps));
  };
}
export { tipsSharingTokens, type TipSharingToken } from './watch.ts';
export { tipReferencesInReach } from './triage/scope.ts';
