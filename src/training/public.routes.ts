import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deployment, Lang } from '../core/deployment.ts';
import { withLang } from '../intake/index.ts';
import { langOf } from '../http/index.ts';
import type { Course } from './course.content.ts';
import { certificatesOf, learnerOfToken, registerLearner, signInLearner, signOutLearner, type Learner } from './learners.ts';
import {
  ACCOUNT_PATH,
  renderAccount,
  renderBooking,
  renderRegister,
  renderSession,
  renderSessions,
  renderSignIn,
  type SessionSummary,
} from './public.pages.ts';
import {
  book,
  bookingByToken,
  cancelBooking,
  findSession,
  listSessions,
  type SessionRow,
  type SessionsDeps,
} from './sessions/sessions.service.ts';
import type { Db } from '../database.ts';
import { PUBLIC_ACTOR } from '../security/index.ts';

export const LEARNER_COOKIE = 'beacon_learner';

type Form = Record<string, string | string[] | undefined>;
const formOf = (body: unknown): Form => (body && typeof body === 'object' ? (body as Form) : {});
const text = (form: Form, key: string) => {
  const v = form[key];
  return (Array.isArray(v) ? v[0] : v)?.trim().replace(/\s+/g, ' ') ?? '';
};

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page);
}

/** The signed-in learner, if any: a separate cookie and table from staff sessions, so it opens no staff route. */
export function learnerOf(deps: { db: Db }, request: FastifyRequest): Promise<Learner | undefined> {
  return learnerOfToken(deps.db, request.cookies[LEARNER_COOKIE]);
}

