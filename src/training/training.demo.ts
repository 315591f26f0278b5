import type { Db } from '../database.ts';
import { PUBLIC_ACTOR } from '../security/index.ts';
import { issueCertificate } from './certificates.repo.ts';
import { TRAINING_PATHS } from './course.content.ts';
import { registerLearner } from './learners.ts';
import { book, cancelBooking } from './sessions/sessions.service.ts';
import { sessionsDepsOf } from './training.module.ts';

const NAMES = ['Alex Demo', 'Bea Ejemplo', 'Chris Sample', 'Dee Muestra'];

/** One synthetic certificate a path, as if four professionals had passed the course; the last is revoked. */
export async function demoCertificates(db: Db): Promise<number> {
  const learner = await demoLearner(db);
  for (const [i, path] of TRAINING_PATHS.entries()) {
    const row = await issueCertificate(db, {
      name: NAMES[i] ?? 'Demo Learner',
      course: 'recognise-respond',
      path,
      lang: i % 2 === 0 ? 'en' : 'es',
      passId: `demo-${path}`,
      learnerId: i === 0 ? learner : null,
    });
    if (i === TRAINING_PATHS.length - 1)
      await db.updateTable('training_certificates').set({ revoked_at: new Date() }).where('code', '=', row.code).execute();
  }
  await demoSession(db);
  return TRAINING_PATHS.length;
}

async function demoLearner(db: Db): Promise<string | null> {
  await registerLearner(db, {
    name: NAMES[0]!,
    email: 'alex.demo@school.example',
    organisation: 'Demo Middle School',
    role: 'education',
    state: 'OK',
    password: 'demo learner passphrase',
  });
  const row = await db
    .selectFrom('training_learners')
    .select('id')
    .where('email', '=', 'alex.demo@school.example')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A full in-person session next week: two places, a cancellation that promoted the first on the waitlist. */
async function demoSession(db: Db): Promise<void> {
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  startsAt.setUTCHours(15, 0, 0, 0);
  const trainer = await db.selectFrom('staff_users').select('id').orderBy('created_at').executeTakeFirst();
  const session = await db
    .insertInto('training_sessions')
    .values({
      course: 'recognise-respond',
      audience: 'education',
      lang: 'en',
      place: 'Demo public library, room 2',
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 2 * 3600_000),
      capacity: 2,
      created_by: trainer?.id ?? '00000000-0000-0000-0000-000000000000',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const deps = sessionsDepsOf({ db, organisation: 'Beacon demo', publicUrl: 'http://localhost:8080' });
  const people = ['Alex Demo', 'Bea Ejemplo', 'Chris Sample', 'Dee Muestra'];
  const bookings = [];
  for (const [i, name] of people.entries())
    bookings.push(await book(deps, session.id, { name, email: `learner${i + 1}@demo.example`, learnerId: null }));
  const first = bookings[0];
  if (first?.kind === 'ok') await cancelBooking(deps, PUBLIC_ACTOR, session.id, first.bookingId);
}
