import { describe, expect, it } from 'vitest';
import type { Deployment, Lang } from '../../core/deployment.ts';
import { renderLearn } from './learn.page.ts';
import { renderReportReceived, renderReportStep, type FieldError } from './report.page.ts';
import { FIELD_KEYS, fieldLabel, format, text } from './public.text.ts';
import { STEPS, stepOfPath, type Adding, type StepId } from './report.steps.ts';
import { html } from '../../core/html.ts';

const deployment: Deployment = {
  orgName: 'Example State Clearinghouse',
  hotlineDisplay: '1-800-555-0100',
  hotlineTel: '+18005550100',
  emergencyNumber: '911',
  tiplineName: 'Example National Tipline',
  tiplineUrl: 'https://tipline.example.org',
  timeZone: 'America/Chicago',
  governmentBanner: true,
};

function step(
  lang: Lang,
  which: StepId,
  values: Record<string, string> = {},
  errors: FieldError[] = [],
  extra: { adding?: Adding; fromReview?: boolean } = {},
): string {
  return renderReportStep({ lang, deployment, step: which, values, errors, submissionToken: 'tok-123', ...extra });
}

function form(lang: Lang, values: Record<string, string> = {}, errors: FieldError[] = []): string {
  return step(lang, 'what', values, errors);
}

/** The opening tag of the element with this id. */
function tagWithId(page: string, id: string): string {
  const match = new RegExp(`<(input|textarea|select|button)[^>]*\\bid="${id}"[^>]*>`).exec(page);
  if (!match) throw new Error(`no control with id ${id}`);
  return match[0];
}

/** Names of the visible controls (not hidden inputs, not buttons). */
function visibleNames(page: string): string[] {
  const names = [...page.matchAll(/<(input|textarea|select)\b[^>]*>/g)]
    .filter((m) => !m[0].includes('type="hidden"'))
    .map((m) => /\bname="([^"]+)"/.exec(m[0])?.[1])
    .filter((n): n is string => n !== undefined);
  return [...new Set(names)];
}

function hiddenValue(page: string, name: string): string | undefined {
  const re = new RegExp(`<input type="hidden" name="${name.replaceAll('.', '\\.')}" value="([^"]*)">`);
  return re.exec(page)?.[1];
}

/** One answer for every field of the model, with two people and two identifiers. */
const everything: Record<string, string> = {
  'incident.type': 'online_enticement',
  'incident.description': 'Line one of what I saw.\nLine <two> & "three".',
  'incident.occurredOn': '2026-01-15',
  'incident.escalationReason': 'They said she leaves town on Friday.',
  'location.address': '100 Example Road',
  'location.city': 'Tulsa',
  'location.state': 'OK',
  'location.zip': '74103',
  'location.details': 'Room 12 at the motel by the river',
  'online.0.kind': 'social_platform',
  'online.0.platform': 'ExampleGram',
  'online.0.identifier': '@synthetic_handle',
  'online.0.details': 'Messages every night',
  'children.0.name': 'Kay',
  'children.0.description': 'Red backpack',
  'children.0.approximateAge': '15',
  'children.0.gender': 'nonbinary',
  'children.0.missing': 'yes',
  'children.0.school': 'Example High',
  'children.0.currentLocation': 'Unknown',
  'persons.0.role': 'trafficker',
  'persons.0.name': 'Tall man',
  'persons.0.description': 'Gray beard',
  'persons.0.approximateAge': '40',
  'persons.0.identifiers.0.kind': 'phone',
  'persons.0.identifiers.0.value': '555 0100',
  'persons.0.identifiers.1.kind': 'username',
  'persons.0.identifiers.1.value': '<script>alert(1)</script>',
  'persons.0.vehicle.make': 'Ford',
  'persons.0.vehicle.model': 'Explorer',
  'persons.0.vehicle.colour': 'Blue',
  'persons.0.vehicle.plate': 'TEST123',
  'persons.0.vehicle.plateState': 'TX',
  'persons.1.role': 'buyer',
  'persons.1.description': 'Drives a white van',
  'reporter.anonymous': 'no',
  'reporter.name': 'Sam Synthetic',
  'reporter.email': 'sam@example.org',
  'reporter.phone': '555 0199',
  'reporter.relationship': 'professional',
  'reporter.consentToContact': 'yes',
  additionalInfo: 'Nothing more.',
};

