import type { Deployment, Lang } from '../core/deployment.ts';
import { html, type SafeHtml } from '../core/html.ts';
import { renderPage, withLang } from '../intake/index.ts';
import {
  TRAINING_PATHS,
  type Course,
  type CourseModule,
  type Question,
  type Scenario,
  type TrainingPath,
} from './course.content.ts';
import type { QuizResult } from './quiz.ts';
import { trainingText } from './training.text.ts';

interface PageContext {
  lang: Lang;
  deployment: Deployment;
}

const coursesPath = '/learn/courses';
export const pathUrl = (course: Course, path: TrainingPath) => `${coursesPath}/${course.slug}/${path}`;
const moduleUrl = (course: Course, path: TrainingPath, m: CourseModule) => `${pathUrl(course, path)}/modules/${m.slug}`;
const caseUrl = (course: Course, path: TrainingPath) => `${pathUrl(course, path)}/case`;
export const quizUrl = (course: Course, path: TrainingPath) => `${pathUrl(course, path)}/quiz`;

function page(ctx: PageContext, title: string, path: string, body: SafeHtml): string {
  return renderPage({ lang: ctx.lang, deployment: ctx.deployment, title, path, body });
}

function link(href: string, label: string, lang: Lang, classes = 'usa-link'): SafeHtml {
  return html`<a class="${classes}" href="${withLang(href, lang)}">${label}</a>`;
}

export function renderCourses(ctx: PageContext, courses: readonly Course[]): string {
  const t = trainingText(ctx.lang);
  const body = html`<div class="usa-prose">
<h1>${t.coursesTitle}</h1>
<p class="font-sans-md">${t.coursesIntro}</p>
${courses.map(
  (course) => html`<h2>${course.title}</h2>
<p>${course.summary}</p>
<h3>${t.choosePath}</h3>
<p>${t.choosePathHint}</p>
<ul class="usa-list">${TRAINING_PATHS.map((p) => html`<li>${link(pathUrl(course, p), course.paths[p], ctx.lang)}</li>`)}</ul>`,
)}
</div>`;
  return page(ctx, t.coursesTitle, coursesPath, body);
}

export function renderPathOverview(ctx: PageContext, course: Course, path: TrainingPath): string {
  const t = trainingText(ctx.lang);
  const first = course.modules[0];
  const body = html`<div class="usa-prose">
<h1>${course.title}</h1>
<p class="font-sans-md">${course.paths[path]}</p>
<p>${course.summary}</p>
<h2>${t.steps}</h2>
<ol class="usa-list">
${course.modules.map(
  (m) => html`<li>${link(moduleUrl(course, path, m), m.title, ctx.lang)} (${t.minutes(m.minutes)})<br>${m.summary}</li>`,
)}
<li>${link(caseUrl(course, path), `${t.caseStep}: ${course.scenarios[path].title}`, ctx.lang)}</li>
<li>${link(quizUrl(course, path), t.quizStep, ctx.lang)}</li>
</ol>
${first ? html`<p>${link(moduleUrl(course, path, first), t.start, ctx.lang, 'usa-button')}</p>` : ''}
</div>`;
  return page(ctx, `${course.paths[path]}: ${course.title}`, pathUrl(course, path), body);
}

export function renderModule(ctx: PageContext, course: Course, path: TrainingPath, index: number): string {
  const t = trainingText(ctx.lang);
  const m = course.modules[index] as CourseModule;
  const previous = course.modules[index - 1];
  const next = course.modules[index + 1];
  const body = html`<article class="usa-prose">
<p class="text-base-dark margin-bottom-0">${t.moduleOf(index + 1, course.modules.length)} · ${t.minutes(m.minutes)}</p>
<h1 class="margin-top-1">${m.title}</h1>
<p class="font-sans-md">${m.summary}</p>
${m.body}
<h2>${t.sources}</h2>
<ul class="usa-list">${m.sources.map((s) => html`<li><a class="usa-link" href="${s.url}">${s.title}</a></li>`)}</ul>
</article>
<nav class="margin-top-4" aria-label="${t.pagination}">
<ul class="usa-button-group">
<li class="usa-button-group__item">${
    previous
      ? link(moduleUrl(course, path, previous), `${t.previous}: ${previous.title}`, ctx.lang, 'usa-button usa-button--outline')
      : link(pathUrl(course, path), t.backToPath, ctx.lang, 'usa-button usa-button--outline')
  }</li>
<li class="usa-button-group__item">${
    next
      ? link(moduleUrl(course, path, next), `${t.next}: ${next.title}`, ctx.lang, 'usa-button')
      : link(caseUrl(course, path), t.toCase, ctx.lang, 'usa-button')
  }</li>
</ul>
</nav>`;
  return page(ctx, m.title, moduleUrl(course, path, m), body);
}

function radios(name: string, choices: readonly { id: string; text: string }[], chosen?: string): SafeHtml {
  return html`${choices.map((c) => {
    const id = `${name}-${c.id}`;
    return html`<div class="usa-radio"><input class="usa-radio__input" id="${id}" type="radio" name="${name}" value="${c.id}"${chosen === c.id ? html` checked` : ''}><label class="usa-radio__label" for="${id}">${c.text}</label></div>`;
  })}`;
}

function errorSummary(lang: Lang, message: string): SafeHtml {
  return html`<div class="usa-alert usa-alert--error" role="alert"><div class="usa-alert__body">
<h2 class="usa-alert__heading">${trainingText(lang).errorHeading}</h2><p class="usa-alert__text">${message}</p>
</div></div>`;
}

