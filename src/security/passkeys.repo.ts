import { sql, type Insertable, type Transaction } from 'kysely';
import type { Database, Db } from '../database.ts';
import type { PasskeyChallengesTable, StaffPasskeysTable } from './passkeys.tables.ts';
import type { SecondFactors } from './second-factor.ts';

type Conn = Db | Transaction<Database>;

export function passkeysOf(db: Conn, userId: string) {
  return db.selectFrom('staff_passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
}

export async function countPasskeys(db: Conn, userId: string): Promise<number> {
  const row = await db
    .selectFrom('staff_passkeys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user's own credential by its authenticator id: someone else's is as good as unknown. */
export function findOwnCredential(db: Conn, userId: string, credentialId: string) {
  return db
    .selectFrom('staff_passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
}

export function credentialExists(db: Conn, credentialId: string) {
  return db.selectFrom('staff_passkeys').select('id').where('credential_id', '=', credentialId).executeTakeFirst();
}

export async function insertPasskey(db: Conn, row: Insertable<StaffPasskeysTable>): Promise<{ id: string; created_at: Date }> {
  return db.insertInto('staff_passkeys').values(row).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

/** Counters only move forward, even if two sign-ins with one key race. */
export async function recordUse(db: Conn, id: string, signCount: number): Promise<void> {
  await db
    .updateTable('staff_passkeys')
    .set({ sign_count: sql<number>`greatest(sign_count, ${signCount})`, last_used_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deletePasskey(db: Conn, userId: string, id: string): Promise<boolean> {
  const rows = await db.deleteFrom('staff_passkeys').where('user_id', '=', userId).where('id', '=', id).returning('id').execute();
  return rows.length > 0;
}

/** Serialises changes to one account's second factors (the last one must never go). */
export async function lockUser(trx: Transaction<Database>, userId: string) {
  return trx
    .selectFrom('staff_users')
    .select(['id', 'role', 'totp_secret_enc'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function putChallenge(db: Conn, row: Insertable<PasskeyChallengesTable>): Promise<void> {
  await db
    .insertInto('passkey_challenges')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['session_hash', 'purpose']).doUpdateSet({ challenge: row.challenge, expires_at: row.expires_at }),
    )
    .execute();
}

/** Takes the session's challenge: whatever the answer turns out to be, it cannot be used again. */
export async function takeChallenge(
  db: Conn,
  sessionHash: string,
  purpose: PasskeyChallengesTable['purpose'],
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('passkey_challenges')
    .where('session_hash', '=', sessionHash)
    .where('purpose', '=', purpose)
    .returning(['challenge', 'expires_at'])
    .executeTakeFirst();
  return row && new Date(row.expires_at).getTime() > Date.now() ? row.challenge : undefined;
}

export async function dropExpiredChallenges(db: Conn): Promise<void> {
  await db.deleteFrom('passkey_challenges').where('expires_at', '<', new Date()).execute();
}

/** What the account can sign in with, and whether the deployment holds it to passkeys. */
export async function secondFactorsOf(
  db: Conn,
  user: { id: string; role: string; totp_secret_enc: string | null },
  adminPasskeyRequired: boolean,
): Promise<SecondFactors> {
  return {
    hasTotp: user.totp_secret_enc !== null,
    passkeys: await countPasskeys(db, user.id),
    passkeyRequired: adminPasskeyRequired && user.role === 'admin',
  };
}
