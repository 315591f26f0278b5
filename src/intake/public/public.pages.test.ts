import { describe, expect, it } from 'vitest';
import type { Deployment, Lang } from '../../core/deployment.ts';
import { renderLearn } from './learn.page.ts';
import { renderReportForm, renderReportReceived, type FieldError } from './report.page.ts';
import { FIELD_PATHS, fieldLabel, format, text } from './public.text.ts';
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

function form(lang: Lang, values: Record<string, string> = {}, errors: FieldError[] = []): string {
  return renderReportForm({ lang, deployment, values, errors, submissionToken: 'tok-123' });
}

/** The opening tag of the element with this id. */
function tagWithId(page: string, id: string): string {
  const match = new RegExp(`<(input|textarea|select)[^>]*\\bid="${id}"[^>]*>`).exec(page);
  if (!match) throw new Error(`no control with id ${id}`);
  return match[0];
}

function allPages(): [string, string][] {
  const pages: [string, string][] = [];
  for (const lang of ['en', 'es'] as const) {
    pages.push([`form ${lang}`, form(lang)]);
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

  it('has a control for every field path, named by the path', () => {
    const page = form('en');
    for (const path of FIELD_PATHS) {
      expect(page).toContain(`name="${path}"`);
      expect(tagWithId(page, path.replaceAll('.', '-'))).toContain(`name="${path}"`);
    }
  });

  it('carries the submission token in a hidden input', () => {
    expect(form('en')).toContain('<input type="hidden" name="submissionToken" value="tok-123">');
  });

  it('escapes submitted values and keeps them', () => {
    const evil = '<script>alert("x")</script>';
    const page = form('en', {
      'incident.description': evil,
      'reporter.name': `"><img src=x onerror=alert(1)>`,
      'location.state': 'TX',
      'incident.type': 'online_enticement',
      'reporter.anonymous': 'no',
      'reporter.consentToContact': 'yes',
    });
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>');
    expect(tagWithId(page, 'reporter-name')).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(page).toContain('<option value="TX" selected>Texas</option>');
    expect(page).toContain('<option value="online_enticement" selected>');
    expect(tagWithId(page, 'reporter-anonymous-no')).toContain('checked');
    expect(tagWithId(page, 'reporter-anonymous')).not.toContain('checked');
    expect(tagWithId(page, 'reporter-consentToContact')).toContain('checked');
  });

  it('selects child sex trafficking by default and leaves optional choices empty', () => {
    const page = form('en');
    expect(page).toContain('<option value="child_sex_trafficking" selected>');
    expect(page).toMatch(/<select[^>]*id="location-state"[^>]*><option value="">/);
    expect(page).not.toMatch(/type="radio"[^>]*checked/);
  });

  it('shows no error summary when there are no errors', () => {
    const page = form('en');
    expect(page).not.toContain('usa-alert--error');
    expect(page).not.toContain('aria-invalid');
    expect(page).toMatch(/<title>Report a concern/);
  });

  it('shows an error summary linking to each field in error, and marks the fields', () => {
    const errors = [
      { path: 'incident.description', message: 'Please tell us a little more.' },
      { path: 'location.zip', message: 'Use 5 digits.' },
      { path: 'reporter.anonymous', message: 'Choose one.' },
    ];
    const page = form('en', { 'location.zip': '12' }, errors);
    expect(page).toMatch(/<title>Error: Report a concern/);
    expect(page).toMatch(/class="usa-alert usa-alert--error[^"]*" role="alert"/);
    expect(page).toContain('There is a problem');
    expect(page).toContain('href="#incident-description">What you saw or heard: Please tell us a little more.</a>');
    expect(page).toContain('href="#location-zip">ZIP code: Use 5 digits.</a>');
    expect(page).toContain('href="#reporter-anonymous">');

    const zip = tagWithId(page, 'location-zip');
    expect(zip).toContain('aria-invalid="true"');
    expect(zip).toContain('usa-input--error');
    expect(zip).toContain('aria-describedby="location-zip-hint location-zip-error"');
    expect(zip).toContain('value="12"');
    expect(page).toContain('<span class="usa-error-message" id="location-zip-error">Use 5 digits.</span>');

    const description = tagWithId(page, 'incident-description');
    expect(description).toContain('aria-invalid="true"');
    expect(tagWithId(page, 'location-city')).not.toContain('aria-invalid');
    expect(tagWithId(page, 'reporter-anonymous')).toContain('aria-invalid="true"');
    expect(page.match(/usa-form-group--error/g)).toHaveLength(3);
  });

  it('links errors on unknown paths to the form itself', () => {
    const page = form('es', {}, [{ path: 'reporter', message: 'Revise.' }]);
    expect(page).toContain('<title>Error: Reporte una preocupación');
    expect(page).toContain('href="#report-form">Su reporte: Revise.</a>');
  });

  it('shows the reference, the hotline and the emergency number after a report', () => {
    const page = renderReportReceived({ lang: 'en', deployment, reference: 'BCN-2026-000123' });
    expect(page).toContain('usa-alert--success');
    expect(page).toMatch(/<strong class="report-reference[^"]*" data-reference="BCN-2026-000123">BCN-2026-000123<\/strong>/);
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
  it('labels every field path in both languages', () => {
    for (const path of FIELD_PATHS) {
      expect(fieldLabel('en', path)).toBe(text.en.fields[path]);
      expect(fieldLabel('es', path)).not.toBe(fieldLabel('en', path));
    }
    expect(fieldLabel('en', 'nope')).toBe('Your report');
  });

  it('fills placeholders, escaping text but not SafeHtml', () => {
    const out = format('Call {n} & {m}', { n: html`<b>1</b>`, m: '<i>' });
    expect(out.value).toBe('Call <b>1</b> &amp; &lt;i&gt;');
  });
});