function allPages(): [string, string][] {
  const pages: [string, string][] = [];
  for (const lang of ['en', 'es'] as const) {
    for (const s of STEPS) pages.push([`step ${s} ${lang}`, step(lang, s, everything)]);
    pages.push([`form errors ${lang}`, form(lang, {}, [{ path: 'incident.description', message: 'x' }])]);
    pages.push([`received ${lang}`, renderReportReceived({ lang, deployment, reference: 'BCN-2026-000123' })]);
    pages.push([`learn ${lang}`, renderLearn({ lang, deployment })]);
  }
  return pages;
}

describe('public pages', () => {
  it.each(allPages())('%s has no scripts, inline styles or external assets', (_name, page) => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\sstyle=/i);
    expect(page).not.toMatch(/<style/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/(src|href)="https?:\/\/(?!tipline\.example\.org)/);
  });

  it.each(allPages())('%s is a complete, landmarked document', (_name, page) => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
    expect(page).toContain('href="/assets/uswds/css/uswds.min.css"');
    expect(page).toMatch(/<a class="usa-skipnav" href="#main-content">/);
    expect(page).toContain('<main id="main-content"');
    expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page).toContain('<footer');
    expect(page).toContain('href="tel:+18005550100"');
    expect(page).toContain('href="https://tipline.example.org"');
  });

  it('renders English by default and Spanish when asked', () => {
    const en = form('en');
    const es = form('es');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Send report');
    expect(es).toContain('<html lang="es">');
    expect(es).toContain('Enviar reporte');
    expect(es).toContain('llame al <a class="usa-link" href="tel:911">911</a>');
    expect(renderLearn({ lang: 'es', deployment })).toContain('Nunca es culpa del menor');
  });

  it('keeps Spanish in the form action and links, and offers the other language', () => {
    const es = form('es');
    expect(es).toContain('action="/report?lang=es"');
    expect(es).toContain('href="/learn?lang=es"');
    expect(es).toContain('href="/report?lang=en" lang="en" hreflang="en"');
    const en = form('en');
    expect(en).toContain('action="/report"');
    expect(en).toContain('href="/report?lang=es" lang="es" hreflang="es"');
  });

  it('marks the current page in the navigation', () => {
    expect(renderLearn({ lang: 'en', deployment })).toMatch(/href="\/learn" aria-current="page"/);
    expect(form('en')).toMatch(/href="\/report" aria-current="page"/);
  });

  it.each(STEPS.filter((s) => s !== 'review'))(
    'step %s shows its own fields as controls and carries every other answer hidden',
    (which) => {
      const page = step('en', which, everything);
      const visible = visibleNames(page);
      expect(visible.length).toBeGreaterThan(0);
      for (const name of visible) {
        expect(stepOfPath(name), name).toBe(which);
        expect(tagWithId(page, name.replaceAll('.', '-'))).toContain(`name="${name}"`);
        expect(hiddenValue(page, name), `${name} both visible and hidden`).toBeUndefined();
      }
      for (const [name, value] of Object.entries(everything)) {
        if (stepOfPath(name) === which) {
          expect(visible, name).toContain(name);
        } else {
          const escaped = value
            .replaceAll('&', '&amp;')
            .replaceAll('<', '&lt;')
            .replaceAll('>', '&gt;')
            .replaceAll('"', '&quot;');
          expect(hiddenValue(page, name), name).toBe(escaped);
        }
      }
      expect(hiddenValue(page, 'step')).toBe(which);
    },
  );

  it('offers a control for every field of the model on one step or another', () => {
    const names = STEPS.flatMap((s) => visibleNames(step('en', s, everything)));
    const keys = new Set(names.map((n) => n.replace(/\.\d+(?=\.|$)/g, '.#')));
    expect([...keys].sort()).toEqual([...FIELD_KEYS].sort());
  });

  it('marks the current step in the step indicator and counts the steps', () => {
    const page = step('en', 'children');
    const segments = [...page.matchAll(/<li class="(usa-step-indicator__segment[^"]*)"([^>]*)>/g)];
    expect(segments.map((m) => m[1])).toEqual([
      'usa-step-indicator__segment usa-step-indicator__segment--complete',
      'usa-step-indicator__segment usa-step-indicator__segment--complete',
      'usa-step-indicator__segment usa-step-indicator__segment--current',
      'usa-step-indicator__segment',
      'usa-step-indicator__segment',
      'usa-step-indicator__segment',
    ]);
    expect(segments.map((m) => m[2]!.includes('aria-current="step"'))).toEqual([false, false, true, false, false, false]);
    expect(page).toContain(
      '<span class="usa-step-indicator__current-step">3</span> <span class="usa-step-indicator__total-steps">of 6</span>',
    );
    expect(page).toContain('<span class="usa-step-indicator__heading-text">The child or children</span>');
    expect(page).toMatch(/What happened <span class="usa-sr-only">completed<\/span>/);
    expect(page).toMatch(/About you <span class="usa-sr-only">not completed<\/span>/);
    expect(step('es', 'what')).toContain(
      '<span class="usa-sr-only">Paso</span> <span class="usa-step-indicator__current-step">1</span> <span class="usa-step-indicator__total-steps">de 6</span>',
    );
  });

  it.each(allPages().filter(([name]) => name.startsWith('step')))('%s keeps the safety message', (_name, page) => {
    expect(page).toMatch(
      /(do not use this form: call|no use este formulario: llame al) <a class="usa-link" href="tel:911">911<\/a>/,
    );
    expect(page).toContain('usa-site-alert--emergency');
  });

  it('says plainly that the reporter may stay anonymous, in both languages', () => {
    expect(step('en', 'what')).toContain('You can stay anonymous');
    expect(step('en', 'you')).toContain('Yes, I want to stay anonymous');
    expect(step('es', 'what')).toContain('Puede permanecer en el anonimato');
    expect(step('es', 'you')).toContain('Sí, quiero permanecer en el anonimato');
  });

  it('makes "Continue" the first submit button, so Enter in a text box never adds or goes back', () => {
    for (const which of ['what', 'where', 'children', 'persons', 'you'] as const) {
      const first = /<button[^>]*type="submit"[^>]*>/.exec(step('en', which))?.[0];
      expect(first).toContain('value="next"');
      expect(first).toContain('tabindex="-1"');
      expect(first).toContain('aria-hidden="true"');
    }
    expect(step('en', 'what')).not.toContain('value="back"');
    expect(step('en', 'where')).toContain('name="action" value="back"');
  });

  it('shows one more blank item after "Add another", and stops at five', () => {
    const values = { 'persons.0.name': 'First person' };
    const plain = step('en', 'persons', values);
    expect(plain).toContain('name="persons.0.name"');
    expect(plain).not.toContain('name="persons.1.name"');
    const added = step('en', 'persons', values, [], { adding: { list: 'persons' } });
    expect(added).toContain('name="persons.1.name"');
    expect(added).toContain('<legend class="usa-legend text-bold">Person 2</legend>');
    const identifier = step('en', 'persons', values, [], { adding: { list: 'identifiers', person: 0 } });
    expect(identifier).toContain('name="persons.0.identifiers.1.value"');
    const five = Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`persons.${i}.name`, `P${i}`]));
    const full = step('en', 'persons', five, [], { adding: { list: 'persons' } });
    expect(full).not.toContain('name="persons.5.name"');
    expect(full).not.toContain('value="add-person"');
    expect(step('en', 'where', {}, [], { adding: { list: 'online' } })).toContain('name="online.1.identifier"');
    expect(step('en', 'children', {}, [], { adding: { list: 'children' } })).toContain('name="children.1.description"');
  });

  it('shows every answer on the review as escaped text, with a Change button for each step', () => {
    const page = step('en', 'review', everything);
    expect(visibleNames(page)).toEqual([]);
    for (const [name, value] of Object.entries(everything)) {
      const escaped = value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
      expect(hiddenValue(page, name), name).toBe(escaped);
    }
    const answers = [
      ...page.matchAll(/<dt class="text-bold">([^<]*)<\/dt><dd class="margin-left-0 review-answer">([^<]*)<\/dd>/g),
    ].map((m) => [m[1], m[2]]);
    expect(answers).toContainEqual([
      'What you saw or heard',
      'Line one of what I saw.\nLine &lt;two&gt; &amp; &quot;three&quot;.',
    ]);
    expect(answers).toContainEqual(['Type of concern', 'An adult using the internet to draw a child into sexual contact']);
    expect(answers).toContainEqual(['State or territory', 'Oklahoma']);
    expect(answers).toContainEqual(['Kind of place', 'A social media profile or post']);
    expect(answers).toContainEqual(['Gender', 'Nonbinary']);
    expect(answers).toContainEqual(['Is the child missing from home or care?', 'Yes']);
    expect(answers).toContainEqual(['Why you are worried about this person', 'They may be paying for sex with a child']);
    expect(answers).toContainEqual(['Identifier 2', 'Username or online name: &lt;script&gt;alert(1)&lt;/script&gt;']);
    expect(answers).toContainEqual(['State of the license plate', 'Texas']);
    expect(answers).toContainEqual(['Stay anonymous', 'No, you can know who I am']);
    expect(answers).toContainEqual(['Permission to contact you', 'Yes']);
    expect(answers).toContainEqual(['Anything else you want us to know', 'Nothing more.']);
    expect(page).toContain('<h4 class="margin-bottom-1">Person 2</h4>');
    for (const s of ['what', 'where', 'children', 'persons', 'you']) {
      expect(page).toContain(
        `<button class="usa-button usa-button--unstyled" type="submit" name="action" value="goto-${s}">Change<span class="usa-sr-only">: `,
      );
    }
    expect(page).toContain('name="action" value="send">Send report</button>');
    expect(page).not.toContain('<script>');
  });

  it('shows an anonymous reporter as anonymous on the review, and steps without answers as such', () => {
    const page = step('es', 'review', { 'incident.description': 'Algo que vi varias veces.', 'location.city': 'Tulsa' });
    expect(page).toContain(
      '<dt class="text-bold">Reporte anónimo</dt><dd class="margin-left-0 review-answer">Sí, quiero permanecer en el anonimato</dd>',
    );
    expect(page).toContain('Sin respuestas aquí.');
  });

  it('brings the person back to the review after a Change', () => {
    expect(hiddenValue(step('en', 'where', everything, [], { fromReview: true }), 'from')).toBe('review');
    expect(hiddenValue(step('en', 'where', everything), 'from')).toBeUndefined();
  });

  it('offers the language switch only before anything is written, since it starts again', () => {
    expect(form('en')).toContain('hreflang="es"');
    expect(form('en', { 'incident.description': 'Something I saw.' })).not.toContain('hreflang');
  });

  it('carries the submission token in a hidden input', () => {
    expect(form('en')).toContain('<input type="hidden" name="submissionToken" value="tok-123">');
  });

  it('escapes submitted values and keeps them', () => {
    const evil = '<script>alert("x")</script>';
    const values = {
      'incident.description': evil,
      'reporter.name': `"><img src=x onerror=alert(1)>`,
      'location.state': 'TX',
      'incident.type': 'online_enticement',
      'reporter.anonymous': 'no',
      'reporter.consentToContact': 'yes',
    };
    const page = form('en', values);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>');
    expect(page).toContain('<option value="online_enticement" selected>');
    expect(hiddenValue(page, 'reporter.name')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(step('en', 'where', values)).toContain('<option value="TX" selected>Texas</option>');
    const you = step('en', 'you', values);
    expect(hiddenValue(you, 'incident.description')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(you).not.toContain('<script>');
    expect(tagWithId(you, 'reporter-name')).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    const page2 = you;
    expect(tagWithId(page2, 'reporter-anonymous-no')).toContain('checked');
    expect(tagWithId(page2, 'reporter-anonymous')).not.toContain('checked');
    expect(tagWithId(page2, 'reporter-consentToContact')).toContain('checked');
  });

  it('selects child sex trafficking by default and leaves optional choices empty', () => {
    expect(form('en')).toContain('<option value="child_sex_trafficking" selected>');
    expect(step('en', 'where')).toMatch(/<select[^>]*id="location-state"[^>]*><option value="">/);
    expect(step('en', 'persons')).toMatch(/<select[^>]*id="persons-0-role"[^>]*><option value="">/);
    for (const which of ['children', 'you'] as const) expect(step('en', which)).not.toMatch(/type="radio"[^>]*checked/);
  });

  it('shows no error summary when there are no errors', () => {
    const page = form('en');
    expect(page).not.toContain('usa-alert--error');
    expect(page).not.toContain('aria-invalid');
    expect(page).toMatch(/<title>What happened – Report a concern/);
  });

  it('shows an error summary linking to each field in error, and marks the fields', () => {
    const errors = [
      { path: 'location.zip', message: 'Use 5 digits.' },
      { path: 'online.1.kind', message: 'Choose one.' },
      { path: 'location', message: 'Tell us one more thing.' },
    ];
    const page = step('en', 'where', { 'location.zip': '12', 'online.0.identifier': 'a', 'online.1.identifier': 'b' }, errors);
    expect(page).toMatch(/<title>Error: Where it happened – Report a concern/);
    expect(page).toMatch(/class="usa-alert usa-alert--error[^"]*" role="alert"/);
    expect(page).toContain('There is a problem');
    expect(page).toContain('href="#location-zip">ZIP code: Use 5 digits.</a>');
    expect(page).toContain('href="#online-1-kind">Online place 2: Kind of place: Choose one.</a>');
    expect(page).toContain('href="#location-address">Where it happened: Tell us one more thing.</a>');

    const zip = tagWithId(page, 'location-zip');
    expect(zip).toContain('aria-invalid="true"');
    expect(zip).toContain('usa-input--error');
    expect(zip).toContain('aria-describedby="location-zip-hint location-zip-error"');
    expect(zip).toContain('value="12"');
    expect(page).toContain('<span class="usa-error-message" id="location-zip-error">Use 5 digits.</span>');

    expect(tagWithId(page, 'online-1-kind')).toContain('aria-invalid="true"');
    expect(tagWithId(page, 'online-0-kind')).not.toContain('aria-invalid');
    expect(tagWithId(page, 'location-city')).not.toContain('aria-invalid');
    expect(page.match(/usa-form-group--error/g)).toHaveLength(2);

    const radio = step('en', 'children', { 'children.0.name': 'K' }, [{ path: 'children.0.missing', message: 'Choose one.' }]);
    expect(radio).toContain('href="#children-0-missing">Child 1: Is the child missing from home or care?: Choose one.</a>');
    expect(tagWithId(radio, 'children-0-missing')).toContain('aria-invalid="true"');
  });

  it('links errors on unknown paths to the form itself', () => {
    const page = form('es', {}, [{ path: '(body)', message: 'Revise.' }]);
    expect(page).toContain('<title>Error: Qué pasó – Reporte una preocupación');
    expect(page).toContain('href="#report-form">Su reporte: Revise.</a>');
  });

  it('shows the reference, the hotline and the emergency number after a report', () => {
    const page = renderReportReceived({ lang: 'en', deployment, reference: 'BCN-2026-000123' });
    expect(page).toContain('usa-alert--success');
    expect(page).toMatch(
      /<strong class="report-reference[^"]*" data-reference="BCN-2026-000123">BCN-<wbr>2026-<wbr>000123<\/strong>/,
    );
    expect(page).toContain('href="tel:911"');
    expect(page).toContain('Example State Clearinghouse');
    expect(page).not.toContain('hreflang');
  });

  it('escapes deployment configuration too', () => {
    const page = renderLearn({ lang: 'en', deployment: { ...deployment, orgName: 'A & B <Org>' } });
    expect(page).toContain('A &amp; B &lt;Org&gt;');
    expect(page).not.toContain('<Org>');
  });

  it('says the signs are not a checklist, in both languages', () => {
    expect(renderLearn({ lang: 'en', deployment })).toContain('not a checklist');
    expect(renderLearn({ lang: 'es', deployment })).toContain('no son una lista de verificación');
  });

  it('never uses stigmatising terms', () => {
    for (const page of [renderLearn({ lang: 'en', deployment }), form('en')]) {
      expect(page.toLowerCase()).not.toContain('prostitute');
    }
    expect(renderLearn({ lang: 'es', deployment }).toLowerCase()).not.toContain('prostitu');
  });
});

