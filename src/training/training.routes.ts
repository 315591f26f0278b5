import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deployment, Lang } from '../core/deployment.ts';
import { html } from '../core/html.ts';
import { withLang } from '../intake/index.ts';
import type { Db } from '../database.ts';
import { langOf } from '../http/index.ts';
import { certificatePdf } from './certificate.pdf.ts';
import { certificateUrl, claimForm, renderCertificate, renderClaimError, renderVerify } from './certificate.pages.ts';
import { findCertificate, issueCertificate, normaliseCode, revokedIndexes } from './certificates.repo.ts';
import { signCompletion, signStatusList, verifyUrl, type Completion, type IssuerInfo } from './credential.ts';
import { issuerKeyFile, loadIssuerKey, type IssuerKey } from './issuer-key.ts';
import { readPass, signPass } from './pass.ts';
import { trainingText } from './training.text.ts';
import { loadCourses, TRAINING_PATHS, type Course, type TrainingPath } from './course.content.ts';
import {
  pathUrl,
  renderCase,
  renderCourses,
  renderModule,
  renderPathOverview,
  renderQuiz,
  renderQuizResult,
} from './training.pages.ts';
import { drawQuestions, gradeQuiz } from './quiz.ts';
import type { MailSettings } from '../core/config.ts';
import { learnerOf } from './public.routes.ts';

export interface TrainingDeps {
  db: Db;
  deployment: Deployment;
  /** The credential signing key lives beside this file (see issuer-key.ts). */
  keyFile: string;
  publicUrl: string;
  mail: MailSettings;
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
  let issuerKey: Promise<IssuerKey> | undefined;
  const key = () => (issuerKey ??= loadIssuerKey(issuerKeyFile(deps.keyFile)));
  const issuer: IssuerInfo = { publicUrl: deps.publicUrl, organisation: deps.deployment.orgName };

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
      const { lang, course, path } = found;
      const claim = grading.result.passed
        ? claimForm(
            lang,
            `${pathUrl(course, path)}/certificate`,
            await signPass(await key(), { course: course.slug, path, lang }),
          )
        : undefined;
      return sendPage(reply, 200, renderQuizResult(ctx(lang), course, path, grading.result, claim));
    });

    app.post(
      '/learn/courses/:course/:path/certificate',
      { config: { ...config, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: hide },
      async (request, reply) => {
        const found = find(request);
        if (!found) return reply.callNotFound();
        const { lang, course, path } = found;
        const t = trainingText(lang);
        const form = formOf(request.body);
        const token = first(form.pass) ?? '';
        const pass = await readPass(await key(), token);
        if (!pass || pass.course !== course.slug || pass.path !== path) {
          return sendPage(reply, 400, renderClaimError(ctx(lang), html`<p>${t.passExpired}</p>`));
        }
        // A signed-in learner's certificate counts for their organisation; the name defaults to theirs.
        const learner = await learnerOf(deps, request);
        const name = (first(form.name) || learner?.name || '').trim().replace(/\s+/g, ' ');
        if (name.length < 1 || name.length > 120) {
          const action = `${pathUrl(course, path)}/certificate`;
          return sendPage(reply, 400, renderClaimError(ctx(lang), claimForm(lang, action, token, t.nameError, name)));
        }
        const row = await issueCertificate(deps.db, {
          name,
          course: course.slug,
          path,
          lang: pass.lang,
          passId: pass.id,
          learnerId: learner?.id ?? null,
        });
        return reply.redirect(withLang(certificateUrl(row.code), lang), 303);
      },
    );

    async function completionOf(code: string) {
      const normal = normaliseCode(code);
      const row = normal ? await findCertificate(deps.db, normal) : undefined;
      const course = row && courses.get(row.course)?.[row.lang];
      if (!row || !course) return undefined;
      const completion: Completion = {
        code: row.code,
        name: row.name,
        courseSlug: course.slug,
        courseTitle: course.title,
        courseSummary: course.summary,
        issuedAt: row.issued_at,
        statusIndex: row.status_index,
      };
      return { row, course, completion };
    }
    const codeOf = (request: FastifyRequest) => (request.params as { code: string }).code;

    app.get('/learn/certificates/:code', { config, schema: hide }, async (request, reply) => {
      const found = await completionOf(codeOf(request));
      if (!found) return reply.callNotFound();
      return sendPage(reply, 200, renderCertificate(ctx(langOf(request)), found.row, found.course.title));
    });

    app.get('/learn/certificates/:code/certificate.pdf', { config, schema: hide }, async (request, reply) => {
      const found = await completionOf(codeOf(request));
      if (!found || found.row.revoked_at) return reply.callNotFound();
      const pdf = await certificatePdf({
        lang: found.row.lang,
        organisation: deps.deployment.orgName,
        name: found.row.name,
        courseTitle: found.course.title,
        issuedAt: found.row.issued_at,
        code: found.row.code,
        verifyUrl: verifyUrl(issuer, found.row.code),
      });
      return reply
        .type('application/pdf')
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="certificate-${found.row.code}.pdf"`)
        .send(Buffer.from(pdf));
    });

    app.get('/learn/certificates/:code/credential.jwt', { config, schema: hide }, async (request, reply) => {
      const found = await completionOf(codeOf(request));
      if (!found || found.row.revoked_at) return reply.callNotFound();
      const jwt = await signCompletion(await key(), issuer, found.completion);
      return reply
        .type('application/vc+jwt')
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="credential-${found.row.code}.jwt"`)
        .send(jwt);
    });

    app.get('/verify/:code', { config, schema: hide }, async (request, reply) => {
      const lang = langOf(request);
      const code = codeOf(request);
      const found = await completionOf(code);
      const shown = normaliseCode(code) ?? code.slice(0, 20);
      if (!found) return sendPage(reply, 404, renderVerify(ctx(lang), shown, { kind: 'unknown' }));
      const { row } = found;
      // The title in the reader's language, not the one the certificate was taken in.
      const title = courses.get(row.course)?.[lang].title ?? found.course.title;
      const kind = row.revoked_at ? 'revoked' : 'valid';
      return sendPage(
        reply,
        200,
        renderVerify(ctx(lang), row.code, { kind, name: row.name, courseTitle: title, issuedAt: row.issued_at }),
      );
    });

    app.get('/.well-known/jwks.json', { config, schema: hide }, async (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=3600').send({ keys: [(await key()).publicJwk] }),
    );

    app.get('/api/v1/training/issuer', { config, schema: hide }, async (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=3600').send({
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        id: `${deps.publicUrl}/api/v1/training/issuer`,
        type: ['Profile'],
        name: deps.deployment.orgName,
        url: deps.publicUrl,
        jwks: `${deps.publicUrl}/.well-known/jwks.json`,
      }),
    );

    app.get('/api/v1/training/status/1', { config, schema: hide }, async (_request, reply) => {
      const jwt = await signStatusList(await key(), issuer, await revokedIndexes(deps.db), new Date());
      return reply.type('application/vc+jwt').header('Cache-Control', 'public, max-age=300').send(jwt);
    });
  };
}
