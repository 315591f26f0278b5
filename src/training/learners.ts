import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { TrainingLearnersTable } from './training.tables.ts';

export const LEARNER_ROLES = ['education', 'health_care', 'child_welfare', 'law_enforcement', 'other'] as const;
export type LearnerRole = (typeof LEARNER_ROLES)[number];
export const US_STATES = (
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA ' +
  'PR RI SC SD TN TX UT VT VA WA WV WI WY'
).split(' ');
export const MIN_LEARNER_PASSWORD = 12;
const SESSION_DAYS = 30;

export type Learner = Omit<Selectable<TrainingLearnersTable>, 'password_hash'>;

export interface Registration {
  name: string;
  email: string;
  organisation: string;
  role: string;
  state: string;
  password: string;
}

export type RegistrationField = 'name' | 'email' | 'organisation' | 'role' | 'state' | 'password';

/** The fields that are wrong, by name; empty when the registration may go ahead. */
export function registrationErrors(r: Registration): RegistrationField[] {
  const bad: RegistrationField[] = [];
  if (r.name.length < 1 || r.name.length > 120) bad.push('name');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.email) || r.email.length > 254) bad.push('email');
  if (r.organisation.length < 1 || r.organisation.length > 200) bad.push('organisation');
  if (!(LEARNER_ROLES as readonly string[]).includes(r.role)) bad.push('role');
  if (!US_STATES.includes(r.state)) bad.push('state');
  if (r.password.length < MIN_LEARNER_PASSWORD || r.password.length > 200) bad.push('password');
  return bad;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

async function newSession(db: Db, learnerId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('training_learner_sessions')
    .values({ token_hash: tokenHash(token), learner_id: learnerId, expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000) })
    .execute();
  return token;
}

export type RegisterOutcome =
  { kind: 'ok'; token: string } | { kind: 'invalid'; fields: RegistrationField[] } | { kind: 'taken' };

export async function registerLearner(db: Db, r: Registration): Promise<RegisterOutcome> {
  const fields = registrationErrors(r);
  if (fields.length > 0) return { kind: 'invalid', fields };
  const row = await db
    .insertInto('training_learners')
    .values({
      email: r.email.toLowerCase(),
      name: r.name,
      organisation: r.organisation,
      role: r.role as LearnerRole,
      state: r.state,
      password_hash: await hash(r.password),
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return { kind: 'taken' };
  return { kind: 'ok', token: await newSession(db, row.id) };
}

let dummy: Promise<string> | undefined;
/** A session token, or undefined; an unknown address costs the same time as a wrong password. */
export async function signInLearner(db: Db, email: string, password: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('training_learners')
    .select(['id', 'password_hash'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  dummy ??= hash('beacon-learner-timing');
  const ok = await verify(row?.password_hash ?? (await dummy), password).catch(() => false);
  return row && ok ? newSession(db, row.id) : undefined;
}

export async function learnerOfToken(db: Db, token: string | undefined): Promise<Learner | undefined> {
  if (!token || token.length > 100) return undefined;
  return db
    .selectFrom('training_learner_sessions as s')
    .innerJoin('training_learners as l', 'l.id', 's.learner_id')
    .select(['l.id', 'l.email', 'l.name', 'l.organisation', 'l.role', 'l.state', 'l.created_at'])
    .where('s.token_hash', '=', tokenHash(token))
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
}

export async function signOutLearner(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('training_learner_sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export function certificatesOf(db: Db, learnerId: string) {
  return db
    .selectFrom('training_certificates')
    .select(['code', 'course', 'lang', 'issued_at', 'revoked_at'])
    .where('learner_id', '=', learnerId)
    .orderBy('issued_at', 'desc')
    .execute();
}
