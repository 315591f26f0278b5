import type { Insertable, Transaction, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database, StaffSessionsTable, StaffUsersTable } from '../db/schema.ts';

type Conn = Db | Transaction<Database>;

export function findUserByEmail(db: Conn, email: string) {
  return db.selectFrom('staff_users').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();
}

export function findUserById(db: Conn, id: string) {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserBySetupToken(db: Conn, tokenHash: string) {
  return db.selectFrom('staff_users').selectAll().where('setup_token_hash', '=', tokenHash).executeTakeFirst();
}

export async function insertUser(db: Conn, row: Insertable<StaffUsersTable>): Promise<string> {
  const { id } = await db.insertInto('staff_users').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUser(db: Conn, id: string, patch: Updateable<StaffUsersTable>): Promise<void> {
  await db.updateTable('staff_users').set(patch).where('id', '=', id).execute();
}

export async function scopesOf(db: Conn, userId: string) {
  return db.selectFrom('staff_scopes').select(['kind', 'value']).where('user_id', '=', userId).execute();
}

export async function addScopes(db: Conn, userId: string, scopes: { kind: 'jurisdiction' | 'assignment'; value: string }[]): Promise<void> {
  if (scopes.length === 0) return;
  await db.insertInto('staff_scopes').values(scopes.map((s) => ({ user_id: userId, ...s }))).execute();
}

export async function insertSession(db: Conn, row: Insertable<StaffSessionsTable>): Promise<void> {
  await db.insertInto('staff_sessions').values(row).execute();
}

export function findLiveSession(db: Conn, idHash: string, idleSince: Date) {
  return db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select([
      's.id_hash', 's.stage', 's.csrf_token', 's.pending_totp_secret_enc', 's.last_seen_at',
      'u.id as user_id', 'u.email', 'u.display_name', 'u.role', 'u.organisation', 'u.totp_secret_enc', 'u.totp_last_step',
    ])
    .where('s.id_hash', '=', idHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('s.last_seen_at', '>', idleSince)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function updateSession(db: Conn, idHash: string, patch: Updateable<StaffSessionsTable>): Promise<void> {
  await db.updateTable('staff_sessions').set(patch).where('id_hash', '=', idHash).execute();
}

export async function countUsers(db: Conn): Promise<number> {
  const row = await db.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
