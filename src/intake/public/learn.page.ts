import { LANGS, type Deployment, type Lang } from '../../core/deployment.ts';
import { html, type SafeHtml } from '../../core/html.ts';
import { emergencyLink, hotlineLink, renderPage, tiplineLink, withLang } from './layout.ts';
import { format, messages, type Messages } from './public.text.ts';

export interface LearnInput {
  lang: Lang;
  deployment: Deployment;
  /** The introduction as last reviewed and published (public_page_text `learn-intro.<lang>`), else the shipped one. */
  intro?: string;
}

type LearnText = Messages['learn'];

function paragraphs(lines: readonly string[]): SafeHtml[] {
  return lines.map((line) => html`<p>${line}</p>`);
}

function list(items: readonly string[]): SafeHtml {
  return html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

function signs(t: LearnText): SafeHtml {
  return html`<h2 id="signs">${t.signsHeading}</h2>
<div class="usa-alert usa-alert--info">
<div class="usa-alert__body">
<h3 class="usa-alert__heading">${t.notChecklistHeading}</h3>
<p class="usa-alert__text">${t.notChecklist}</p>
</div>
</div>
<h3>${t.physicalHeading}</h3>
${list(t.physical)}
<h3>${t.behaviourHeading}</h3>
${list(t.behaviour)}
<h3>${t.askHeading}</h3>
<p>${t.ask}</p>
${list(t.questions)}
<p>${t.askAfter}</p>`;
}

function whatToDo(t: LearnText, lang: Lang, d: Deployment): SafeHtml {
  const form = html`<a class="usa-link" href="${withLang('/report', lang)}">${t.doReportLink}</a>`;
  return html`<div class="usa-summary-box margin-top-5" role="region" aria-labelledby="what-to-do">
<div class="usa-summary-box__body">
<h2 class="usa-summary-box__heading" id="what-to-do">${t.doHeading}</h2>
<div class="usa-summary-box__text">
<ul class="usa-list">
<li><strong>${format(t.doEmergency, { number: emergencyLink(d, 'usa-summary-box__link') })}</strong></li>
<li>${format(t.doReport, { org: d.orgName, form, hotline: hotlineLink(d) })}</li>
<li>${format(t.doTipline, { tipline: tiplineLink(d) })}</li>
<li>${t.doAnonymous}</li>
</ul>
</div>
</div>
</div>`;
}

function learnBody({ lang, deployment: d, intro }: LearnInput): SafeHtml {
  const t = messages(lang).learn;
  return html`<div class="usa-prose">
<h1>${t.title}</h1>
${(intro ?? t.intro)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => html`<p class="font-sans-md">${line}</p>`)}
${whatToDo(t, lang, d)}
<h2>${t.whatHeading}</h2>
${paragraphs(t.what)}
<h2>${t.faultHeading}</h2>
${paragraphs(t.fault)}
${signs(t)}
<p class="margin-top-4"><a class="usa-button usa-button--big" href="${withLang('/report', lang)}">${messages(lang).layout.navReport}</a></p>
</div>`;
}

export function renderLearn(input: LearnInput): string {
  return renderPage({
    lang: input.lang,
    deployment: input.deployment,
    title: messages(input.lang).learn.title,
    path: '/learn',
    body: learnBody(input),
  });
}

/** The key of the /learn introduction among reviewed public page texts, one per language. */
export const learnIntroKey = (lang: Lang) => `learn-intro.${lang}`;

/** The public page text shipped with Beacon under a reviewable key: the base of its first review. */
export function shippedPublicText(key: string): string | null {
  const lang = LANGS.find((l) => learnIntroKey(l) === key);
  return lang === undefined ? null : messages(lang).learn.intro;
}
