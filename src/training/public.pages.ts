import type { Deployment, Lang } from '../core/deployment.ts';
import { html, type SafeHtml } from '../core/html.ts';
import { renderPage, withLang } from '../intake/index.ts';
import { certificateUrl } from './certificate.pages.ts';
import { LEARNER_ROLES, US_STATES, type Learner, type RegistrationField } from './learners.ts';
import { publicText } from './public.text.ts';
import type { BookingRow, SessionRow } from './sessions/sessions.service.ts';

interface PageContext {
  lang: Lang;
  deployment: Deployment;
}

export const ACCOUNT_PATH = '/learn/account';
export const SESSIONS_PATH = '/learn/sessions';

function page(ctx: PageContext, title: string, path: string, body: SafeHtml): string {
  return renderPage({
    lang: ctx.lang,
    deployment: ctx.deployment,
    title,
    path,
    body: html`<div class="usa-prose">${body}</div>`,
  });
}

function errorSummary(lang: Lang, messages: readonly { field: string; text: string }[]): SafeHtml {
  if (messages.length === 0) return html``;
  return html`<div class="usa-alert usa-alert--error" role="alert"><div class="usa-alert__body">
<h2 class="usa-alert__heading">${publicText(lang).errorHeading}</h2>
<ul class="usa-list">${messages.map((m) => html`<li><a class="usa-link" href="#${m.field}">${m.text}</a></li>`)}</ul>
</div></div>`;
}

interface FieldSpec {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  control: (describedBy: string) => SafeHtml;
}

