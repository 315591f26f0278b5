import type { Deployment, Lang } from '../../core/deployment.ts';
import { html, type SafeHtml } from '../../core/html.ts';
import { US_STATES } from '../../core/places.ts';
import { GENDERS, INCIDENT_TYPES, REPORTER_RELATIONSHIPS } from '../intake.schema.ts';
import { checkbox, fieldId, radios, select, textarea, textInput, type FormState, type Option } from './fields.ts';
import { emergencyLink, hotlineLink, renderPage, tiplineLink, withLang } from './layout.ts';
import { FIELD_PATHS, fieldLabel, format, messages, type Messages } from './public.text.ts';

export interface FieldError {
  path: string;
  message: string;
}

export interface ReportFormInput {
  lang: Lang;
  deployment: Deployment;
  /** Raw submitted form values keyed by field name (dotted path). */
  values: Record<string, string>;
  errors: FieldError[];
  submissionToken: string;
}

export interface ReportReceivedInput {
  lang: Lang;
  deployment: Deployment;
  reference: string;
}

function optionsOf<K extends string>(keys: readonly K[], labels: Record<K, string>): Option[] {
  return keys.map((value) => ({ value, label: labels[value] }));
}

const STATE_OPTIONS: Option[] = Object.entries(US_STATES).map(([value, label]) => ({ value, label }));

function firstErrors(errors: readonly FieldError[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of errors) if (!map.has(e.path)) map.set(e.path, e.message);
  return map;
}

function errorSummary(lang: Lang, errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  const t = messages(lang).report;
  const known: readonly string[] = FIELD_PATHS;
  const items = errors.map((e) => {
    const target = known.includes(e.path) ? fieldId(e.path) : 'report-form';
    return html`<li><a class="usa-link" href="#${target}">${fieldLabel(lang, e.path)}: ${e.message}</a></li>`;
  });
  return html`<div class="usa-alert usa-alert--error margin-bottom-4" role="alert">
<div class="usa-alert__body">
<h2 class="usa-alert__heading">${t.errorHeading}</h2>
<p class="usa-alert__text">${t.errorIntro}</p>
<ul class="usa-list">${items}</ul>
</div>
</div>`;
}

function fieldset(legend: string, hint: string, content: SafeHtml[]): SafeHtml {
  const hintHtml = hint ? html`<p class="usa-hint">${hint}</p>` : '';
  return html`<fieldset class="usa-fieldset margin-top-5">
<legend class="usa-legend usa-legend--large">${legend}</legend>
${hintHtml}${content}
</fieldset>`;
}

function incidentSection(s: FormState, t: Messages): SafeHtml {
  return fieldset(t.report.incidentLegend, '', [
    select(s, 'incident.type', optionsOf(INCIDENT_TYPES, t.incidentTypes), { defaultValue: 'child_sex_trafficking' }),
    textarea(s, 'incident.description', { required: true, attrs: { maxlength: 20000 } }),
    textInput(s, 'incident.occurredOn', 'date', { classes: 'usa-input--medium' }),
  ]);
}

function locationSection(s: FormState, t: Messages): SafeHtml {
  const off = { autocomplete: 'off' };
  return fieldset(t.report.locationLegend, t.report.locationHint, [
    textInput(s, 'location.address', 'text', { attrs: { ...off, maxlength: 300 } }),
    textInput(s, 'location.city', 'text', { attrs: { ...off, maxlength: 120 } }),
    select(s, 'location.state', STATE_OPTIONS, { emptyLabel: t.report.chooseOne }),
    textInput(s, 'location.zip', 'text', { classes: 'usa-input--medium', attrs: { ...off, inputmode: 'numeric', maxlength: 10 } }),
    textarea(s, 'location.details', { attrs: { maxlength: 2000 } }),
  ]);
}

function childSection(s: FormState, t: Messages): SafeHtml {
  return fieldset(t.report.childLegend, t.report.childHint, [
    textInput(s, 'children.0.approximateAge', 'number', {
      classes: 'usa-input--xs',
      attrs: { min: 0, max: 17, step: 1, inputmode: 'numeric' },
    }),
    select(s, 'children.0.gender', optionsOf(GENDERS, t.genders), { emptyLabel: t.report.chooseOne }),
    textarea(s, 'children.0.description', { attrs: { maxlength: 2000 } }),
    textInput(s, 'children.0.name', 'text', { attrs: { autocomplete: 'off', maxlength: 200 } }),
  ]);
}

