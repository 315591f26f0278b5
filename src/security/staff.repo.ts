import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Database, Db } from '../database.ts';
import type { StaffSessionsTable, StaffUsersTable } from './security.tables.ts';

type Conn = Db | Transaction<Database>;

export function findUserByEmail(db: Conn, email: string) {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export function findUserById(db: Conn, id: string) {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets the password and burns a live set-up token in one conditional update: of two redeemers, one wins. */
export async function redeemSetupToken(db: Conn, tokenHash: string, passwordHash: string): Promise<string | undefined> {
  const row = await db
    .updateTable('staff_users')
    .set({ password_hash: passwordHash, setup_token_hash: null, setup_token_expires_at: null })
    .where('setup_token_hash', '=', tokenHash)
    .where('setup_token_expires_at', '>', new Date())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function insertUser(db: Conn, row: Insertable<StaffUsersTable>): Promise<string> {
  const { id } = await db.insertInto('staff_users').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function scopesOf(db: Conn, userId: string) {
  return db.selectFrom('staff_scopes').select(['kind', 'value']).where('user_id', '=', userId).execute();
}

export async function addScopes(
  db: Conn,
  userId: string,
  scopes: { kind: 'jurisdiction' | 'assignment'; value: string }[],
): Promise<void> {
  if (scopes.length === 0) return;
  await db
    .insertInto('staff_scopes')
    .values(scopes.map((s) => ({ user_id: userId, ...s })))
    .execute();
}

export async function insertSession(db: Conn, row: Insertable<StaffSessionsTable>): Promise<void> {
  await db.insertInto('staff_sessions').values(row).execute();
}

export function findLiveSession(db: Conn, idHash: string, idleSince: Date) {
  return db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select([
      's.id_hash',
      's.stage',
      's.csrf_token',
      's.pending_totp_secret_enc',
      's.last_seen_at',
      'u.id as user_id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.organisation',
      'u.totp_secret_enc',
      'u.totp_last_step',
    ])
    .where('s.id_hash', '=', idHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('s.last_seen_at', '>', idleSince)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Finishes sign-in only if this session is still pending and the code's time step is newer than
 * any used before, so one code opens one session, however many ask at once. Enrolment also needs
 * the account to have no authenticator yet.
 */
export async function activateSession(
  trx: Transaction<Database>,
  a: {
    userId: string;
    idHash: string;
    stage: 'totp_enrol' | 'totp';
    step: number;
    newIdHash: string;
    nextStage: 'active' | 'passkey_enrol';
    csrfToken: string;
    enrolSecretEnc?: string | undefined;
  },
): Promise<boolean> {
  let user = trx
    .updateTable('staff_users')
    .set({
      totp_last_step: a.step,
      ...(a.enrolSecretEnc ? { totp_secret_enc: a.enrolSecretEnc, totp_enrolled_at: new Date() } : {}),
    })
    .where('id', '=', a.userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', a.step)]));
  user = a.enrolSecretEnc ? user.where('totp_secret_enc', 'is', null) : user.where('totp_secret_enc', 'is not', null);
  if (!(await user.returning('id').executeTakeFirst())) return false;
  const session = await trx
    .updateTable('staff_sessions')
    .set({
      id_hash: a.newIdHash,
      stage: a.nextStage,
      csrf_token: a.csrfToken,
      pending_totp_secret_enc: null,
      last_seen_at: new Date(),
    })
    .where('id_hash', '=', a.idHash)
    .where('stage', '=', a.stage)
    .where('revoked_at', 'is', null)
    .returning('id_hash')
    .executeTakeFirst();
  return session !== undefined;
}

export type AttemptClaim = { kind: 'claimed'; failures: number } | { kind: 'locked'; lockedUntil: Date };

/**
 * Claims one sign-in attempt for a subject (an account's key) unless it is locked. The attempt
 * counts as a failure from the start, in the database, so concurrent attempts each see the
 * count of those before them; a success gives it back (`releaseAttempt`). When the count reaches
 * a lock, the lock is set in the same transaction, before the next claim can read it.
 */
export async function claimAttempt(
  trx: Transaction<Database>,
  subject: string,
  lockFor: (failures: number) => number,
): Promise<AttemptClaim> {
  const claimed = await trx
    .insertInto('sign_in_throttle')
    .values({ subject, failures: 1 })
    .onConflict((oc) =>
      oc
        .column('subject')
        .doUpdateSet({ failures: sql`sign_in_throttle.failures + 1`, updated_at: sql`now()` })
        .where((eb) =>
          eb.or([eb('sign_in_throttle.locked_until', 'is', null), eb('sign_in_throttle.locked_until', '<=', sql<Date>`now()`)]),
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  if (!claimed) {
    const row = await trx
      .selectFrom('sign_in_throttle')
      .select('locked_until')
      .where('subject', '=', subject)
      .executeTakeFirstOrThrow();
    return { kind: 'locked', lockedUntil: new Date(row.locked_until ?? Date.now()) };
  }
  const delay = lockFor(claimed.failures);
  if (delay > 0) {
    await trx
      .updateTable('sign_in_throttle')
      .set({ locked_until: sql`now() + ${`${delay} milliseconds`}::interval` })
      .where('subject', '=', subject)
      .execute();
  }
  return { kind: 'claimed', failures: claimed.failures };
}

/** The password was right: this attempt was no failure, and any lock it set is lifted. */
/** When a subject's lock ends, if it is locked now. */
export async function lockedUntil(db: Conn, subject: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('subject', '=', subject)
    .where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row?.locked_until ? new Date(row.locked_until) : undefined;
}

export async function releaseAttempt(db: Conn, subject: string): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set({ failures: sql`greatest(failures - 1, 0)`, locked_until: null })
    .where('subject', '=', subject)
    .execute();
}

/** Fully signed in: failures in a row start again from zero. */
export async function clearAttempts(db: Conn, subject: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('subject', '=', subject).execute();
}

/** Claims one code attempt on a pending session, unless it has had `max` already. */
export async function claimSessionCode(trx: Transaction<Database>, idHash: string, max: number): Promise<number | undefined> {
  const row = await trx
    .updateTable('staff_sessions')
    .set({ failed_codes: sql`failed_codes + 1` })
    .where('id_hash', '=', idHash)
    .where('stage', '!=', 'active')
    .where('revoked_at', 'is', null)
    .where('failed_codes', '<', max)
    .returning('failed_codes')
    .executeTakeFirst();
  return row?.failed_codes;
}

export async function updateSession(db: Conn, idHash: string, patch: Updateable<StaffSessionsTable>): Promise<void> {
  await db.updateTable('staff_sessions').set(patch).where('id_hash', '=', idHash).execute();
}

export async function countUsers(db: Conn): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
