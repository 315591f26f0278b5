import type { BeaconModule } from '../core/module.ts';
import type { Db } from '../database.ts';
import { auditMigrations } from './audit.migrations.ts';
import { sealAll, sealAudit } from './audit.ts';
import { passkeysMigrations } from './passkeys.migrations.ts';
import { securityMigrations } from './security.migrations.ts';
import { securitySealedColumns } from './security.sealed.ts';
import { tokenMigrations } from './tokens.migrations.ts';
import { expireRateLimits, rateLimitMigrations } from './rate-limit.ts';

/** Staff, sessions, API tokens, passkeys and the audit trail; its routes are the server's own (src/http). */
export const securityModule: BeaconModule<{ db: Db }> = {
  name: 'security',
  migrations: { ...auditMigrations, ...securityMigrations, ...tokenMigrations, ...passkeysMigrations, ...rateLimitMigrations },
  sealedColumns: securitySealedColumns,
  jobs: ({ db }) => [
    // Chains new audit entries a few times a second (see audit.ts); on stop, all of them. Too often
    // for the queue, so every server runs it; an advisory lock keeps the chain to one writer.
    { name: 'audit sealing', everyMs: 250, local: true, run: () => sealAudit(db), drain: () => sealAll(db) },
    { name: 'rate limit expiry', everyMs: 60 * 60_000, run: () => expireRateLimits(db) },
  ],
};