function reporterSection(s: FormState, t: Messages, d: Deployment): SafeHtml {
  const anonymous: Option[] = [
    { value: 'yes', label: t.report.anonymousYes },
    { value: 'no', label: t.report.anonymousNo },
  ];
  return fieldset(t.report.reporterLegend, '', [
    radios(s, 'reporter.anonymous', anonymous),
    textInput(s, 'reporter.name', 'text', { attrs: { autocomplete: 'name', maxlength: 200 } }),
    textInput(s, 'reporter.email', 'email', { attrs: { autocomplete: 'email', maxlength: 254 } }),
    textInput(s, 'reporter.phone', 'tel', { classes: 'usa-input--medium', attrs: { autocomplete: 'tel', maxlength: 25 } }),
    select(s, 'reporter.relationship', optionsOf(REPORTER_RELATIONSHIPS, t.relationships), {
      emptyLabel: t.report.chooseOne,
    }),
    checkbox(s, 'reporter.consentToContact', format(t.report.consentCheckbox, { org: d.orgName })),
  ]);
}

function intro(t: Messages, d: Deployment): SafeHtml {
  const mark = html`<abbr title="${t.report.requiredAbbr}" class="usa-hint usa-hint--required">*</abbr>`;
  return html`<div class="usa-alert usa-alert--warning usa-alert--slim margin-bottom-3">
<div class="usa-alert__body"><p class="usa-alert__text">${format(t.report.emergencyNote, { number: emergencyLink(d) })}</p></div>
</div>
<p class="font-sans-md">${format(t.report.intro, { org: d.orgName })}</p>
<p>${t.report.noProof}</p>
<p>${format(t.report.requiredNote, { mark })}</p>`;
}

function reportBody(input: ReportFormInput): SafeHtml {
  const { lang, deployment: d } = input;
  const t = messages(lang);
  const s: FormState = { lang, values: input.values, errors: firstErrors(input.errors) };
  return html`<div class="grid-row"><div class="grid-col-12 tablet-lg:grid-col-10 desktop:grid-col-8">
<h1>${t.report.title}</h1>
${errorSummary(lang, input.errors)}
${intro(t, d)}
<form id="report-form" class="usa-form usa-form--large" method="post" action="${withLang('/report', lang)}" novalidate>
<input type="hidden" name="submissionToken" value="${input.submissionToken}">
${incidentSection(s, t)}
${locationSection(s, t)}
${childSection(s, t)}
${reporterSection(s, t, d)}
<p class="margin-top-4">${t.report.privacy}</p>
<button class="usa-button usa-button--big" type="submit">${t.report.submit}</button>
</form>
</div></div>`;
}

export function renderReportForm(input: ReportFormInput): string {
  const t = messages(input.lang).report;
  const prefix = input.errors.length > 0 ? t.errorTitlePrefix : '';
  return renderPage({
    lang: input.lang,
    deployment: input.deployment,
    title: `${prefix}${t.title}`,
    path: '/report',
    body: reportBody(input),
  });
}

function receivedBody({ lang, deployment: d, reference }: ReportReceivedInput): SafeHtml {
  const t = messages(lang).received;
  const next = t.next.map((line) => html`<li>${format(line, { org: d.orgName })}</li>`);
  return html`<div class="usa-prose">
<h1>${t.heading}</h1>
<div class="usa-alert usa-alert--success">
<div class="usa-alert__body">
<h2 class="usa-alert__heading">${t.referenceLabel}</h2>
<p class="usa-alert__text"><strong class="report-reference font-mono-xl" data-reference="${reference}">${reference}</strong></p>
<p class="usa-alert__text">${t.referenceKeep}</p>
</div>
</div>
<h2>${t.nextHeading}</h2>
<ul>${next}</ul>
<h2>${t.moreHeading}</h2>
<p>${format(t.moreHotline, { org: d.orgName, hotline: hotlineLink(d) })}</p>
<p>${format(t.moreTipline, { tipline: tiplineLink(d) })}</p>
<p class="text-bold">${format(t.emergency, { number: emergencyLink(d) })}</p>
<p>${t.sharedDevice}</p>
<p><a class="usa-link" href="${withLang('/report', lang)}">${t.another}</a></p>
</div>`;
}

export function renderReportReceived(input: ReportReceivedInput): string {
  return renderPage({
    lang: input.lang,
    deployment: input.deployment,
    title: messages(input.lang).received.title,
    path: '/report',
    body: receivedBody(input),
    languageSwitch: false,
  });
}
