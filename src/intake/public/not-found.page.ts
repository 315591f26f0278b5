import type { Deployment, Lang } from '../../core/deployment.ts';
import { html } from '../../core/html.ts';
import { renderPage, withLang } from './layout.ts';

const TEXT: Record<Lang, { title: string; body: string; report: string; learn: string }> = {
  en: {
    title: 'Page not found',
    body: 'There is no page at this address. It may have moved, or the address may be mistyped.',
    report: 'Make a report',
    learn: 'Learn the signs',
  },
  es: {
    title: 'Página no encontrada',
    body: 'No hay ninguna página en esta dirección. Puede que se haya movido o que la dirección esté mal escrita.',
    report: 'Hacer un reporte',
    learn: 'Conozca las señales',
  },
};

/** The 404 page for people: the public layout, with the hotline and emergency number in the footer. */
export function renderNotFound(input: { lang: Lang; deployment: Deployment }): string {
  const t = TEXT[input.lang];
  return renderPage({
    lang: input.lang,
    deployment: input.deployment,
    title: t.title,
    path: '/report',
    languageSwitch: false,
    body: html`<h1>${t.title}</h1>
<p class="usa-intro">${t.body}</p>
<ul class="usa-list">
<li><a class="usa-link" href="${withLang('/report', input.lang)}">${t.report}</a></li>
<li><a class="usa-link" href="${withLang('/learn', input.lang)}">${t.learn}</a></li>
</ul>`,
  });
}