describe('public text', () => {
  it('labels every field in both languages, with its place in a list', () => {
    for (const key of FIELD_KEYS) {
      const path = key.replaceAll('#', '0');
      expect(fieldLabel('en', path)).toContain(text.en.fields[key]);
      expect(fieldLabel('es', path)).toContain(text.es.fields[key]);
      expect(text.es.fields[key]).not.toBe('');
      expect(key in text.es.hints && key in text.en.hints).toBe(true);
    }
    expect(fieldLabel('en', 'incident.description')).toBe('What you saw or heard');
    expect(fieldLabel('en', 'persons.0.identifiers.0.value')).toBe('Person 1, identifier 1: Number, address or username');
    expect(fieldLabel('es', 'persons.1.vehicle.plate')).toBe('Persona 2: Placa');
    expect(fieldLabel('en', 'children.2.approximateAge')).toBe('Child 3: Approximate age');
    expect(fieldLabel('en', 'online.0.identifier')).toBe('Online place 1: Address, username or number');
    expect(fieldLabel('en', 'location')).toBe('Where it happened');
    expect(fieldLabel('en', 'persons.0.identifiers')).toBe('Person 1: Ways to identify this person');
    expect(fieldLabel('en', 'nope')).toBe('Your report');
    expect(fieldLabel('en', 'persons.0.nope')).toBe('Your report');
  });

  it('fills placeholders, escaping text but not SafeHtml', () => {
    const out = format('Call {n} & {m}', { n: html`<b>1</b>`, m: '<i>' });
    expect(out.value).toBe('Call <b>1</b> &amp; &lt;i&gt;');
  });
});

