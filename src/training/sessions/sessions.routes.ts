import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, sendError } from '../../http/index.ts';
import { authorize } from '../../security/index.ts';
import { TRAINING_PATHS } from '../course.content.ts';
import { BOOKING_STATUSES } from './seats.ts';
import {
  cancelBooking,
  createSession,
  findSession,
  listSessions,
  roster,
  takeAttendance,
  type BookingRow,
  type SessionRow,
  type SessionsDeps,
} from './sessions.service.ts';

const sessionBody = z
  .object({
    id: z.string(),
    course: z.string(),
    courseTitle: z.string(),
    audience: z.enum(TRAINING_PATHS),
    lang: z.enum(['en', 'es']),
    place: z.string(),
    startsAt: z.string().describe('ISO 8601, UTC'),
    endsAt: z.string(),
    capacity: z.number().int(),
    booked: z.number().int(),
    waitlisted: z.number().int(),
  })
  .meta({ id: 'TrainingSession' });
const bookingBody = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(BOOKING_STATUSES),
    certificateCode: z.string().nullable(),
  })
  .meta({ id: 'TrainingBooking' });
const newSession = z
  .object({
    course: z.string().min(1),
    audience: z.enum(TRAINING_PATHS),
    lang: z.enum(['en', 'es']),
    place: z.string().trim().min(1).max(300),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    capacity: z.number().int().min(1).max(1000),
  })
  .refine((s) => new Date(s.endsAt) > new Date(s.startsAt), { path: ['endsAt'], message: 'must be after startsAt' });
const idParams = z.object({ id: z.uuid() });

/** Trainers' API: sessions, rosters, cancellations on someone's behalf, attendance. */
export function trainingSessionRoutes(deps: SessionsDeps, known: (course: string) => boolean) {
  const present = (s: SessionRow, counts: { booked: number; waitlisted: number }) => ({
    id: s.id,
    course: s.course,
    courseTitle: deps.courseTitle(s.course, s.lang) ?? s.course,
    audience: s.audience as (typeof TRAINING_PATHS)[number],
    lang: s.lang,
    place: s.place,
    startsAt: s.starts_at.toISOString(),
    endsAt: s.ends_at.toISOString(),
    capacity: s.capacity,
    booked: counts.booked,
    waitlisted: counts.waitlisted,
  });
  const presentBooking = (b: BookingRow) => ({
    id: b.id,
    name: b.name,
    email: b.email,
    status: b.status,
    certificateCode: b.certificate_code,
  });
  const tags = ['training'];

  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/training/sessions',
      {
        schema: {
          tags,
          summary: 'In-person sessions, soonest first',
          response: { 200: z.object({ sessions: z.array(sessionBody) }) },
        },
      },
      async (request) => {
        authorize(request.actor, 'training.schedule');
        return { sessions: (await listSessions(deps.db)).map((s) => present(s, s)) };
      },
    );

    app.post(
      '/api/v1/training/sessions',
      { schema: { tags, summary: 'Schedule a session', body: newSession, response: { 201: sessionBody, 400: errorBody } } },
      async (request, reply) => {
        authorize(request.actor, 'training.schedule');
        const b = request.body;
        if (!known(b.course)) return sendError(reply, 400, 'invalid_course', 'course: no course has this name.');
        const row = await createSession(deps, request.actor, {
          ...b,
          startsAt: new Date(b.startsAt),
          endsAt: new Date(b.endsAt),
        });
        return reply.code(201).send(present(row, { booked: 0, waitlisted: 0 }));
      },
    );

    app.get(
      '/api/v1/training/sessions/:id',
      {
        schema: {
          tags,
          summary: 'A session and its roster in registration order',
          params: idParams,
          response: { 200: z.object({ session: sessionBody, roster: z.array(bookingBody) }), 404: errorBody },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'training.schedule');
        const s = await findSession(deps.db, request.params.id);
        if (!s) return sendError(reply, 404, 'not_found', 'No such session.');
        const rows = await roster(deps.db, s.id);
        const booked = rows.filter((r) => r.status === 'booked' || r.status === 'attended' || r.status === 'no_show').length;
        const waitlisted = rows.filter((r) => r.status === 'waitlisted').length;
        return { session: present(s, { booked, waitlisted }), roster: rows.map(presentBooking) };
      },
    );

    app.post(
      '/api/v1/training/sessions/:id/bookings/:booking/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a place on the person’s behalf; the first on the waitlist takes it',
          params: z.object({ id: z.uuid(), booking: z.uuid() }),
          response: { 200: z.object({ promoted: z.number().int() }), 404: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'training.schedule');
        const outcome = await cancelBooking(deps, request.actor, request.params.id, request.params.booking);
        if (outcome.kind === 'not_found') return sendError(reply, 404, 'not_found', 'No such booking in this session.');
        if (outcome.kind === 'not_active') return sendError(reply, 409, 'not_active', 'This place is not booked or waitlisted.');
        return { promoted: outcome.promoted };
      },
    );

    app.post(
      '/api/v1/training/sessions/:id/attendance',
      {
        schema: {
          tags,
          summary: 'Mark who attended; those present complete the course and get its certificate',
          params: idParams,
          body: z.object({
            marks: z
              .array(z.object({ booking: z.uuid(), mark: z.enum(['attended', 'no_show']) }))
              .min(1)
              .max(1000),
          }),
          response: { 200: z.object({ certificates: z.number().int() }), 404: errorBody, 409: errorBody, 422: errorBody },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'training.schedule');
        const outcome = await takeAttendance(deps, request.actor, request.params.id, request.body.marks);
        if (outcome.kind === 'not_found') return sendError(reply, 404, 'not_found', 'No such session.');
        if (outcome.kind === 'not_started')
          return sendError(reply, 409, 'not_started', 'Attendance is taken once the session has started.');
        if (outcome.kind === 'no_seat')
          return sendError(reply, 422, 'no_seat', 'marks: a booking is not in this session or holds no seat.');
        return { certificates: outcome.certificates };
      },
    );
  };
}
