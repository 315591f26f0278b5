import type { BeaconModule } from '../core/module.ts';
import type { Db } from '../database.ts';
import { issueCertificate } from './certificates.repo.ts';
import { trainingStaffRoutes } from './completions.routes.ts';
import { loadCourses, TRAINING_PATHS, type TrainingPath } from './course.content.ts';
import { learnerPublicRoutes } from './public.routes.ts';
import { fileTransport, smtpTransport } from './sessions/mail.ts';
import { emailJobs } from './sessions/outbox.ts';
import { trainingSessionRoutes } from './sessions/sessions.routes.ts';
import { queueReminders, type SessionsDeps } from './sessions/sessions.service.ts';
import { trainingMigrations } from './training.migrations.ts';
import { trainingPublicRoutes, type TrainingDeps } from './training.routes.ts';

const courses = loadCourses();

export function sessionsDepsOf(deps: { db: Db; organisation: string; publicUrl: string }): SessionsDeps {
  return {
    db: deps.db,
    organisation: deps.organisation,
    publicUrl: deps.publicUrl,
    courseTitle: (course, lang) => courses.get(course)?.[lang].title,
    async issueForAttendance(trx, booking, session) {
      const path = TRAINING_PATHS.find((p) => p === session.audience) ?? ('education' satisfies TrainingPath);
      const row = await issueCertificate(trx, {
        name: booking.name,
        course: session.course,
        path,
        lang: session.lang,
        passId: `booking:${booking.id}`,
        learnerId: booking.learner_id,
      });
      return row.code;
    },
  };
}

/** Courses, cases, quizzes, learner accounts and in-person sessions for the professionals who meet children at risk (issue 15). */
export const trainingModule: BeaconModule<TrainingDeps> = {
  name: 'training',
  migrations: trainingMigrations,
  sealedColumns: [],
  async routes(app, deps) {
    const sessions = sessionsDepsOf({ db: deps.db, organisation: deps.deployment.orgName, publicUrl: deps.publicUrl });
    await app.register(trainingPublicRoutes(deps));
    await app.register(learnerPublicRoutes(deps, sessions, courses));
    await app.register(trainingStaffRoutes(deps));
    await app.register(trainingSessionRoutes(sessions, (course) => courses.has(course)));
  },
  jobs(deps) {
    const sessions = sessionsDepsOf({ db: deps.db, organisation: deps.deployment.orgName, publicUrl: deps.publicUrl });
    const transport = deps.mail.smtp
      ? smtpTransport({ ...deps.mail.smtp, from: deps.mail.from })
      : fileTransport(deps.mail.outboxDir, deps.mail.from);
    return emailJobs(deps.db, transport, () => queueReminders(sessions));
  },
};