describe('Public pages, small', () => {
  it('writes error messages as sentences, not "Online place 1: Kind of place: is required"', () => {
    const errors = [
      { path: 'online.0.kind', message: 'is required' },
      { path: 'location.zip', message: 'must be a 5-digit ZIP code, like 74103' },
      { path: 'location', message: 'tell us at least one more thing we can act on' },
    ];
    const page = step('en', 'where', { 'online.0.identifier': 'a' }, errors);
    expect(page).toContain('>Online place 1: Kind of place is required.</a>');
    expect(page).toContain('>ZIP code must be a 5-digit ZIP code, like 74103.</a>');
    expect(page).toContain('>Where it happened: Tell us at least one more thing we can act on.</a>');
    const es = step('es', 'where', { 'online.0.identifier': 'a' }, [{ path: 'online.0.kind', message: 'es obligatorio' }]);
    expect(es).toMatch(/>[^<]+ 1: [^<:]+ es obligatorio\.<\/a>/);
  });

  it('shows dates on the review step as people write them, in each language', () => {
    const values = {
      'incident.description': 'A synthetic account of what was seen at the bus station.',
      'incident.occurredOn': '2026-12-01',
    };
    const en = step('en', 'review', values);
    expect(en).toContain('December 1, 2026');
    expect(en).not.toContain('>2026-12-01<');
    const es = step('es', 'review', values);
    expect(es).toContain('1 de diciembre de 2026');
    expect(es).not.toContain('>2026-12-01<');
  });

  it('does not send the reader of the "About you" step to the "About you" step', () => {
    expect(step('en', 'you')).not.toContain('on the “About you” step');
    expect(step('es', 'you')).not.toContain('en el paso «Sobre usted»');
  });
});
