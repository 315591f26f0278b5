import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { startJobQueue } from '../../core/jobs.ts';
import { createLogger } from '../../core/logger.ts';
import { startMailbox, type TestMailbox } from '../../../test/smtp.ts';
import type { StaffActor } from '../../security/index.ts';
import { smtpTransport } from './mail.ts';
import { emailJobs, SEND_EMAIL_JOB, sendDueEmails, type MailTransport } from './outbox.ts';
import {
  book,
  cancelBooking,
  createSession,
  queueReminders,
  roster,
  takeAttendance,
  type SessionsDeps,
} from './sessions.service.ts';

let t: TestDatabase;
let deps: SessionsDeps;
const trainer: StaffActor = {
  kind: 'staff',
  id: '00000000-0000-4000-8000-0000000000a1',
  email: 'trainer@example.test',
  role: 'trainer',
  organisation: 'Beacon',
  jurisdictions: [],
  assignments: [],
};

beforeAll(async () => {
  t = await createTestDatabase();
  deps = {
    db: t.db,
    organisation: 'Beacon test',
    publicUrl: 'http://beacon.test',
    courseTitle: () => 'Recognise and respond',
    issueForAttendance: async (_trx, booking) => `CODE-${booking.id.slice(0, 4)}`,
  };
});
afterAll(async () => {
  await t.close();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const session = (capacity: number, startsInDays = 7) =>
  createSession(deps, trainer, {
    course: 'recognise-respond',
    audience: 'education',
    lang: 'en',
    place: 'Library, room 2',
    startsAt: inDays(startsInDays),
    endsAt: new Date(inDays(startsInDays).getTime() + 2 * 3600_000),
    capacity,
  });
const person = (n: number) => ({ name: `Teacher ${n}`, email: `teacher${n}@example.test`, learnerId: null });

describe('booking seats', () => {
  it('gives the last seat to one of two concurrent registrations and waitlists the other', async () => {
    const s = await session(2);
    await book(deps, s.id, person(1));
    const results = await Promise.all([book(deps, s.id, person(2)), book(deps, s.id, person(3))]);
    expect(results.map((r) => (r.kind === 'ok' ? r.status : r.kind)).sort()).toEqual(['booked', 'waitlisted']);
    const rows = await roster(t.db, s.id);
    expect(rows.filter((r) => r.status === 'booked')).toHaveLength(2);
  });

  it('refuses a second active registration with the same address', async () => {
    const s = await session(5);
    expect((await book(deps, s.id, person(1))).kind).toBe('ok');
    expect((await book(deps, s.id, { ...person(1), email: 'TEACHER1@example.test' })).kind).toBe('already');
  });

  it('promotes the first on the waitlist when a place is cancelled, with the email queued in the same change', async () => {
    const s = await session(1);
    const first = await book(deps, s.id, person(1));
    await book(deps, s.id, person(2));
    await book(deps, s.id, person(3));
    if (first.kind !== 'ok') throw new Error('booking failed');
    expect(await cancelBooking(deps, trainer, s.id, first.bookingId)).toEqual({ kind: 'ok', promoted: 1 });
    const rows = await roster(t.db, s.id);
    expect(rows.map((r) => [r.email, r.status])).toEqual([
      ['teacher1@example.test', 'cancelled'],
      ['teacher2@example.test', 'booked'],
      ['teacher3@example.test', 'waitlisted'],
    ]);
    const promotion = await t.db
      .selectFrom('training_outbox')
      .selectAll()
      .where('kind', '=', 'promotion')
      .where('to_address', '=', 'teacher2@example.test')
      .executeTakeFirstOrThrow();
    expect(promotion.ics).toContain('BEGIN:VEVENT');
    expect(await cancelBooking(deps, trainer, s.id, first.bookingId)).toEqual({ kind: 'not_active' });
  });

  it('takes attendance only after the start, and gives those present a certificate', async () => {
    const later = await session(3);
    const b = await book(deps, later.id, person(1));
    if (b.kind !== 'ok') throw new Error('booking failed');
    expect(await takeAttendance(deps, trainer, later.id, [{ booking: b.bookingId, mark: 'attended' }])).toEqual({
      kind: 'not_started',
    });
    await t.db
      .updateTable('training_sessions')
      .set({ starts_at: inDays(-0.1) })
      .where('id', '=', later.id)
      .execute();
    expect(await takeAttendance(deps, trainer, later.id, [{ booking: b.bookingId, mark: 'attended' }])).toEqual({
      kind: 'ok',
      certificates: 1,
    });
    const [row] = await roster(t.db, later.id);
    expect(row).toMatchObject({ status: 'attended', certificate_code: expect.stringMatching(/^CODE-/) });
  });

  it('queues one reminder a booking within a day of the start', async () => {
    const soon = await session(2, 0.5);
    await book(deps, soon.id, person(9));
    expect(await queueReminders(deps)).toBeGreaterThanOrEqual(1);
    expect(await queueReminders(deps)).toBe(0);
  });
});

describe('sending the outbox', () => {
  let mailbox: TestMailbox;
  beforeAll(async () => {
    mailbox = await startMailbox();
  });
  afterAll(() => mailbox.close());
  const smtp = () =>
    smtpTransport({
      host: '127.0.0.1',
      port: mailbox.port,
      secure: false,
      user: undefined,
      password: undefined,
      from: 'training@beacon.test',
    });

  it('delivers the promotion email with its .ics to the SMTP server, once', async () => {
    const transport = smtp();
    const first = await sendDueEmails(t.db, transport);
    expect(first.failed).toBe(0);
    expect(first.sent).toBeGreaterThan(0);
    const promotion = mailbox.messages.find(
      (m) => /Subject: A place opened for you/.test(m) && m.includes('teacher2@example.test'),
    );
    expect(promotion).toBeDefined();
    expect(promotion).toMatch(
      /Content-Type: text\/calendar[^\n]*\n(?:[^\n]+\n)*?Content-Disposition: attachment; filename=session\.ics/,
    );
    const count = mailbox.messages.length;
    expect(await sendDueEmails(t.db, transport)).toEqual({ sent: 0, failed: 0 });
    expect(mailbox.messages).toHaveLength(count);
  });

  it('releases a refused message for a later attempt with backoff, and never resends a claimed one', async () => {
    const s = await session(1);
    await book(deps, s.id, person(20));
    const refusing: MailTransport = {
      send: () => Promise.reject(Object.assign(new Error('550 no such user teacher20@example.test'), { name: 'SmtpRefused' })),
    };
    const now = new Date();
    expect(await sendDueEmails(t.db, refusing, now)).toEqual({ sent: 0, failed: 1 });
    const row = await t.db
      .selectFrom('training_outbox')
      .selectAll()
      .where('to_address', '=', 'teacher20@example.test')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sent_at: null, claimed_at: null, attempts: 1, last_error: 'SmtpRefused' });
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(now.getTime());
    // A claim left by a crash between claiming and marking sent is not picked up again.
    await t.db.updateTable('training_outbox').set({ claimed_at: now, next_attempt_at: now }).where('id', '=', row.id).execute();
    const sent: string[] = [];
    await sendDueEmails(t.db, { send: async (m) => void sent.push(m.to) }, new Date(now.getTime() + 3600_000));
    expect(sent).not.toContain('teacher20@example.test');
  });

  it('sends a registration’s email as soon as the registration commits, without waiting for the poll', async () => {
    // Only the send job runs: the one-minute poll is not started, so it cannot be what delivers.
    const jobs = emailJobs(t.db, smtp(), () => Promise.resolve(0)).filter((j) => j.name === SEND_EMAIL_JOB);
    const quick = { expireSeconds: 5, maintenanceSeconds: 1, pollingSeconds: 0.5, retryLimit: 0, retryDelaySeconds: 1 };
    const queue = await startJobQueue(jobs, t.db, createLogger('silent'), quick);
    try {
      const s = await session(3);
      expect(await book(deps, s.id, person(30))).toMatchObject({ kind: 'ok', status: 'booked' });
      const deadline = Date.now() + 15_000;
      while (!mailbox.messages.some((m) => m.includes('teacher30@example.test')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
    } finally {
      await queue.stop();
    }
    expect(mailbox.messages.filter((m) => m.includes('teacher30@example.test'))).toHaveLength(1);
    const row = await t.db
      .selectFrom('training_outbox')
      .select(['sent_at', 'attempts'])
      .where('to_address', '=', 'teacher30@example.test')
      .executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(1);
  });
});
