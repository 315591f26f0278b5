import { tipReferencesInReach, tipsSharingTokens } from './analysis/index.ts';
import { caseReferencesInReach, casesSharingIdentifiers, openCasePhotoHashes } from './cases/index.ts';
import type { Db } from './db/connection.ts';
import type { LeadsDeps } from './leads/index.ts';
import type { Keyring } from './security/crypto.ts';

/**
 * The composition root of the modules: each says what it needs of the others as ports, and only
 * this file imports more than one module, so no module can load another that loads it back.
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
