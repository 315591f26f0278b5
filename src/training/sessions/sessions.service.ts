import { createHash, randomBytes } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import type { Lang } from '../../core/deployment.ts';
import { enqueue } from '../../core/jobs.ts';
import type { Database, Db } from '../../database.ts';
import { authorize, recordAudit, type Actor } from '../../security/index.ts';
import type { TrainingBookingsTable, TrainingSessionsTable } from '../training.tables.ts';
import { sessionEmail, type EmailKind } from './emails.ts';
import { SEND_EMAIL_JOB } from './outbox.ts';
import { attendanceChange, cancel, placeFor, type Attendance, type Seat, type StatusChange } from './seats.ts';

export type SessionRow = Selectable<TrainingSessionsTable>;
export type BookingRow = Selectable<TrainingBookingsTable>;

/** What the session rules need from the rest of training: course titles, links and certificates. */
export interface SessionsDeps {
  db: Db;
  organisation: string;
  publicUrl: string;
  courseTitle(course: string, lang: Lang): string | undefined;
  /** Issues (or finds) the certificate for a booking marked attended, in the same transaction. */
  issueForAttendance(trx: Transaction<Database>, booking: BookingRow, session: SessionRow): Promise<string>;
}

export const manageTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
export const manageUrl = (publicUrl: string, token: string, lang: Lang) =>
  `${publicUrl}/learn/bookings/${token}${lang === 'es' ? '?lang=es' : ''}`;

export interface NewSession {
  course: string;
  audience: string;
  lang: Lang;
  place: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

export async function createSession(deps: SessionsDeps, actor: Actor, input: NewSession): Promise<SessionRow> {
  authorize(actor, 'training.schedule');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('training_sessions')
      .values({
        course: input.course,
        audience: input.audience,
        lang: input.lang,
        place: input.place,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        capacity: input.capacity,
        created_by: actor.kind === 'staff' ? actor.id : '00000000-0000-0000-0000-000000000000',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'training_session.created', target: { type: 'training_session', id: row.id } });
    return row;
  });
}

export function listSessions(db: Db, from?: Date): Promise<(SessionRow & { booked: number; waitlisted: number })[]> {
  let q = db
    .selectFrom('training_sessions as s')
    .selectAll('s')
    .select((eb) => [
      eb
        .selectFrom('training_bookings as b')
        .whereRef('b.session_id', '=', 's.id')
        .where('b.status', 'in', ['booked', 'attended', 'no_show'])
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('booked'),
      eb
        .selectFrom('training_bookings as b')
        .whereRef('b.session_id', '=', 's.id')
        .where('b.status', '=', 'waitlisted')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('waitlisted'),
    ])
    .orderBy('s.starts_at');
  if (from) q = q.where('s.starts_at', '>=', from);
  return q.execute().then((rows) => rows.map((r) => ({ ...r, booked: Number(r.booked), waitlisted: Number(r.waitlisted) })));
}

export function findSession(db: Db | Transaction<Database>, id: string): Promise<SessionRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(undefined);
  return db.selectFrom('training_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function roster(db: Db, sessionId: string): Promise<BookingRow[]> {
  return db.selectFrom('training_bookings').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
}

const seatsOf = (rows: readonly BookingRow[]): Seat[] => rows.map((r) => ({ id: r.id, seq: Number(r.seq), status: r.status }));

