import type { Deployment, Lang } from '../../core/deployment.ts';
import { html, type SafeHtml } from '../../core/html.ts';
import { US_STATES } from '../../shared/places.ts';
import { isAnswerField } from '../intake.form.ts';
import {
  GENDERS,
  IDENTIFIER_KINDS,
  INCIDENT_TYPES,
  ONLINE_KINDS,
  PERSON_ROLES,
  REPORTER_RELATIONSHIPS,
} from '../intake.schema.ts';
import { attrs, checkbox, fieldId, radios, select, textarea, textInput, type FormState, type Option } from './fields.ts';
import { emergencyLink, hotlineLink, renderPage, tiplineLink, withLang } from './layout.ts';
import { calendarDate, errorSentence, fieldKey, format, messages, type FieldKey, type Messages } from './public.text.ts';
import { SHOWN_LIMIT, STEPS, stepOfPath, type Adding, type AnswerStep, type StepId } from './report.steps.ts';

export interface FieldError {
  path: string;
  message: string;
}

export interface ReportStepInput {
  lang: Lang;
  deployment: Deployment;
  step: StepId;
  /** The answers so far, keyed by field name (dotted path); blank list items already removed. */
  values: Record<string, string>;
  /** Errors of this step only. */
  errors: FieldError[];
  submissionToken: string;
  /** One more blank item in a list, after "Add another". */
  adding?: Adding | undefined;
  /** The person came here with "Change" from the review: "Continue" goes back to it. */
  fromReview?: boolean | undefined;
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

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Person {n}" with a 1-based number; plain text, escaped where it is used. */
const numbered = (template: string, i: number) => template.replace('{n}', String(i + 1));

function firstErrors(errors: readonly FieldError[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of errors) if (!map.has(e.path)) map.set(e.path, e.message);
  return map;
}

/** Where an error in the summary takes the reader: its control, or the nearest sensible place. */
function anchorFor(path: string): string {
  if (fieldKey(path) !== undefined) return fieldId(path);
  if (path === 'location') return 'location-address';
  return 'report-form';
}

function errorSummary(lang: Lang, errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  const t = messages(lang).report;
  const items = errors.map(
    (e) => html`<li><a class="usa-link" href="#${anchorFor(e.path)}">${errorSentence(lang, e.path, e.message)}</a></li>`,
  );
  return html`<div class="usa-alert usa-alert--error margin-bottom-4" role="alert">
<div class="usa-alert__body">
<h2 class="usa-alert__heading">${t.errorHeading}</h2>
<p class="usa-alert__text">${t.errorIntro}</p>
<ul class="usa-list">${items}</ul>
</div>
</div>`;
}

function stepIndicator(lang: Lang, step: StepId): SafeHtml {
  const t = messages(lang).report;
  const current = STEPS.indexOf(step);
  const segments = STEPS.map((s, i) => {
    const state = i < current ? 'complete' : i === current ? 'current' : 'incomplete';
    const klass = `usa-step-indicator__segment${state === 'incomplete' ? '' : ` usa-step-indicator__segment--${state}`}`;
    const sr = state === 'complete' ? t.stepCompleted : state === 'incomplete' ? t.stepNotCompleted : '';
    return html`<li class="${klass}"${attrs({ 'aria-current': state === 'current' ? 'step' : undefined })}><span class="usa-step-indicator__segment-label">${t.steps[s]}${sr ? html` <span class="usa-sr-only">${sr}</span>` : ''}</span></li>`;
  });
  return html`<div class="usa-step-indicator usa-step-indicator--counters-sm margin-bottom-4" data-step="${step}">
<ol class="usa-step-indicator__segments">${segments}</ol>
<div class="usa-step-indicator__header">
<h2 class="usa-step-indicator__heading">
<span class="usa-step-indicator__heading-counter"><span class="usa-sr-only">${t.stepWord}</span> <span class="usa-step-indicator__current-step">${current + 1}</span> <span class="usa-step-indicator__total-steps">${format(t.stepOf, { total: STEPS.length })}</span></span>
<span class="usa-step-indicator__heading-text">${t.steps[step]}</span>
</h2>
</div>
</div>`;
}

function fieldset(legend: string, hint: string, content: SafeHtml[], large = true): SafeHtml {
  const hintHtml = hint ? html`<p class="usa-hint">${hint}</p>` : '';
  return html`<fieldset class="usa-fieldset margin-top-4">
<legend class="usa-legend${large ? ' usa-legend--large' : ''}">${legend}</legend>
${hintHtml}${content}
</fieldset>`;
}

/** One item of a list, boxed so a long form stays readable on a phone. */
function item(legend: string, content: SafeHtml[]): SafeHtml {
  return html`<fieldset class="usa-fieldset margin-top-3 padding-x-2 padding-bottom-2 border-1px border-base-lighter radius-md">
<legend class="usa-legend text-bold">${legend}</legend>
${content}
</fieldset>`;
}

/** How many items a list holds in the answers (they are numbered from 0 without gaps). */
function countOf(values: Record<string, string>, prefix: string): number {
  const re = new RegExp(`^${prefix.replaceAll('.', '\\.')}\\.(\\d+)\\.`);
  let count = 0;
  for (const key of Object.keys(values)) {
    const m = re.exec(key);
    if (m) count = Math.max(count, Number(m[1]) + 1);
  }
  return count;
}

/** Items to show: those answered, at least one blank one, and one more after "Add another". */
function shownCount(values: Record<string, string>, prefix: string, adding: boolean): number {
  const answered = countOf(values, prefix);
  const shown = Math.max(answered, 1);
  return adding && shown < SHOWN_LIMIT ? shown + 1 : shown;
}

function addButton(label: string, action: string): SafeHtml {
  return html`<button class="usa-button usa-button--outline margin-top-2" type="submit" name="action" value="${action}">${label}</button>`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function whatStep(s: FormState, t: Messages): SafeHtml[] {
  return [
    select(s, 'incident.type', optionsOf(INCIDENT_TYPES, t.incidentTypes), { defaultValue: 'child_sex_trafficking' }),
    textarea(s, 'incident.description', { required: true, attrs: { maxlength: 20000 } }),
    textInput(s, 'incident.occurredOn', 'date', { classes: 'usa-input--medium' }),
    textarea(s, 'incident.escalationReason', { attrs: { maxlength: 2000 } }),
  ];
}

function whereStep(s: FormState, t: Messages, adding: Adding | undefined): SafeHtml[] {
  const off = { autocomplete: 'off' };
  const n = shownCount(s.values, 'online', adding?.list === 'online');
  const online = range(n).map((i) =>
    item(numbered(t.groups.online, i), [
      select(s, `online.${i}.kind`, optionsOf(ONLINE_KINDS, t.onlineKinds), { emptyLabel: t.report.chooseOne }),
      textInput(s, `online.${i}.platform`, 'text', { attrs: { ...off, maxlength: 120 } }),
      textInput(s, `online.${i}.identifier`, 'text', { attrs: { ...off, maxlength: 500 } }),
      textarea(s, `online.${i}.details`, { attrs: { maxlength: 2000 } }),
    ]),
  );
  return [
    fieldset(t.report.locationLegend, t.report.locationHint, [
      textInput(s, 'location.address', 'text', { attrs: { ...off, maxlength: 300 } }),
      textInput(s, 'location.city', 'text', { attrs: { ...off, maxlength: 120 } }),
      select(s, 'location.state', STATE_OPTIONS, { emptyLabel: t.report.chooseOne }),
      textInput(s, 'location.zip', 'text', {
        classes: 'usa-input--medium',
        attrs: { ...off, inputmode: 'numeric', maxlength: 10 },
      }),
      textarea(s, 'location.details', { attrs: { maxlength: 2000 } }),
    ]),
    fieldset(t.report.onlineLegend, `${t.report.onlineHint} ${t.report.blankGroupNote}`, [
      ...online,
      n < SHOWN_LIMIT ? addButton(t.report.addOnline, 'add-online') : html``,
    ]),
  ];
}

function childrenStep(s: FormState, t: Messages, adding: Adding | undefined): SafeHtml[] {
  const n = shownCount(s.values, 'children', adding?.list === 'children');
  const missing: Option[] = [
    { value: 'yes', label: t.report.missingYes },
    { value: 'no', label: t.report.missingNo },
    { value: 'unknown', label: t.report.missingUnknown },
  ];
  const children = range(n).map((i) =>
    item(numbered(t.groups.children, i), [
      textInput(s, `children.${i}.approximateAge`, 'number', {
        classes: 'usa-input--xs',
        attrs: { min: 0, max: 17, step: 1, inputmode: 'numeric' },
      }),
      select(s, `children.${i}.gender`, optionsOf(GENDERS, t.genders), { emptyLabel: t.report.chooseOne }),
      textarea(s, `children.${i}.description`, { attrs: { maxlength: 2000 } }),
      textInput(s, `children.${i}.name`, 'text', { attrs: { autocomplete: 'off', maxlength: 200 } }),
      radios(s, `children.${i}.missing`, missing),
      textInput(s, `children.${i}.school`, 'text', { attrs: { autocomplete: 'off', maxlength: 200 } }),
      textInput(s, `children.${i}.currentLocation`, 'text', { attrs: { autocomplete: 'off', maxlength: 500 } }),
    ]),
  );
  return [
    html`<p class="usa-hint">${t.report.childrenHint} ${t.report.blankGroupNote}</p>`,
    ...children,
    n < SHOWN_LIMIT ? addButton(t.report.addChild, 'add-child') : html``,
  ];
}

function personItem(s: FormState, t: Messages, i: number, adding: Adding | undefined): SafeHtml {
  const off = { autocomplete: 'off' };
  const prefix = `persons.${i}.identifiers`;
  const n = shownCount(s.values, prefix, adding?.list === 'identifiers' && adding.person === i);
  const identifiers = range(n).map((j) =>
    item(cap(numbered(t.groups.identifiers, j)), [
      select(s, `${prefix}.${j}.kind`, optionsOf(IDENTIFIER_KINDS, t.identifierKinds), { emptyLabel: t.report.chooseOne }),
      textInput(s, `${prefix}.${j}.value`, 'text', { attrs: { ...off, maxlength: 500 } }),
    ]),
  );
  const v = `persons.${i}.vehicle`;
  return item(numbered(t.groups.persons, i), [
    select(s, `persons.${i}.role`, optionsOf(PERSON_ROLES, t.personRoles), { emptyLabel: t.report.chooseOne }),
    textInput(s, `persons.${i}.name`, 'text', { attrs: { ...off, maxlength: 200 } }),
    textInput(s, `persons.${i}.approximateAge`, 'number', {
      classes: 'usa-input--xs',
      attrs: { min: 0, max: 120, step: 1, inputmode: 'numeric' },
    }),
    textarea(s, `persons.${i}.description`, { attrs: { maxlength: 2000 } }),
    fieldset(
      t.report.identifiersLegend,
      '',
      [...identifiers, n < SHOWN_LIMIT ? addButton(t.report.addIdentifier, `add-identifier-${i}`) : html``],
      false,
    ),
    fieldset(
      t.report.vehicleLegend,
      '',
      [
        textInput(s, `${v}.make`, 'text', { attrs: { ...off, maxlength: 60 } }),
        textInput(s, `${v}.model`, 'text', { attrs: { ...off, maxlength: 60 } }),
        textInput(s, `${v}.colour`, 'text', { attrs: { ...off, maxlength: 40 } }),
        textInput(s, `${v}.plate`, 'text', { classes: 'usa-input--medium', attrs: { ...off, maxlength: 20 } }),
        select(s, `${v}.plateState`, STATE_OPTIONS, { emptyLabel: t.report.chooseOne }),
      ],
      false,
    ),
  ]);
}

function personsStep(s: FormState, t: Messages, adding: Adding | undefined): SafeHtml[] {
  const n = shownCount(s.values, 'persons', adding?.list === 'persons');
  return [
    html`<p class="usa-hint">${t.report.personsHint} ${t.report.blankGroupNote}</p>`,
    ...range(n).map((i) => personItem(s, t, i, adding)),
    n < SHOWN_LIMIT ? addButton(t.report.addPerson, 'add-person') : html``,
  ];
}

function youStep(s: FormState, t: Messages, d: Deployment): SafeHtml[] {
  const anonymous: Option[] = [
    { value: 'yes', label: t.report.anonymousYes },
    { value: 'no', label: t.report.anonymousNo },
  ];
  return [
    fieldset(t.report.reporterLegend, t.report.anonymousHint, [
      radios(s, 'reporter.anonymous', anonymous),
      textInput(s, 'reporter.name', 'text', { attrs: { autocomplete: 'name', maxlength: 200 } }),
      textInput(s, 'reporter.email', 'email', { attrs: { autocomplete: 'email', maxlength: 254 } }),
      textInput(s, 'reporter.phone', 'tel', { classes: 'usa-input--medium', attrs: { autocomplete: 'tel', maxlength: 25 } }),
      select(s, 'reporter.relationship', optionsOf(REPORTER_RELATIONSHIPS, t.relationships), { emptyLabel: t.report.chooseOne }),
      checkbox(s, 'reporter.consentToContact', format(t.report.consentCheckbox, { org: d.orgName })),
    ]),
    fieldset(t.report.additionalLegend, '', [textarea(s, 'additionalInfo', { attrs: { maxlength: 20000 } })]),
  ];
}

// ---- review -------------------------------------------------------------------------------

/** An answer as a person reads it: the label of a choice, not its code. Unknown codes show as they are. */
function shown(t: Messages, key: FieldKey, value: string): string {
  const choice = (labels: Record<string, string>) => labels[value] ?? value;
  switch (key) {
    case 'incident.type':
      return choice(t.incidentTypes);
    case 'incident.occurredOn':
      return calendarDate(t, value);
    case 'location.state':
    case 'persons.#.vehicle.plateState':
      return choice(US_STATES);
    case 'online.#.kind':
      return choice(t.onlineKinds);
    case 'children.#.gender':
      return choice(t.genders);
    case 'children.#.missing':
      return choice({ yes: t.report.missingYes, no: t.report.missingNo, unknown: t.report.missingUnknown });
    case 'persons.#.role':
      return choice(t.personRoles);
    case 'persons.#.identifiers.#.kind':
      return choice(t.identifierKinds);
    case 'reporter.relationship':
      return choice(t.relationships);
    case 'reporter.anonymous':
      return choice({ yes: t.report.anonymousYes, no: t.report.anonymousNo });
    case 'reporter.consentToContact':
      return value === 'yes' ? t.report.yes : t.report.no;
    default:
      return value;
  }
}

type Row = [label: string, value: string];

function rows(t: Messages, values: Record<string, string>, paths: readonly string[]): Row[] {
  return paths.flatMap((path) => {
    const value = values[path];
    const key = fieldKey(path);
    return value === undefined || key === undefined ? [] : [[t.fields[key], shown(t, key, value)] as Row];
  });
}

function dl(list: Row[]): SafeHtml {
  const items = list.map(
    ([label, value]) =>
      html`<div class="margin-bottom-2"><dt class="text-bold">${label}</dt><dd class="margin-left-0 review-answer">${value}</dd></div>`,
  );
  return html`<dl class="margin-y-1">${items}</dl>`;
}

/** The concrete paths of one list item, in form order, taken from the field keys. */
function itemPaths(list: 'online' | 'children' | 'persons', i: number): string[] {
  const head = `${list}.#.`;
  const keys: readonly string[] = Object.keys(messages('en').fields);
  return keys.filter((k) => k.startsWith(head) && !k.includes('identifiers')).map((k) => k.replace('#', String(i)));
}

function reviewLists(t: Messages, values: Record<string, string>, list: 'online' | 'children' | 'persons'): SafeHtml[] {
  return range(countOf(values, list)).map((i) => {
    const own = rows(t, values, itemPaths(list, i));
    const identifiers: Row[] =
      list !== 'persons'
        ? []
        : range(countOf(values, `persons.${i}.identifiers`)).flatMap((j) => {
            const kind = values[`persons.${i}.identifiers.${j}.kind`];
            const value = values[`persons.${i}.identifiers.${j}.value`] ?? '';
            const label = cap(numbered(t.groups.identifiers, j));
            return [[label, kind ? `${shown(t, 'persons.#.identifiers.#.kind', kind)}: ${value}` : value] as Row];
          });
    return html`<h4 class="margin-bottom-1">${numbered(t.groups[list], i)}</h4>${dl([...own, ...identifiers])}`;
  });
}

function reviewSection(lang: Lang, step: AnswerStep, values: Record<string, string>): SafeHtml {
  const t = messages(lang);
  const flat = (prefix: string) => Object.keys(t.fields).filter((k) => k.startsWith(prefix) && !k.includes('#'));
  let content: SafeHtml[];
  switch (step) {
    case 'what':
      content = [dl(rows(t, values, flat('incident.')))];
      break;
    case 'where':
      content = [dl(rows(t, values, flat('location.'))), ...reviewLists(t, values, 'online')];
      break;
    case 'children':
      content = reviewLists(t, values, 'children');
      break;
    case 'persons':
      content = reviewLists(t, values, 'persons');
      break;
    case 'you': {
      // Shown as it will be sent: no choice and no contact details means anonymous.
      const contact = ['reporter.name', 'reporter.email', 'reporter.phone', 'reporter.relationship'].some(
        (k) => values[k] !== undefined,
      );
      const effective = { 'reporter.anonymous': contact ? 'no' : 'yes', ...values };
      content = [dl(rows(t, effective, [...flat('reporter.'), 'additionalInfo']))];
      break;
    }
  }
  const answered = step === 'you' || Object.keys(values).some((k) => isAnswerField(k) && stepOfPath(k) === step);
  const body = answered ? content : [html`<p class="text-base-dark">${t.report.reviewEmpty}</p>`];
  return html`<section class="margin-top-4 padding-top-2 border-top-1px border-base-lighter" aria-labelledby="review-${step}">
<h3 class="margin-y-0" id="review-${step}">${t.report.steps[step]}</h3>
${body}
<button class="usa-button usa-button--unstyled" type="submit" name="action" value="goto-${step}">${t.report.change}<span class="usa-sr-only">: ${t.report.steps[step]}</span></button>
</section>`;
}

// ---- page ---------------------------------------------------------------------------------

/** Every answer not shown as a control on this page travels on in a hidden input. */
function carried(values: Record<string, string>, step: StepId): SafeHtml[] {
  return Object.entries(values)
    .filter(([key]) => isAnswerField(key) && (step === 'review' || stepOfPath(key) !== step))
    .map(([key, value]) => html`<input type="hidden" name="${key}" value="${value}">`);
}

function intro(t: Messages, d: Deployment): SafeHtml {
  const mark = html`<abbr title="${t.report.requiredAbbr}" class="usa-hint usa-hint--required">*</abbr>`;
  return html`<p class="font-sans-md">${format(t.report.intro, { org: d.orgName })}</p>
<p>${t.report.noProof}</p>
<p>${t.report.anonymousNote}</p>
<p>${format(t.report.requiredNote, { mark })}</p>`;
}

function buttons(t: Messages, step: StepId): SafeHtml {
  const back =
    step === 'what'
      ? html``
      : html`<li class="usa-button-group__item"><button class="usa-button usa-button--outline" type="submit" name="action" value="back">${t.report.back}</button></li>`;
  const main =
    step === 'review'
      ? html`<button class="usa-button usa-button--big" type="submit" name="action" value="send">${t.report.submit}</button>`
      : html`<button class="usa-button" type="submit" name="action" value="next">${t.report.next}</button>`;
  return html`<ul class="usa-button-group margin-top-4">
<li class="usa-button-group__item">${main}</li>
${back}
</ul>`;
}

function stepContent(input: ReportStepInput, s: FormState, t: Messages): SafeHtml[] {
  switch (input.step) {
    case 'what':
      return whatStep(s, t);
    case 'where':
      return whereStep(s, t, input.adding);
    case 'children':
      return childrenStep(s, t, input.adding);
    case 'persons':
      return personsStep(s, t, input.adding);
    case 'you':
      return youStep(s, t, input.deployment);
    case 'review':
      return [
        html`<p>${t.report.reviewIntro}</p>`,
        ...STEPS.filter((x): x is AnswerStep => x !== 'review').map((x) => reviewSection(input.lang, x, input.values)),
      ];
  }
}

function reportBody(input: ReportStepInput): SafeHtml {
  const { lang, deployment: d, step } = input;
  const t = messages(lang);
  const s: FormState = { lang, values: input.values, errors: firstErrors(input.errors) };
  // Pressing Enter in a text box uses the form's first submit button: make that "Continue",
  // not "Add another", and keep it out of reach of the keyboard and screen readers otherwise.
  const enterKey =
    step === 'review'
      ? html``
      : html`<button class="usa-sr-only" type="submit" name="action" value="next" tabindex="-1" aria-hidden="true">${t.report.next}</button>`;
  return html`<div class="grid-row"><div class="grid-col-12 tablet-lg:grid-col-10 desktop:grid-col-8">
<h1>${t.report.title}</h1>
${stepIndicator(lang, step)}
${errorSummary(lang, input.errors)}
<div class="usa-alert usa-alert--warning usa-alert--slim margin-bottom-3">
<div class="usa-alert__body"><p class="usa-alert__text">${format(t.report.emergencyNote, { number: emergencyLink(d) })}</p></div>
</div>
${step === 'what' ? intro(t, d) : ''}
<form id="report-form" class="usa-form usa-form--large" method="post" action="${withLang('/report', lang)}" novalidate>
${enterKey}
<input type="hidden" name="submissionToken" value="${input.submissionToken}">
<input type="hidden" name="step" value="${step}">
${input.fromReview && step !== 'review' ? html`<input type="hidden" name="from" value="review">` : ''}
${carried(input.values, step)}
${stepContent(input, s, t)}
${step === 'review' ? html`<p class="margin-top-4">${t.report.privacy}</p>` : html`<p class="margin-top-4 text-base-dark">${t.report.saveNote}</p>`}
${buttons(t, step)}
</form>
</div></div>`;
}

export function renderReportStep(input: ReportStepInput): string {
  const t = messages(input.lang).report;
  const prefix = input.errors.length > 0 ? t.errorTitlePrefix : '';
  return renderPage({
    lang: input.lang,
    deployment: input.deployment,
    title: `${prefix}${t.steps[input.step]} – ${t.title}`,
    path: '/report',
    body: reportBody(input),
    // Switching language starts the form again, so it is offered only before anything is written.
    languageSwitch: !Object.keys(input.values).some(isAnswerField),
  });
}

/** A phone may wrap the reference only after a hyphen, never inside a number ("BCN-2026-" / "000123"). */
function breakableAtHyphens(reference: string): SafeHtml[] {
  return reference.split('-').map((part, i, all) => (i < all.length - 1 ? html`${part}-<wbr>` : html`${part}`));
}

function receivedBody({ lang, deployment: d, reference }: ReportReceivedInput): SafeHtml {
  const t = messages(lang).received;
  const next = t.next.map((line) => html`<li>${format(line, { org: d.orgName })}</li>`);
  return html`<div class="usa-prose">
<h1>${t.heading}</h1>
<div class="usa-alert usa-alert--success">
<div class="usa-alert__body">
<h2 class="usa-alert__heading">${t.referenceLabel}</h2>
<p class="usa-alert__text"><strong class="report-reference font-mono-xl" data-reference="${reference}">${breakableAtHyphens(reference)}</strong></p>
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
