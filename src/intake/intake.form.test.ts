import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../core/validation.ts';
import { formToReport } from './intake.form.ts';
import { reportInputSchema } from './intake.schema.ts';

describe('formToReport', () => {
  it('builds the shared model from the no-JavaScript form, leaving out empty fields', () => {
    const report = formToReport({
      'incident.type': 'child_sex_trafficking',
      'incident.description': 'A boy of about 14 sleeps in a car behind the truck stop.',
      'location.city': 'Reno', 'location.state': 'NV', 'location.zip': '',
      'children.0.approximateAge': '14', 'children.0.gender': 'male',
      'reporter.anonymous': 'yes',
    });
    expect(report).toEqual({
      incident: { type: 'child_sex_trafficking', description: 'A boy of about 14 sleeps in a car behind the truck stop.' },
      location: { city: 'Reno', state: 'NV' },
      children: [{ gender: 'male', approximateAge: 14 }],
      reporter: { anonymous: true, consentToContact: false },
    });
    expect(reportInputSchema.safeParse(report).success).toBe(true);
  });

  it('keeps a non-numeric age as text so validation can say what is wrong', () => {
    const parsed = reportInputSchema.safeParse(formToReport({ 'incident.description': 'Something worrying happened here.', 'children.0.approximateAge': 'fifteen' }), { reportInput: true });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!, 'en')).toEqual([{ path: 'children.0.approximateAge', message: 'must be a number' }]);
  });

  it('treats a named reporter who did not choose as not anonymous', () => {
    expect(formToReport({ 'incident.description': 'x'.repeat(20), 'reporter.email': 'a@example.org', 'reporter.consentToContact': 'yes' })).toMatchObject({
      reporter: { anonymous: false, email: 'a@example.org', consentToContact: true },
    });
  });
});

describe('fieldErrors', () => {
  it('names the field and the problem in the reader’s language, without echoing the input', () => {
    const parsed = reportInputSchema.safeParse({ incident: { description: 5 }, location: { zip: 'SECRET-ZIP' } }, { reportInput: true });
    const en = fieldErrors(parsed.error!, 'en');
    const es = fieldErrors(parsed.error!, 'es');
    expect(en).toContainEqual({ path: 'incident.description', message: 'must be text' });
    expect(es).toContainEqual({ path: 'incident.description', message: 'debe ser texto' });
    expect(en).toContainEqual({ path: 'location.zip', message: 'must be a 5-digit ZIP code, like 74103' });
    expect(JSON.stringify(en)).not.toContain('SECRET');
  });

  it('says a missing description is required', () => {
    const parsed = reportInputSchema.safeParse({ incident: {} }, { reportInput: true });
    expect(fieldErrors(parsed.error!, 'en')).toEqual([{ path: 'incident.description', message: 'is required' }]);
  });

  it('refuses contact details from someone who chose to stay anonymous', () => {
    const parsed = reportInputSchema.safeParse({ incident: { description: 'x'.repeat(20) }, location: { state: 'OK' }, reporter: { anonymous: true, email: 'a@example.org' } }, { reportInput: true });
    expect(fieldErrors(parsed.error!, 'en')).toEqual([{ path: 'reporter.email', message: 'must be left empty when you choose to stay anonymous' }]);
  });
});

describe('actionable tips', () => {
  const description = 'Something worrying that I saw happen more than once.';
  it('needs more than a description: a place, an identifier or a child description', () => {
    const bare = reportInputSchema.safeParse({ incident: { description } }, { reportInput: true });
    expect(fieldErrors(bare.error!, 'en')[0]).toMatchObject({ path: 'location' });
    for (const extra of [
      { location: { details: 'the motel by the river' } },
      { online: [{ kind: 'social_platform', platform: 'Example', identifier: '@someone_test' }] },
      { persons: [{ role: 'trafficker', identifiers: [{ kind: 'phone', value: '555 0100' }] }] },
      { persons: [{ role: 'buyer', vehicle: { plate: 'TEST123' } }] },
      { children: [{ description: 'about 14, red backpack' }] },
    ]) {
      expect(reportInputSchema.safeParse({ incident: { description }, ...extra }).success, JSON.stringify(extra)).toBe(true);
    }
  });
});
