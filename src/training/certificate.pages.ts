import type { Deployment, Lang } from '../core/deployment.ts';
import { html, type SafeHtml } from '../core/html.ts';
import { renderPage, withLang } from '../intake/index.ts';
import type { CertificateRow } from './certificates.repo.ts';
import { trainingText } from './training.text.ts';

interface PageContext {
  lang: Lang;
  deployment: Deployment;
}

export const certificateUrl = (code: string) => `/learn/certificates/${code}`;

/** Shown under a passed quiz: the signed pass travels in the form, so no account or session is needed. */
export function claimForm(lang: Lang, action: string, pass: string, error?: string, name = ''): SafeHtml {
  const t = trainingText(lang);
  return html`<h2 id="certificate">${t.certificateHeading}</h2>
<p>${t.certificateIntro}</p>
<form class="usa-form" method="post" action="${withLang(action, lang)}" novalidate>
<input type="hidden" name="pass" value="${pass}">
<div class="usa-form-group${error ? ' usa-form-group--error' : ''}">
<label class="usa-label" for="learner-name">${t.nameLabel}</label>
${error ? html`<span class="usa-error-message" id="learner-name-error">${error}</span>` : ''}
<input class="usa-input${error ? ' usa-input--error' : ''}" id="learner-name" name="name" type="text" maxlength="120" autocomplete="name" value="${name}"${
    error ? html` aria-describedby="learner-name-error"` : ''
  }>
</div>
<button class="usa-button" type="submit">${t.getCertificate}</button>
</form>`;
}

export function renderClaimError(ctx: PageContext, body: SafeHtml): string {
  const t = trainingText(ctx.lang);
  return renderPage({
    ...ctx,
    title: t.certificateHeading,
    path: '/learn/courses',
    body: html`<div class="usa-prose"><h1>${t.certificateHeading}</h1>${body}</div>`,
  });
}

export function renderCertificate(ctx: PageContext, row: CertificateRow, courseTitle: string): string {
  const t = trainingText(ctx.lang);
  const base = certificateUrl(row.code);
  const body = html`<div class="usa-prose">
<h1>${t.certificateTitle}</h1>
<p class="font-sans-md">${t.certificateReady(courseTitle)}</p>
<p>${t.codeLabel}: <strong class="report-reference">${row.code}</strong></p>
<p>${t.keepCode}</p>
<ul class="usa-list">
<li><a class="usa-link" href="${base}/certificate.pdf">${t.downloadPdf}</a></li>
<li><a class="usa-link" href="${base}/credential.jwt">${t.downloadCredential}</a></li>
<li><a class="usa-link" href="${withLang(`/verify/${row.code}`, ctx.lang)}">${t.verifyLink}</a></li>
</ul>
</div>`;
  return renderPage({ ...ctx, title: t.certificateTitle, path: base, body });
}

export type Verification = { kind: 'valid' | 'revoked'; name: string; courseTitle: string; issuedAt: Date } | { kind: 'unknown' };

export function renderVerify(ctx: PageContext, code: string, v: Verification): string {
  const t = trainingText(ctx.lang);
  const facts =
    v.kind === 'valid'
      ? html`<div class="usa-alert usa-alert--success"><div class="usa-alert__body"><p class="usa-alert__text">${t.verified}</p></div></div>
<dl>
<dt class="text-bold">${t.nameField}</dt><dd class="margin-left-0 margin-bottom-2">${v.name}</dd>
<dt class="text-bold">${t.courseField}</dt><dd class="margin-left-0 margin-bottom-2">${v.courseTitle}</dd>
<dt class="text-bold">${t.dateField}</dt><dd class="margin-left-0 margin-bottom-2">${new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(v.issuedAt)}</dd>
</dl>`
      : html`<div class="usa-alert usa-alert--warning"><div class="usa-alert__body"><p class="usa-alert__text">${
          v.kind === 'revoked' ? t.revoked : t.unknown
        }</p></div></div>`;
  const body = html`<div class="usa-prose">
<h1>${t.verifyTitle}</h1>
<p>${t.codeLabel}: <strong class="report-reference">${code}</strong></p>
${facts}
</div>`;
  return renderPage({ ...ctx, title: t.verifyTitle, path: `/verify/${code}`, body });
}
