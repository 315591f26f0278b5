import type { Deployment, Lang } from '../../core/deployment.ts';
import { html, type SafeHtml } from '../../core/html.ts';
import { attrs } from './fields.ts';
import { format, messages } from './public.text.ts';

export interface PageInput {
  lang: Lang;
  deployment: Deployment;
  title: string;
  /** The page's own path, e.g. "/report": marks the current nav item and builds the language switch. */
  path: string;
  body: SafeHtml;
  /** Off on pages a language switch would throw away, such as the one that shows a report reference. */
  languageSwitch?: boolean;
}

const USWDS = '/assets/uswds';

/** English is the default, so only Spanish needs to travel in links. */
export function withLang(path: string, lang: Lang): string {
  return lang === 'es' ? `${path}?lang=es` : path;
}

export function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

export function emergencyLink(d: Deployment, classes = 'usa-link'): SafeHtml {
  return html`<a class="${classes}" href="${telHref(d.emergencyNumber)}">${d.emergencyNumber}</a>`;
}

export function hotlineLink(d: Deployment): SafeHtml {
  return html`<a class="usa-link text-no-wrap" href="${telHref(d.hotlineTel)}">${d.hotlineDisplay}</a>`;
}

export function tiplineLink(d: Deployment): SafeHtml {
  return html`<a class="usa-link" href="${d.tiplineUrl}">${d.tiplineName}</a>`;
}

function banner(lang: Lang): SafeHtml {
  const t = messages(lang).layout;
  return html`<section class="usa-banner" aria-label="${t.bannerLabel}">
<details class="usa-accordion public-banner">
<summary class="usa-banner__header">
<span class="usa-banner__inner">
<span class="grid-col-auto"><img aria-hidden="true" class="usa-banner__header-flag" src="${USWDS}/img/us_flag_small.png" alt=""></span>
<span class="grid-col-fill tablet:grid-col-auto">
<span class="usa-banner__header-text">${t.bannerText}</span>
<span class="usa-banner__header-action" aria-hidden="true">${t.bannerAction}</span>
</span>
<span class="usa-banner__button"><span class="usa-banner__button-text">${t.bannerAction}</span></span>
</span>
</summary>
<div class="usa-banner__content usa-accordion__content">
<div class="grid-row grid-gap-lg">
${bannerGuidance('icon-dot-gov.svg', t.bannerDomainHeading, t.bannerDomainText)}
${bannerGuidance('icon-https.svg', t.bannerHttpsHeading, t.bannerHttpsText)}
</div>
</div>
</details>
</section>`;
}

function bannerGuidance(icon: string, heading: string, body: string): SafeHtml {
  return html`<div class="usa-banner__guidance tablet:grid-col-6">
<img class="usa-banner__icon usa-media-block__img" src="${USWDS}/img/${icon}" alt="" aria-hidden="true">
<div class="usa-media-block__body"><p><strong>${heading}</strong><br>${body}</p></div>
</div>`;
}

function emergencyAlert(lang: Lang, d: Deployment): SafeHtml {
  const t = messages(lang).layout;
  const text = format(t.emergency, { number: emergencyLink(d) });
  return html`<section class="usa-site-alert usa-site-alert--emergency usa-site-alert--slim" aria-label="${t.emergencyLabel}">
<div class="usa-alert"><div class="usa-alert__body"><p class="usa-alert__text text-bold">${text}</p></div></div>
</section>`;
}

function navItem(label: string, href: string, current: boolean): SafeHtml {
  const a = attrs({ href, 'aria-current': current ? 'page' : undefined });
  return html`<li class="margin-right-3 margin-y-1"><a class="usa-link text-bold"${a}>${label}</a></li>`;
}

function header(p: PageInput): SafeHtml {
  const t = messages(p.lang).layout;
  return html`<header class="public-header border-bottom-1px border-base-lighter">
<div class="grid-container padding-y-2">
<div class="grid-row flex-align-center flex-justify">
<p class="usa-logo margin-y-1"><a class="usa-logo__text" href="${withLang('/report', p.lang)}">${p.deployment.orgName}</a></p>
${p.languageSwitch === false ? '' : languageSwitch(p)}
</div>
<nav aria-label="${t.navLabel}">
<ul class="usa-list usa-list--unstyled display-flex flex-wrap">
${navItem(t.navReport, withLang('/report', p.lang), p.path === '/report')}
${navItem(t.navLearn, withLang('/learn', p.lang), p.path === '/learn')}
${navItem(t.navCourses, withLang('/learn/courses', p.lang), p.path.startsWith('/learn/courses'))}
${navItem(t.navStats, withLang('/stats', p.lang), p.path === '/stats')}
</ul>
</nav>
</div>
</header>`;
}

function languageSwitch(p: PageInput): SafeHtml {
  const other: Lang = p.lang === 'en' ? 'es' : 'en';
  const name = other === 'es' ? 'Español' : 'English';
  // Explicit in both directions so the server's Accept-Language guess cannot override the choice.
  return html`<div class="usa-language-container margin-y-1">
<a class="usa-button usa-button--outline" href="${p.path}?lang=${other}" lang="${other}" hreflang="${other}">${name}</a>
</div>`;
}

function footer(lang: Lang, d: Deployment): SafeHtml {
  const t = messages(lang).layout;
  return html`<footer class="usa-footer usa-footer--slim">
<div class="usa-footer__primary-section">
<div class="grid-container padding-y-3">
<h2 class="font-heading-md margin-top-0">${t.footerHeading}</h2>
<ul class="usa-list usa-list--unstyled">
<li class="margin-bottom-1">${format(t.footerHotline, { org: d.orgName, hotline: hotlineLink(d) })}</li>
<li class="margin-bottom-1">${format(t.footerTipline, { tipline: tiplineLink(d) })}</li>
<li>${format(t.footerEmergency, { number: emergencyLink(d) })}</li>
</ul>
</div>
</div>
</footer>`;
}

export function renderPage(p: PageInput): string {
  const t = messages(p.lang).layout;
  const doc = html`<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} | ${p.deployment.orgName}</title>
<link rel="stylesheet" href="${USWDS}/css/uswds.min.css">
<link rel="stylesheet" href="/assets/public.css">
<link rel="icon" href="${USWDS}/img/favicons/favicon.ico">
</head>
<body>
<a class="usa-skipnav" href="#main-content">${t.skipLink}</a>
${p.deployment.governmentBanner ? banner(p.lang) : ''}
${emergencyAlert(p.lang, p.deployment)}
${header(p)}
<main id="main-content" class="grid-container padding-top-4 padding-bottom-6">
${p.body}
</main>
${footer(p.lang, p.deployment)}
</body>
</html>
`;
  return `<!DOCTYPE html>\n${doc.value}`;
}