/** Locks the session row: every change to its seats runs one at a time, so two bookings never take one last seat. */
async function lockedSeats(trx: Transaction<Database>, sessionId: string) {
  const session = await trx
    .selectFrom('training_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst();
  if (!session) return undefined;
  const bookings = await trx
    .selectFrom('training_bookings')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('seq')
    .execute();
  return { session, bookings };
}

async function queueEmail(
  deps: SessionsDeps,
  trx: Transaction<Database>,
  kind: EmailKind,
  session: SessionRow,
  booking: { id: string; name: string; email: string },
  token: string | undefined,
): Promise<void> {
  const now = new Date();
  const title = deps.courseTitle(session.course, session.lang) ?? session.course;
  // The manage link needs the token, which only the registration itself ever holds in clear.
  const link = token ? manageUrl(deps.publicUrl, token, session.lang) : `${deps.publicUrl}/learn/sessions/${session.id}`;
  const facts = {
    id: session.id,
    courseTitle: title,
    place: session.place,
    startsAt: session.starts_at,
    endsAt: session.ends_at,
    lang: session.lang,
    organisation: deps.organisation,
  };
  const email = sessionEmail(kind, facts, booking, link, now);
  const row = await trx
    .insertInto('training_outbox')
    .values({
      kind,
      booking_id: booking.id,
      to_address: booking.email,
      subject: email.subject,
      body_text: email.text,
      ics: email.ics,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Sent as soon as the change commits; the poll still finds a row whose job was lost. The id is
  // typed as a string but the pool reads bigint as a number, so it is made one string form here.
  await enqueue(trx, SEND_EMAIL_JOB, { outboxId: String(row.id) });
}

async function applyAndNotify(
  deps: SessionsDeps,
  trx: Transaction<Database>,
  session: SessionRow,
  bookings: readonly BookingRow[],
  changes: readonly StatusChange[],
): Promise<void> {
  for (const c of changes) {
    const booking = bookings.find((b) => b.id === c.id);
    if (!booking) continue;
    await trx.updateTable('training_bookings').set({ status: c.to, updated_at: new Date() }).where('id', '=', c.id).execute();
    if (c.from === 'waitlisted' && c.to === 'booked') await queueEmail(deps, trx, 'promotion', session, booking, undefined);
    if (c.to === 'cancelled') await queueEmail(deps, trx, 'cancellation', session, booking, undefined);
  }
}

export type BookOutcome =
  | { kind: 'ok'; status: 'booked' | 'waitlisted'; token: string; bookingId: string }
  | { kind: 'not_found' }
  | { kind: 'started' }
  | { kind: 'already' };

/** A registration: a seat while one is free, else the waitlist; the email goes in the same transaction. */
export async function book(
  deps: SessionsDeps,
  sessionId: string,
  person: { name: string; email: string; learnerId: string | null },
): Promise<BookOutcome> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return { kind: 'not_found' };
  return deps.db.transaction().execute(async (trx): Promise<BookOutcome> => {
    const locked = await lockedSeats(trx, sessionId);
    if (!locked) return { kind: 'not_found' };
    const { session, bookings } = locked;
    if (session.starts_at.getTime() <= Date.now()) return { kind: 'started' };
    const email = person.email.toLowerCase();
    if (bookings.some((b) => b.email === email && (b.status === 'booked' || b.status === 'waitlisted')))
      return { kind: 'already' };
    const status = placeFor(session.capacity, seatsOf(bookings));
    const token = randomBytes(24).toString('base64url');
    const row = await trx
      .insertInto('training_bookings')
      .values({
        session_id: session.id,
        name: person.name,
        email,
        learner_id: person.learnerId,
        status,
        manage_token_hash: manageTokenHash(token),
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await queueEmail(
      deps,
      trx,
      status === 'booked' ? 'confirmation' : 'waitlisted',
      session,
      { id: row.id, name: person.name, email },
      token,
    );
    return { kind: 'ok', status, token, bookingId: row.id };
  });
}

export function bookingByToken(db: Db, token: string): Promise<BookingRow | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return Promise.resolve(undefined);
  return db
    .selectFrom('training_bookings')
    .selectAll()
    .where('manage_token_hash', '=', manageTokenHash(token))
    .executeTakeFirst();
}

export type CancelResult = { kind: 'ok'; promoted: number } | { kind: 'not_found' } | { kind: 'not_active' };

/** Cancels one place; the first on the waitlist takes the freed seat in the same transaction. */
export async function cancelBooking(
  deps: SessionsDeps,
  actor: Actor,
  sessionId: string,
  bookingId: string,
): Promise<CancelResult> {
  return deps.db.transaction().execute(async (trx): Promise<CancelResult> => {
    const locked = await lockedSeats(trx, sessionId);
    if (!locked || !locked.bookings.some((b) => b.id === bookingId)) return { kind: 'not_found' };
    const outcome = cancel(locked.session.capacity, seatsOf(locked.bookings), bookingId);
    if (outcome.kind === 'not_active') return outcome;
    await applyAndNotify(deps, trx, locked.session, locked.bookings, outcome.changes);
    if (actor.kind === 'staff')
      await recordAudit(trx, {
        actor,
        action: 'training_booking.cancelled',
        target: { type: 'training_booking', id: bookingId },
      });
    return { kind: 'ok', promoted: outcome.changes.filter((c) => c.to === 'booked').length };
  });
}

export type AttendanceResult =
  { kind: 'ok'; certificates: number } | { kind: 'not_found' } | { kind: 'not_started' } | { kind: 'no_seat'; bookingId: string };

/** Marks who came; those present complete the course and get its certificate. */
export async function takeAttendance(
  deps: SessionsDeps,
  actor: Actor,
  sessionId: string,
  marks: readonly { booking: string; mark: Attendance }[],
): Promise<AttendanceResult> {
  authorize(actor, 'training.schedule');
  return deps.db.transaction().execute(async (trx): Promise<AttendanceResult> => {
    const locked = await lockedSeats(trx, sessionId);
    if (!locked) return { kind: 'not_found' };
    const started = locked.session.starts_at.getTime() <= Date.now();
    let certificates = 0;
    for (const m of marks) {
      const booking = locked.bookings.find((b) => b.id === m.booking);
      if (!booking) return { kind: 'no_seat', bookingId: m.booking };
      const change = attendanceChange(seatsOf([booking])[0] as Seat, m.mark, started);
      if (change === 'not_started') return { kind: 'not_started' };
      if (change === 'no_seat') return { kind: 'no_seat', bookingId: m.booking };
      const code = change.to === 'attended' ? await deps.issueForAttendance(trx, booking, locked.session) : null;
      if (code) certificates++;
      await trx
        .updateTable('training_bookings')
        .set({ status: change.to, certificate_code: code ?? booking.certificate_code, updated_at: new Date() })
        .where('id', '=', booking.id)
        .execute();
    }
    await recordAudit(trx, {
      actor,
      action: 'training_session.attendance',
      target: { type: 'training_session', id: sessionId },
      details: { marks: marks.length },
    });
    return { kind: 'ok', certificates };
  });
}

/** Queues the 24-hour reminder for each place still booked; a booking is reminded once. */
export async function queueReminders(deps: SessionsDeps, now = new Date()): Promise<number> {
  const soon = new Date(now.getTime() + 24 * 3600_000);
  const due = await deps.db
    .selectFrom('training_bookings as b')
    .innerJoin('training_sessions as s', 's.id', 'b.session_id')
    .select(['b.id', 'b.session_id'])
    .where('b.status', '=', 'booked')
    .where('b.reminded_at', 'is', null)
    .where('s.starts_at', '>', now)
    .where('s.starts_at', '<=', soon)
    .limit(200)
    .execute();
  let queued = 0;
  for (const d of due) {
    await deps.db.transaction().execute(async (trx) => {
      const booking = await trx
        .updateTable('training_bookings')
        .set({ reminded_at: now })
        .where('id', '=', d.id)
        .where('reminded_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      const session = booking && (await findSession(trx, d.session_id));
      if (!booking || !session) return;
      await queueEmail(deps, trx, 'reminder', session, booking, undefined);
      queued++;
    });
  }
  return queued;
}
