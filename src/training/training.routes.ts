import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deployment, Lang } from '../core/deployment.ts';
import { langOf } from '../http/index.ts';
import { loadCourses, TRAINING_PATHS, type Course, type TrainingPath } from './course.content.ts';
import { renderCase, renderCourses, renderModule, renderPathOverview, renderQuiz, renderQuizResult } from './training.pages.ts';
import { drawQuestions, gradeQuiz } from './quiz.ts';

export interface TrainingDeps {
  deployment: Deployment;
}

type Form = Record<string, string | string[] | undefined>;

function formOf(body: unknown): Form {
  return body && typeof body === 'object' ? (body as Form) : {};
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  // Learners' answers are shown back to them; no shared cache may keep a copy.
  return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page);
}

/** The public, account-free half of training: courses, cases and quizzes, all working without JavaScript. */
export function trainingPublicRoutes(deps: TrainingDeps) {
  const courses = loadCourses();
  const hide = { hide: true };
  const config = { public: true };

  function find(request: FastifyRequest): { lang: Lang; course: Course; path: TrainingPath } | undefined {
    const params = request.params as { course?: string; path?: string };
    const lang = langOf(request);
    const course = courses.get(params.course ?? '')?.[lang];
    const path = TRAINING_PATHS.find((p) => p === params.path);
    return course && path ? { lang, course, path } : undefined;
  }
  const ctx = (lang: Lang) => ({ lang, deployment: deps.deployment });

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/learn/courses', { config, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      return sendPage(
        reply,
        200,
        renderCourses(
          ctx(lang),
          [...courses.values()].map((c) => c[lang]),
        ),
      );
    });

    app.get('/learn/courses/:course/:path', { config, schema: hide }, async (request, reply) => {
      const found = find(request);
      if (!found) return reply.callNotFound();
      return sendPage(reply, 200, renderPathOverview(ctx(found.lang), found.course, found.path));
    });

    app.get('/learn/courses/:course/:path/modules/:module', { config, schema: hide }, async (request, reply) => {
      const found = find(request);
      const slug = (request.params as { module: string }).module;
      const index = found ? found.course.modules.findIndex((m) => m.slug === slug) : -1;
      if (!found || index < 0) return reply.callNotFound();
      return sendPage(reply, 200, renderModule(ctx(found.lang), found.course, found.path, index));
    });

    app.get('/learn/courses/:course/:path/case', { config, schema: hide }, async (request, reply) => {
      const found = find(request);
      if (!found) return reply.callNotFound();
      return sendPage(reply, 200, renderCase(ctx(found.lang), found.course, found.path, { kind: 'ask' }));
    });

    app.post('/learn/courses/:course/:path/case', { config, schema: hide }, async (request, reply) => {
      const found = find(request);
      if (!found) return reply.callNotFound();
      const chosen = first(formOf(request.body).choice);
      const valid = found.course.scenarios[found.path].choices.some((c) => c.id === chosen);
      const view = valid && chosen ? ({ kind: 'answered', chosen } as const) : ({ kind: 'missing' } as const);
      return sendPage(reply, valid ? 200 : 400, renderCase(ctx(found.lang), found.course, found.path, view));
    });

    app.get('/learn/courses/:course/:path/quiz', { config, schema: hide }, async (request, reply) => {
      const found = find(request);
      if (!found) return reply.callNotFound();
      return sendPage(reply, 200, renderQuiz(ctx(found.lang), found.course, found.path, drawQuestions(found.course.quiz)));
    });

    app.post('/learn/courses/:course/:path/quiz', { config, schema: hide }, async (request, reply) => {
      const found = find(request);
      if (!found) return reply.callNotFound();
      const form = formOf(request.body);
      const answers = Object.fromEntries(
        Object.entries(form).flatMap(([k, v]) => (k.startsWith('a_') && typeof v === 'string' ? [[k.slice(2), v]] : [])),
      );
      const grading = gradeQuiz(found.course.quiz, all(form.q), answers);
      if (grading.kind === 'invalid') {
        const questions = drawQuestions(found.course.quiz);
        return sendPage(reply, 400, renderQuiz(ctx(found.lang), found.course, found.path, questions, true));
      }
      return sendPage(reply, 200, renderQuizResult(ctx(found.lang), found.course, found.path, grading.result));
    });
  };
}
