/** The security module as the rest of the server sees it: who acts, what they may do, sealing and the audit trail. */
export * as admin from './admin.service.ts';
export { presentReset, presentSignIn, presentStaff, presentToken } from './admin.present.ts';
export { type Actor, PUBLIC_ACTOR, type ServiceActor, type StaffActor } from './actor.ts';
export { sharedRateLimitStore } from './rate-limit.ts';
export { auditValues, listAudit, recordAudit, sealAll, verifyAuditChain } from './audit.ts';
export { type AuditAction } from './audit-actions.ts';
export {
  answer,
  auditedChange,
  auditedRead,
  type AuditNote,
  type AuditPlan,
  type Outcome,
  refuse,
  type RequestContext,
  type Trx,
  withoutAudit,
} from './audited.ts';
export {
  accountKey,
  beginTotpEnrolment,
  completeTotp,
  createStaffUser,
  login,
  logout,
  resolveSession,
  setPasswordWithToken,
  type AuthDeps,
  type SessionContext,
} from './auth.service.ts';
export { blindIndex, type BlindIndex, coreFilterIsExact, trigramSimilarity } from './blind-index.ts';
export { Keyring } from './crypto.ts';
export {
  enrolPasskey,
  listPasskeys,
  pendingFactors,
  registrationOptions,
  relyingPartyOf,
  removePasskey,
  signInOptions,
  signInWithPasskey,
  type PasskeyDeps,
  type PasskeyView,
} from './passkeys.ts';
export { outsideAccount } from './outside-accounts.ts';
export { abilities, authorize, ForbiddenError, hasPermission, recordScope, type RecordScope } from './policy.ts';
export { PERMISSIONS, type Permission, type Role, ROLE_DEFINITIONS, ROLES } from './roles.ts';
export { type KeptKey, rotateKeys, type RotationProgress } from './rotation.ts';
export { open, seal, sealedColumn, type SealedColumn, type SealedPlace } from './sealing.ts';
export { STAGES } from './second-factor.ts';
export { securityModule } from './security.module.ts';
export type { SecurityTables } from './security.tables.ts';
export { staffActorOf } from './staff-actor.ts';
export { countUsers, findUserByEmail, scopesOf } from './staff.repo.ts';
export {
  apiTokenHash,
  createApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
  TOKEN_SCOPES,
  type TokenScope,
} from './tokens.ts';