/** Learner accounts and in-person sessions: public pages that work without JavaScript. */
export function learnerPublicRoutes(
  deps: { db: Db; deployment: Deployment },
  sessions: SessionsDeps,
  courses: ReadonlyMap<string, Record<Lang, Course>>,
) {
  const config = { public: true };
  const hide = { hide: true };
  const limited = { ...config, rateLimit: { max: 20, timeWindow: '1 minute' } };
  const ctx = (lang: Lang) => ({ lang, deployment: deps.deployment });
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(LEARNER_COOKIE, token, {
      httpOnly: true,
      // Lax: the learner's own forms post from this site; a cross-site form arrives without the cookie.
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: '/learn',
      maxAge: 30 * 86_400,
    });

  function summary(s: SessionRow & { booked: number; waitlisted: number }, lang: Lang): SessionSummary {
    const course = courses.get(s.course)?.[lang];
    return {
      ...s,
      title: course?.title ?? s.course,
      audienceLabel: (course?.paths as Record<string, string> | undefined)?.[s.audience] ?? s.audience,
    };
  }
  async function sessionSummary(id: string, lang: Lang): Promise<SessionSummary | undefined> {
    const row = await findSession(deps.db, id);
    if (!row) return undefined;
    const all = await listSessions(deps.db);
    const counted = all.find((s) => s.id === row.id);
    return counted && summary(counted, lang);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get(`${ACCOUNT_PATH}/register`, { config, schema: hide }, async (request, reply) =>
      sendPage(reply, 200, renderRegister(ctx(langOf(request)), { values: {}, errors: [] })),
    );

    app.post(`${ACCOUNT_PATH}/register`, { config: limited, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const form = formOf(request.body);
      const values = Object.fromEntries(['name', 'email', 'organisation', 'role', 'state'].map((k) => [k, text(form, k)]));
      const password = (Array.isArray(form.password) ? form.password[0] : form.password) ?? '';
      const outcome = await registerLearner(deps.db, {
        name: values.name ?? '',
        email: values.email ?? '',
        organisation: values.organisation ?? '',
        role: values.role ?? '',
        state: values.state ?? '',
        password,
      });
      if (outcome.kind === 'invalid') return sendPage(reply, 400, renderRegister(ctx(lang), { values, errors: outcome.fields }));
      if (outcome.kind === 'taken') return sendPage(reply, 409, renderRegister(ctx(lang), { values, errors: [], taken: true }));
      setCookie(request, reply, outcome.token);
      return reply.redirect(withLang(ACCOUNT_PATH, lang), 303);
    });

    app.get(`${ACCOUNT_PATH}/sign-in`, { config, schema: hide }, async (request, reply) =>
      sendPage(reply, 200, renderSignIn(ctx(langOf(request)))),
    );

    app.post(`${ACCOUNT_PATH}/sign-in`, { config: limited, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const form = formOf(request.body);
      const email = text(form, 'email');
      const password = (Array.isArray(form.password) ? form.password[0] : form.password) ?? '';
      const token = await signInLearner(deps.db, email, password);
      if (!token) return sendPage(reply, 401, renderSignIn(ctx(lang), true, email));
      setCookie(request, reply, token);
      return reply.redirect(withLang(ACCOUNT_PATH, lang), 303);
    });

    app.post(`${ACCOUNT_PATH}/sign-out`, { config, schema: hide }, async (request, reply) => {
      await signOutLearner(deps.db, request.cookies[LEARNER_COOKIE]);
      reply.clearCookie(LEARNER_COOKIE, { path: '/learn' });
      return reply.redirect(withLang('/learn/courses', langOf(request)), 303);
    });

    app.get(ACCOUNT_PATH, { config, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const learner = await learnerOf(deps, request);
      if (!learner) return reply.redirect(withLang(`${ACCOUNT_PATH}/sign-in`, lang), 303);
      const certificates = (await certificatesOf(deps.db, learner.id)).map((c) => ({
        ...c,
        title: courses.get(c.course)?.[lang].title ?? c.course,
      }));
      return sendPage(reply, 200, renderAccount(ctx(lang), learner, certificates));
    });

    app.get('/learn/sessions', { config, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const rows = await listSessions(deps.db, new Date());
      return sendPage(
        reply,
        200,
        renderSessions(
          ctx(lang),
          rows.map((s) => summary(s, lang)),
        ),
      );
    });

    app.get('/learn/sessions/:id', { config, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const s = await sessionSummary((request.params as { id: string }).id, lang);
      if (!s) return reply.callNotFound();
      const learner = await learnerOf(deps, request);
      const values: Record<string, string> = learner ? { name: learner.name, email: learner.email } : {};
      return sendPage(reply, 200, renderSession(ctx(lang), s, { values, errors: [] }));
    });

    app.post('/learn/sessions/:id', { config: limited, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const id = (request.params as { id: string }).id;
      const s = await sessionSummary(id, lang);
      if (!s) return reply.callNotFound();
      const form = formOf(request.body);
      const values = { name: text(form, 'name'), email: text(form, 'email').toLowerCase() };
      const errors: ('name' | 'email')[] = [];
      if (values.name.length < 1 || values.name.length > 120) errors.push('name');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) || values.email.length > 254) errors.push('email');
      if (errors.length > 0) return sendPage(reply, 400, renderSession(ctx(lang), s, { values, errors }));
      const learner = await learnerOf(deps, request);
      const outcome = await book(sessions, id, { ...values, learnerId: learner?.id ?? null });
      if (outcome.kind === 'not_found') return reply.callNotFound();
      if (outcome.kind !== 'ok')
        return sendPage(reply, 409, renderSession(ctx(lang), s, { values, errors: [], notice: outcome.kind }));
      return reply.redirect(`/learn/bookings/${outcome.token}?just=${outcome.status}${lang === 'es' ? '&lang=es' : ''}`, 303);
    });

    app.get('/learn/bookings/:token', { config, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const token = (request.params as { token: string }).token;
      const booking = await bookingByToken(deps.db, token);
      const s = booking && (await sessionSummary(booking.session_id, lang));
      if (!booking || !s) return reply.callNotFound();
      const just = (request.query as { just?: string }).just;
      const justNow = just === 'booked' || just === 'waitlisted' || just === 'cancelled' ? just : undefined;
      return sendPage(reply, 200, renderBooking(ctx(lang), s, booking, token, justNow));
    });

    app.post('/learn/bookings/:token/cancel', { config: limited, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const token = (request.params as { token: string }).token;
      const booking = await bookingByToken(deps.db, token);
      if (!booking) return reply.callNotFound();
      await cancelBooking(sessions, PUBLIC_ACTOR, booking.session_id, booking.id);
      return reply.redirect(`/learn/bookings/${token}?just=cancelled${lang === 'es' ? '&lang=es' : ''}`, 303);
    });
  };
}
