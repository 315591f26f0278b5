import type { FastifyInstance } from 'fastify';
import type { BeaconModule, JobPayload } from '../core/module.ts';
import { TIP_ANALYSIS_JOB } from '../shared/jobs.ts';
import { caseAsSeenBy, caseInReach, casesSharingIdentifiers, openCaseMatchesFor, type IdentifierKind } from '../cases/index.ts';
import type { AppDeps } from '../http/index.ts';
import { analysePending, analyseReport, type AnalysisDeps, type IdentifierToken } from './analyser.ts';
import { analysisMigrations } from './analysis.migrations.ts';
import { analysisSealedColumns } from './analysis.sealed.ts';
import { agenciesMigrations } from './agencies/index.ts';
import { referralRoutes } from './referrals/referral.routes.ts';
import { agenciesRoutes } from './agencies/index.ts';
import { triageRoutes } from './triage/triage.routes.ts';

export {
  addAgencyMember,
  demoAgencies,
  importAgencies,
  listAgencies,
  toAgencyCsv,
  type Agency,
  type CsvProblem,
  type ImportOutcome,
} from './agencies/index.ts';
export type { AnalysisTables } from './analysis.tables.ts';
export { analysePending, analyseReport, type AnalysisDeps } from './analyser.ts';
const CASE_KINDS: ReadonlySet<string> = new Set<IdentifierKind>(['phone', 'email', 'handle']);
const caseTokensOf = (tokens: readonly IdentifierToken[]) =>
  tokens.filter((t) => CASE_KINDS.has(t.kind)).map((t) => ({ kind: t.kind as IdentifierKind, token: t.token }));

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

function analysisRoutes(deps: AppDeps) {
  const analysis = { ...analysisDepsOf(deps), timeZone: deps.config.deployment.timeZone };
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(triageRoutes(analysis));
    await app.register(referralRoutes(analysis));
    await app.register(agenciesRoutes(deps));
  };
}
export { tipsSharingTokens } from './watch.ts';
export { tipReferencesInReach } from './triage/scope.ts';

/** Triage, referrals and the agency directory; new tips are analysed in the background. */
export const analysisModule: BeaconModule<AppDeps> = {
  name: 'analysis',
  migrations: { ...analysisMigrations, ...agenciesMigrations },
  sealedColumns: analysisSealedColumns,
  async routes(app, deps) {
    await app.register(analysisRoutes(deps));
  },
  jobs(deps) {
    const analysis = analysisDepsOf(deps);
    // A new tip is queued for analysis (identifiers, links, urgency) as it is taken; once a minute
    // a sweep finds any tip that came in another way (imports, the demo).
    const run = (payload: JobPayload) =>
      typeof payload.reportId === 'string' ? analyseReport(analysis, payload.reportId) : analysePending(analysis);
    return [{ name: TIP_ANALYSIS_JOB, everyMs: 60_000, run }];
  },
};
// For the statistics rollup (src/stats): counts of referrals, nothing of a tip.
export { referralCounts } from './referrals/referral.counts.ts';