function field(f: FieldSpec): SafeHtml {
  const ids = [f.hint ? `${f.id}-hint` : '', f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="usa-form-group${f.error ? ' usa-form-group--error' : ''}">
<label class="usa-label" for="${f.id}">${f.label}</label>
${f.hint ? html`<span class="usa-hint" id="${f.id}-hint">${f.hint}</span>` : ''}
${f.error ? html`<span class="usa-error-message" id="${f.id}-error">${f.error}</span>` : ''}
${f.control(ids)}
</div>`;
}

const described = (ids: string) => (ids ? html` aria-describedby="${ids}"` : '');

function input(id: string, type: string, value: string, autocomplete: string, error: boolean, max: number) {
  return (ids: string) =>
    html`<input class="usa-input${error ? ' usa-input--error' : ''}" id="${id}" name="${id}" type="${type}" maxlength="${String(max)}" autocomplete="${autocomplete}" value="${value}"${described(ids)}>`;
}

function select(id: string, options: readonly (readonly [string, string])[], value: string, placeholder: string, error: boolean) {
  return (
    ids: string,
  ) => html`<select class="usa-select${error ? ' usa-input--error' : ''}" id="${id}" name="${id}"${described(ids)}>
<option value="">${placeholder}</option>
${options.map(([v, label]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${label}</option>`)}
</select>`;
}

export type RegisterView = { values: Record<string, string>; errors: RegistrationField[]; taken?: boolean };

export function renderRegister(ctx: PageContext, view: RegisterView): string {
  const t = publicText(ctx.lang);
  const v = (k: string) => view.values[k] ?? '';
  const err = (k: RegistrationField) => (view.errors.includes(k) ? t.error[k] : undefined);
  const messages = [
    ...(view.taken ? [{ field: 'email', text: t.taken }] : []),
    ...view.errors.map((f) => ({ field: f, text: t.error[f] })),
  ];
  const body = html`${errorSummary(ctx.lang, messages)}
<h1>${t.registerTitle}</h1>
<p>${t.registerIntro}</p>
<form class="usa-form usa-form--large" method="post" action="${withLang(`${ACCOUNT_PATH}/register`, ctx.lang)}" novalidate>
${field({ id: 'name', label: t.field.name, hint: t.hint.name, error: err('name'), control: input('name', 'text', v('name'), 'name', !!err('name'), 120) })}
${field({ id: 'email', label: t.field.email, error: err('email'), control: input('email', 'email', v('email'), 'email', !!err('email'), 254) })}
${field({ id: 'organisation', label: t.field.organisation, error: err('organisation'), control: input('organisation', 'text', v('organisation'), 'organization', !!err('organisation'), 200) })}
${field({
  id: 'role',
  label: t.field.role,
  error: err('role'),
  control: select(
    'role',
    LEARNER_ROLES.map((r) => [r, t.roles[r]] as const),
    v('role'),
    t.choose,
    !!err('role'),
  ),
})}
${field({
  id: 'state',
  label: t.field.state,
  error: err('state'),
  control: select(
    'state',
    US_STATES.map((s) => [s, s] as const),
    v('state'),
    t.choose,
    !!err('state'),
  ),
})}
${field({ id: 'password', label: t.field.password, hint: t.hint.password, error: err('password'), control: input('password', 'password', '', 'new-password', !!err('password'), 200) })}
<button class="usa-button" type="submit">${t.create}</button>
</form>
<p><a class="usa-link" href="${withLang(`${ACCOUNT_PATH}/sign-in`, ctx.lang)}">${t.haveAccount}</a></p>`;
  return page(ctx, t.registerTitle, `${ACCOUNT_PATH}/register`, body);
}

export function renderSignIn(ctx: PageContext, failed = false, email = ''): string {
  const t = publicText(ctx.lang);
  const body = html`${errorSummary(ctx.lang, failed ? [{ field: 'email', text: t.badSignIn }] : [])}
<h1>${t.signInTitle}</h1>
<form class="usa-form" method="post" action="${withLang(`${ACCOUNT_PATH}/sign-in`, ctx.lang)}" novalidate>
${field({ id: 'email', label: t.field.email, control: input('email', 'email', email, 'username', failed, 254) })}
${field({ id: 'password', label: t.field.password, control: input('password', 'password', '', 'current-password', failed, 200) })}
<button class="usa-button" type="submit">${t.signIn}</button>
</form>
<p><a class="usa-link" href="${withLang(`${ACCOUNT_PATH}/register`, ctx.lang)}">${t.noAccount}</a></p>`;
  return page(ctx, t.signInTitle, `${ACCOUNT_PATH}/sign-in`, body);
}

export function renderAccount(
  ctx: PageContext,
  learner: Learner,
  certificates: readonly { code: string; title: string; issued_at: Date; revoked_at: Date | null }[],
): string {
  const t = publicText(ctx.lang);
  const date = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' });
  const body = html`<h1>${t.accountTitle}</h1>
<p>${t.signedInAs(learner.name)} ${learner.organisation} · ${t.roles[learner.role]} · ${learner.state}</p>
<h2>${t.certificates}</h2>
${
  certificates.length === 0
    ? html`<p>${t.noCertificates}</p>`
    : html`<ul class="usa-list">${certificates.map(
        (c) =>
          html`<li><a class="usa-link" href="${withLang(certificateUrl(c.code), ctx.lang)}">${c.title}</a>, ${date.format(c.issued_at)}${
            c.revoked_at ? html` (${t.revoked})` : ''
          }</li>`,
      )}</ul>`
}
<p><a class="usa-button" href="${withLang('/learn/courses', ctx.lang)}">${t.toCourses}</a></p>
<form method="post" action="${withLang(`${ACCOUNT_PATH}/sign-out`, ctx.lang)}"><button class="usa-button usa-button--outline" type="submit">${t.signOut}</button></form>`;
  return page(ctx, t.accountTitle, ACCOUNT_PATH, body);
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')}`;

export type SessionSummary = SessionRow & { booked: number; waitlisted: number; title: string; audienceLabel: string };

function facts(ctx: PageContext, s: SessionSummary): SafeHtml {
  const t = publicText(ctx.lang);
  return html`<dl>
<dt class="text-bold">${t.when}</dt><dd class="margin-left-0 margin-bottom-1">${utc(s.starts_at)} – ${utc(s.ends_at)}</dd>
<dt class="text-bold">${t.where}</dt><dd class="margin-left-0 margin-bottom-1">${s.place}</dd>
<dt class="text-bold">${t.audience}</dt><dd class="margin-left-0 margin-bottom-1">${s.audienceLabel}</dd>
<dt class="text-bold">${t.language}</dt><dd class="margin-left-0 margin-bottom-1">${t.langName[s.lang]}</dd>
</dl>
<p>${t.places(Math.max(s.capacity - s.booked, 0), s.waitlisted)}</p>`;
}

export function renderSessions(ctx: PageContext, sessions: readonly SessionSummary[]): string {
  const t = publicText(ctx.lang);
  const body = html`<h1>${t.sessionsTitle}</h1>
<p>${t.sessionsIntro}</p>
${
  sessions.length === 0
    ? html`<p>${t.noSessions}</p>`
    : sessions.map(
        (s) => html`<h2>${s.title}</h2>
${facts(ctx, s)}
<p><a class="usa-link" href="${withLang(`${SESSIONS_PATH}/${s.id}`, ctx.lang)}">${t.registerFor}<span class="usa-sr-only">: ${s.title}, ${utc(s.starts_at)}</span></a></p>`,
      )
}`;
  return page(ctx, t.sessionsTitle, SESSIONS_PATH, body);
}

export type SessionFormView = { values: Record<string, string>; errors: ('name' | 'email')[]; notice?: 'already' | 'started' };

export function renderSession(ctx: PageContext, s: SessionSummary, view: SessionFormView): string {
  const t = publicText(ctx.lang);
  const v = (k: string) => view.values[k] ?? '';
  const err = (k: 'name' | 'email') => (view.errors.includes(k) ? t.error[k] : undefined);
  const messages = [
    ...view.errors.map((f) => ({ field: f, text: t.error[f] })),
    ...(view.notice ? [{ field: 'email', text: t[view.notice] }] : []),
  ];
  const body = html`${errorSummary(ctx.lang, messages)}
<h1>${s.title}</h1>
${facts(ctx, s)}
<h2>${t.registerFor}</h2>
<form class="usa-form usa-form--large" method="post" action="${withLang(`${SESSIONS_PATH}/${s.id}`, ctx.lang)}" novalidate>
${field({ id: 'name', label: t.field.name, hint: t.hint.name, error: err('name'), control: input('name', 'text', v('name'), 'name', !!err('name'), 120) })}
${field({ id: 'email', label: t.field.email, error: err('email'), control: input('email', 'email', v('email'), 'email', !!err('email'), 254) })}
<button class="usa-button" type="submit">${t.register}</button>
</form>`;
  return page(ctx, s.title, `${SESSIONS_PATH}/${s.id}`, body);
}

export function renderBooking(
  ctx: PageContext,
  s: SessionSummary,
  booking: BookingRow,
  token: string,
  justNow?: 'booked' | 'waitlisted' | 'cancelled',
): string {
  const t = publicText(ctx.lang);
  const notice = justNow === 'cancelled' ? t.cancelled : justNow ? t[justNow] : t.status[booking.status];
  const active = booking.status === 'booked' || booking.status === 'waitlisted';
  const body = html`<h1>${t.bookingTitle}: ${s.title}</h1>
<div class="usa-alert ${booking.status === 'booked' ? 'usa-alert--success' : 'usa-alert--info'}" role="status"><div class="usa-alert__body"><p class="usa-alert__text">${notice}</p></div></div>
${facts(ctx, s)}
<p>${t.keepLink}</p>
${
  active
    ? html`<form method="post" action="${withLang(`/learn/bookings/${token}/cancel`, ctx.lang)}"><button class="usa-button usa-button--secondary" type="submit">${t.cancel}</button></form>`
    : ''
}`;
  return page(ctx, t.bookingTitle, '/learn/bookings', body);
}
