import { analysisModule, tipReferencesInReach, tipsSharingTokens } from './analysis/index.ts';
import {
  caseForPlan,
  caseReferencesInReach,
  casesLinkedToFamily,
  casesModule,
  casesSharingIdentifiers,
  caseToLink,
  missingEpisodeCounts,
  missingCasesNamed,
  openCasePhotoMatches,
  parseLanguageList,
} from './cases/index.ts';
import { migrationsOf, sealedColumnsOf, withDeps, type BeaconModule } from './core/module.ts';
import type { Db } from './database.ts';
import { directoryModule, providerById } from './directory/index.ts';
import { familyModule, type CasesPort } from './family/index.ts';
import type { AppDeps } from './http/index.ts';
import { intakeModule, renderPage, shippedPublicText, tipMonthCounts } from './intake/index.ts';
import { leadsModule, type LeadsDeps } from './leads/index.ts';
import { planTasksOf, publishTemplateVersion, recoveryModule, templateVersionForReview } from './recovery/index.ts';
import { LANGUAGE_LIST_KEY, publishedBody, reviewModule, reviewRequired } from './review/index.ts';
import { securityModule, type Keyring } from './security/index.ts';
import { statsModule } from './stats/index.ts';
import { trainingModule } from './training/index.ts';
import { referralCounts } from './analysis/index.ts';
import { childCounts, reportClockCounts } from './cases/index.ts';
import { planCounts } from './recovery/index.ts';
import { familySupportCounts, peerCallCounts } from './family/index.ts';
import type { CountSources } from './stats/index.ts';

/**
 * Every module of the server, the only place one is registered: migrations, key rotation, routes
 * and background jobs are all taken from this list (routes register in this order).
 */
export const modules: readonly BeaconModule<AppDeps>[] = [
  securityModule,
  withDeps(intakeModule, (deps: AppDeps) => ({
    ...deps,
    publicText: (q, key) => publishedBody(q, 'public_page_text', key),
  })),
  withDeps(casesModule, (deps: AppDeps) => ({
    ...deps,
    planTasks: (trx, cases, dueBy) => planTasksOf(deps.keyring, trx, cases, dueBy, new Date().toISOString().slice(0, 10)),
    languageList: (q) => publishedBody(q, 'language_list', LANGUAGE_LIST_KEY),
  })),
  directoryModule,
  analysisModule,
  withDeps(leadsModule, leadsDepsOf),
  withDeps(recoveryModule, (deps: AppDeps) => ({
    db: deps.db,
    keyring: deps.keyring,
    publicUrl: deps.config.publicUrl,
    organisation: deps.config.deployment.orgName,
    cases: { caseForPlan: (q, actor, permission, where) => caseForPlan(q, deps.keyring, actor, permission, where) },
    templateReviewRequired: (q) => reviewRequired(q, 'plan_template'),
  })),
  withDeps(reviewModule, (deps: AppDeps) => ({
    db: deps.db,
    materials: {
      plan_template: { proposal: templateVersionForReview, onPublished: publishTemplateVersion },
      language_list: { accepts: (text) => parseLanguageList(text) !== null },
      public_page_text: { shipped: shippedPublicText },
    },
  })),
  withDeps(statsModule, (deps: AppDeps) => ({
    db: deps.db,
    reads: deps.readDb,
    deployment: deps.config.deployment,
    frame: renderPage,
    rollupSources: { tipMonthCounts, missingEpisodeCounts, counts: statsCountSources(deps.keyring) },
  })),
  withDeps(trainingModule, (deps: AppDeps) => ({
    db: deps.db,
    deployment: deps.config.deployment,
    keyFile: deps.config.keyFile,
    publicUrl: deps.config.publicUrl,
    mail: deps.config.mail,
  })),
  withDeps(familyModule, (deps: AppDeps) => ({
    db: deps.db,
    keyring: deps.keyring,
    cases: familyCasesPort(deps.keyring),
    providers: { nameOf: async (q, id) => (await providerById(q, id))?.name },
  })),
];

export const allMigrations = migrationsOf(modules);

/** Every encrypted column, for key rotation (a test fills every table and fails on one missing). */
export const allSealedColumns = sealedColumnsOf(modules);

/**
 * Where ports between modules are wired. Analysis imports cases and leads, cases imports leads;
 * what leads asks of them runs against that order, so it is passed in from here (see
 * `.dependency-cruiser.cjs`, which fails the lint on any runtime cycle).
 */
export function leadsDepsOf(deps: { db: Db; keyring: Keyring }): LeadsDeps {
  return {
    db: deps.db,
    keyring: deps.keyring,
    openCasesSharing: async (db, tokens) =>
      (await casesSharingIdentifiers(db, tokens))
        .filter((c) => c.status !== 'closed')
        .flatMap((c) => c.shared.map((s) => ({ reference: c.reference, kind: s.kind, token: s.token }))),
    tipsSharing: tipsSharingTokens,
    openCasePhotoMatches: (db, hexes) => openCasePhotoMatches(db, deps.keyring, hexes),
    missingCasesNamed: (db, personas) => missingCasesNamed(db, deps.keyring, personas),
    caseReferencesInReach,
    tipReferencesInReach,
  };
}

/** What the family module may see of cases: a case to link (in the actor's reach), and the shared part of linked ones. */
export function familyCasesPort(keyring: Keyring): CasesPort {
  return {
    caseToLink: (q, actor, reference) => caseToLink(q, keyring, actor, 'case.read', reference),
    casesLinked: (q, ids) => casesLinkedToFamily(q, keyring, ids),
  };
}

/** What the statistics rollup reads of analysis, cases, recovery and family: counts only. */
export function statsCountSources(keyring: Keyring): CountSources {
  return {
    referralCounts,
    childCounts: (db, touchedSince) => childCounts(db, keyring, touchedSince),
    reportClockCounts,
    planCounts,
    peerCallCounts,
    // Five years of months: the dashboards' longest period, without a row for every month since 1970.
    familySupportCounts: (db) => familySupportCounts(db, new Date(Date.UTC(new Date().getUTCFullYear() - 5, 0, 1))),
  };
}
