import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../database.ts';
import type { ResetKind } from './admin.tables.ts';

type Conn = Db | Transaction<Database>;

/** The actions that make up the sign-in history (see auth.service.ts and passkeys.ts); a first sign-in enrols TOTP. */
export const SIGNED_IN_ACTIONS = ['auth.signed_in', 'auth.totp_enrolled'] as const;
export const SIGN_IN_ACTIONS = [...SIGNED_IN_ACTIONS, 'auth.password_failed', 'auth.totp_failed', 'auth.passkey_failed'] as const;

export async function listStaffRows(db: Conn) {
  const users = await db
    .selectFrom('staff_users')
    .select([
      'id',
      'email',
      'display_name',
      'role',
      'organisation',
      'disabled_at',
      'created_at',
      'password_hash',
      'totp_secret_enc',
    ])
    .orderBy('email')
    .execute();
  const scopes = await db
    .selectFrom('staff_scopes')
    .select(['user_id', 'value'])
    .where('kind', '=', 'jurisdiction')
    .orderBy('value')
    .execute();
  const passkeys = await db
    .selectFrom('staff_passkeys')
    .select(['user_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('user_id')
    .execute();
  const lastSignIn = await db
    .selectFrom('audit_entries')
    .select(['target_id', (eb) => eb.fn.max('at').as('at')])
    .where('action', 'in', SIGNED_IN_ACTIONS)
    .where('target_type', '=', 'staff_user')
    .groupBy('target_id')
    .execute();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    organisation: u.organisation,
    disabledAt: u.disabled_at,
    createdAt: u.created_at,
    jurisdictions: scopes.filter((s) => s.user_id === u.id).map((s) => s.value),
    passwordSet: u.password_hash !== null,
    totp: u.totp_secret_enc !== null,
    passkeys: Number(passkeys.find((p) => p.user_id === u.id)?.n ?? 0),
    lastSignedInAt: lastSignIn.find((l) => l.target_id === u.id)?.at ?? null,
  }));
}

export type StaffRow = Awaited<ReturnType<typeof listStaffRows>>[number];

export async function replaceJurisdictions(trx: Transaction<Database>, userId: string, states: readonly string[]): Promise<void> {
  await trx.deleteFrom('staff_scopes').where('user_id', '=', userId).where('kind', '=', 'jurisdiction').execute();
  if (states.length > 0)
    await trx
      .insertInto('staff_scopes')
      .values(states.map((value) => ({ user_id: userId, kind: 'jurisdiction' as const, value })))
      .execute();
}

/** Ends every session of an account at once. */
export async function revokeSessionsOf(db: Conn, userId: string): Promise<void> {
  await db
    .updateTable('staff_sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Sets or clears `disabled_at`; false when the account was already in that state. */
export async function setDisabled(db: Conn, userId: string, disabled: boolean): Promise<boolean> {
  const res = await db
    .updateTable('staff_users')
    .set({ disabled_at: disabled ? new Date() : null })
    .where('id', '=', userId)
    .where('disabled_at', disabled ? 'is' : 'is not', null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** A request left open past its time cannot be approved; closing it lets a new one be made. */
export async function closeExpiredResets(db: Conn, userId: string, kind: ResetKind): Promise<void> {
  await db
    .updateTable('staff_reset_requests')
    .set({ cancelled_at: new Date() })
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('approved_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '<=', new Date())
    .execute();
}

export async function insertResetRequest(
  db: Conn,
  row: { user_id: string; kind: ResetKind; requested_by: string; expires_at: Date },
): Promise<string | undefined> {
  const inserted = await db
    .insertInto('staff_reset_requests')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind']).where('approved_at', 'is', null).where('cancelled_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export function findResetRequest(db: Conn, id: string) {
  return db.selectFrom('staff_reset_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks an open, unexpired request approved (or cancelled), once: of two admins, one wins. */
export async function closeResetRequest(db: Conn, id: string, by: string, end: 'approved' | 'cancelled'): Promise<boolean> {
  const now = new Date();
  let q = db
    .updateTable('staff_reset_requests')
    .set(end === 'approved' ? { approved_by: by, approved_at: now } : { cancelled_by: by, cancelled_at: now })
    .where('id', '=', id)
    .where('approved_at', 'is', null)
    .where('cancelled_at', 'is', null);
  if (end === 'approved') q = q.where('expires_at', '>', now);
  const res = await q.executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function listResetRequestRows(db: Conn, limit: number) {
  return db
    .selectFrom('staff_reset_requests as r')
    .innerJoin('staff_users as u', 'u.id', 'r.user_id')
    .innerJoin('staff_users as q', 'q.id', 'r.requested_by')
    .leftJoin('staff_users as a', 'a.id', 'r.approved_by')
    .select([
      'r.id',
      'r.kind',
      'r.user_id',
      'u.email as user_email',
      'r.requested_by',
      'q.email as requested_by_email',
      'r.created_at',
      'r.expires_at',
      'r.approved_at',
      'a.email as approved_by_email',
      'r.cancelled_at',
    ])
    .orderBy(sql`(r.approved_at is null and r.cancelled_at is null)`, 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Clears the password and issues a one-time set-up link in its place. */
export async function resetPassword(db: Conn, userId: string, setupTokenHash: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ password_hash: null, setup_token_hash: setupTokenHash, setup_token_expires_at: expiresAt })
    .where('id', '=', userId)
    .execute();
}

/** Forgets the authenticator app and every passkey: the next sign-in enrols afresh. */
export async function resetSecondFactor(db: Conn, userId: string): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ totp_secret_enc: null, totp_enrolled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('staff_passkeys').where('user_id', '=', userId).execute();
}

export async function listSignIns(db: Conn, filter: { userId?: string | undefined; limit: number }) {
  let q = db
    .selectFrom('audit_entries as e')
    // A failed passkey names its account as the actor, the others as the target.
    .leftJoin('staff_users as u', (j) => j.on(sql`u.id::text`, '=', sql`coalesce(e.target_id, e.actor_id::text)`))
    .select(['e.id', 'e.at', 'e.action', 'u.id as user_id', 'u.email', 'u.display_name', 'e.details'])
    .where('e.action', 'in', SIGN_IN_ACTIONS);
  if (filter.userId) q = q.where('u.id', '=', filter.userId);
  return q.orderBy('e.id', 'desc').limit(filter.limit).execute();
}
