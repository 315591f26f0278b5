import { tipReferencesInReach, tipsSharingTokens } from './analysis/index.ts';
import { caseReferencesInReach, casesSharingIdentifiers, openCasePhotoHashes } from './cases/index.ts';
import type { Db } from './database.ts';
import type { LeadsDeps } from './leads/index.ts';
import type { Keyring } from './security/crypto.ts';

/**
 * Where ports between modules are wired. Analysis imports cases and leads, cases imports leads;
 * what leads asks of them runs against that order, so it is passed in from here (see
 * `.dependency-cruiser.cjs`, which fails the lint on any runtime cycle).
 */
export function leadsDepsOf(deps: { db: Db; keyring: Keyring }): LeadsDeps {
  return {
    db: deps.db,
    keyring: deps.keyring,
    openCasesSharing: async (db, tokens) => (await casesSharingIdentifiers(db, tokens))
      .filter((c) => c.status !== 'closed')
      .flatMap((c) => c.shared.map((s) => ({ reference: c.reference, kind: s.kind, token: s.token }))),
    tipsSharing: tipsSharingTokens,
    openCasePhotoHashes,
    caseReferencesInReach,
    tipReferencesInReach,
  };
}