export type CaseView = { kind: 'ask' } | { kind: 'missing' } | { kind: 'answered'; chosen: string };

export function renderCase(ctx: PageContext, course: Course, path: TrainingPath, view: CaseView): string {
  const t = trainingText(ctx.lang);
  const s: Scenario = course.scenarios[path];
  const action = withLang(caseUrl(course, path), ctx.lang);
  const chosen = view.kind === 'answered' ? s.choices.find((c) => c.id === view.chosen) : undefined;
  const ask = html`<form class="usa-form usa-form--large" method="post" action="${action}" novalidate>
<fieldset class="usa-fieldset${view.kind === 'missing' ? ' usa-form-group usa-form-group--error' : ''}"${
    view.kind === 'missing' ? html` aria-describedby="case-error"` : ''
  }>
<legend class="usa-legend usa-legend--large">${s.question}</legend>
${view.kind === 'missing' ? html`<span class="usa-error-message" id="case-error">${t.pickError}</span>` : html`<span class="usa-hint">${t.pick}</span>`}
${radios('choice', s.choices)}
</fieldset>
<button class="usa-button margin-top-3" type="submit">${t.seeWhy}</button>
</form>`;
  const feedback = chosen
    ? html`<div class="usa-alert ${chosen.good ? 'usa-alert--success' : 'usa-alert--warning'}" role="status"><div class="usa-alert__body">
<h2 class="usa-alert__heading">${chosen.good ? t.goodChoice : t.otherChoice}</h2>
<p class="usa-alert__text">${chosen.why}</p>
</div></div>
<h2>${t.everyOption}</h2>
<ul class="usa-list">${s.choices.map(
        (c) =>
          html`<li><strong>${c.text}</strong>${c.id === chosen.id ? html` (${t.yourChoice})` : ''}<br>${c.good ? t.goodChoice : t.otherChoice}: ${c.why}</li>`,
      )}</ul>
<p>${link(quizUrl(course, path), t.toQuiz, ctx.lang, 'usa-button')}</p>`
    : ask;
  const body = html`<div class="usa-prose">
${view.kind === 'missing' ? errorSummary(ctx.lang, t.pickError) : ''}
<p class="text-base-dark margin-bottom-0">${t.caseStep}</p>
<h1 class="margin-top-1">${s.title}</h1>
<p class="font-sans-md">${s.situation}</p>
${feedback}
</div>`;
  return page(ctx, s.title, caseUrl(course, path), body);
}

export function renderQuiz(
  ctx: PageContext,
  course: Course,
  path: TrainingPath,
  questions: readonly Question[],
  invalid = false,
): string {
  const t = trainingText(ctx.lang);
  const body = html`<div class="usa-prose">
${invalid ? errorSummary(ctx.lang, t.invalidQuiz) : ''}
<h1>${t.quizTitle}: ${course.title}</h1>
<p>${t.quizIntro(course.quiz.draw, course.quiz.passMark)}</p>
<form class="usa-form usa-form--large" method="post" action="${withLang(quizUrl(course, path), ctx.lang)}">
${questions.map(
  (q, i) => html`<input type="hidden" name="q" value="${q.id}">
<fieldset class="usa-fieldset margin-top-4">
<legend class="usa-legend usa-legend--large">${t.question(i + 1)}: ${q.prompt}</legend>
${radios(`a_${q.id}`, q.choices)}
</fieldset>`,
)}
<button class="usa-button margin-top-4" type="submit">${t.submitQuiz}</button>
</form>
</div>`;
  return page(ctx, t.quizTitle, quizUrl(course, path), body);
}

export function renderQuizResult(
  ctx: PageContext,
  course: Course,
  path: TrainingPath,
  result: QuizResult,
  claim?: SafeHtml,
): string {
  const t = trainingText(ctx.lang);
  const of = result.answers.length;
  const summary = result.passed ? t.passed(result.score, of) : t.failed(result.score, of, course.quiz.passMark);
  const body = html`<div class="usa-prose">
<h1>${t.quizTitle}: ${course.title}</h1>
<div class="usa-alert ${result.passed ? 'usa-alert--success' : 'usa-alert--warning'}" role="status"><div class="usa-alert__body">
<h2 class="usa-alert__heading">${t.resultHeading}</h2>
<p class="usa-alert__text">${summary}</p>
${result.passed ? html`<p class="usa-alert__text">${t.courseDone}</p>` : ''}
</div></div>
${result.answers.map((a, i) => {
  const chosen = a.question.choices.find((c) => c.id === a.chosen);
  return html`<h2>${t.question(i + 1)}: ${a.question.prompt}</h2>
<p><strong>${a.correct ? t.correctMark : t.incorrectMark}.</strong> ${chosen ? html`${t.youAnswered} ${chosen.text}` : t.unanswered}</p>
<ul class="usa-list">${a.question.choices.map(
    (c) => html`<li><strong>${c.text}</strong><br>${c.correct ? t.correctMark : t.incorrectMark}: ${c.why}</li>`,
  )}</ul>`;
})}
${claim ?? ''}
<p class="margin-top-4">${link(quizUrl(course, path), t.tryAgain, ctx.lang, result.passed ? 'usa-button usa-button--outline' : 'usa-button')}</p>
</div>`;
  return page(ctx, t.quizTitle, quizUrl(course, path), body);
}
