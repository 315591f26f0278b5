import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../core/validation.ts';
import { compactGroups, formToReport, formValues, isAnswerField, MAX_VALUE_LENGTH } from './intake.form.ts';
import { reportInputSchema } from './intake.schema.ts';

describe('formToReport', () => {
  it('builds the shared model from the no-JavaScript form, leaving out empty fields', () => {
    const report = formToReport({
      'incident.type': 'child_sex_trafficking',
      'incident.description': 'A boy of about 14 sleeps in a car behind the truck stop.',
      'location.city': 'Reno',
      'location.state': 'NV',
      'location.zip': '',
      'children.0.approximateAge': '14',
      'children.0.gender': 'male',
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
    const parsed = reportInputSchema.safeParse(
      formToReport({ 'incident.description': 'Something worrying happened here.', 'children.0.approximateAge': 'fifteen' }),
      { reportInput: true },
    );
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!, 'en')).toEqual([{ path: 'children.0.approximateAge', message: 'must be a number' }]);
  });

  it('treats a named reporter who did not choose as not anonymous', () => {
    expect(
      formToReport({
        'incident.description': 'x'.repeat(20),
        'reporter.email': 'a@example.org',
        'reporter.consentToContact': 'yes',
      }),
    ).toMatchObject({
      reporter: { anonymous: false, email: 'a@example.org', consentToContact: true },
    });
  });
});

describe('fieldErrors', () => {
  it('names the field and the problem in the reader’s language, without echoing the input', () => {
    const parsed = reportInputSchema.safeParse(
      { incident: { description: 5 }, location: { zip: 'SECRET-ZIP' } },
      { reportInput: true },
    );
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
    const parsed = reportInputSchema.safeParse(
      {
        incident: { description: 'x'.repeat(20) },
        location: { state: 'OK' },
        reporter: { anonymous: true, email: 'a@example.org' },
      },
      { reportInput: true },
    );
    expect(fieldErrors(parsed.error!, 'en')).toEqual([
      { path: 'reporter.email', message: 'must be left empty when you choose to stay anonymous' },
    ]);
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

describe('the step-by-step form', () => {
  const description = 'Something worrying that I saw happen more than once.';

  it('maps lists by position: online places, children, persons with identifiers and a vehicle', () => {
    const report = formToReport({
      'incident.description': description,
      'incident.escalationReason': 'Leaving town on Friday',
      'online.0.kind': 'chat',
      'online.0.identifier': 'synthetic_user_1',
      'online.0.platform': 'ExampleChat',
      'online.1.kind': 'email',
      'online.1.identifier': 'someone@example.org',
      'children.0.description': 'Red backpack',
      'children.0.missing': 'yes',
      'children.0.gender': 'transgender',
      'children.1.approximateAge': '12',
      'children.1.missing': 'no',
      'children.1.school': 'Example Middle',
      'persons.0.role': 'trafficker',
      'persons.0.approximateAge': '35',
      'persons.0.identifiers.0.kind': 'phone',
      'persons.0.identifiers.0.value': '555 0100',
      'persons.0.identifiers.1.kind': 'username',
      'persons.0.identifiers.1.value': 'handle_x',
      'persons.0.vehicle.plate': 'TEST123',
      'persons.0.vehicle.plateState': 'OK',
      'persons.0.vehicle.colour': 'Blue',
      'persons.1.role': 'buyer',
      'persons.1.name': 'Second',
      additionalInfo: 'More to say.',
    });
    expect(report).toEqual({
      incident: { description, escalationReason: 'Leaving town on Friday' },
      online: [
        { kind: 'chat', platform: 'ExampleChat', identifier: 'synthetic_user_1' },
        { kind: 'email', identifier: 'someone@example.org' },
      ],
      children: [
        { description: 'Red backpack', gender: 'transgender', missing: true },
        { approximateAge: 12, missing: false, school: 'Example Middle' },
      ],
      persons: [
        {
          role: 'trafficker',
          approximateAge: 35,
          identifiers: [
            { kind: 'phone', value: '555 0100' },
            { kind: 'username', value: 'handle_x' },
          ],
          vehicle: { colour: 'Blue', plate: 'TEST123', plateState: 'OK' },
        },
        { role: 'buyer', name: 'Second' },
      ],
      reporter: { anonymous: true, consentToContact: false },
      additionalInfo: 'More to say.',
    });
    expect(reportInputSchema.safeParse(report).success).toBe(true);
  });

  it('leaves out blank items and renumbers the rest, so error paths name the controls shown again', () => {
    const values = compactGroups({
      'incident.description': description,
      'persons.0.name': '  ',
      'persons.0.identifiers.0.value': ' ',
      'persons.3.description': 'Third person, really the first',
      'persons.3.identifiers.2.value': 'x',
      'persons.3.identifiers.2.kind': 'nonsense',
      'children.1.missing': 'unknown',
      'online.4.identifier': '@someone',
    });
    expect(values).toEqual({
      'incident.description': description,
      'persons.0.description': 'Third person, really the first',
      'persons.0.identifiers.0.value': 'x',
      'persons.0.identifiers.0.kind': 'nonsense',
      'online.0.identifier': '@someone',
    });
    const parsed = reportInputSchema.safeParse(formToReport(values), { reportInput: true });
    expect(
      fieldErrors(parsed.error!, 'en')
        .map((e) => e.path)
        .sort(),
    ).toEqual(['online.0.kind', 'persons.0.identifiers.0.kind']);
  });

  it('says "I don’t know" about a missing child by leaving it out, and refuses anything else', () => {
    expect(
      formToReport({ 'incident.description': description, 'children.0.name': 'K', 'children.0.missing': 'unknown' }),
    ).toMatchObject({ children: [{ name: 'K' }] });
    const parsed = reportInputSchema.safeParse(
      formToReport({ 'incident.description': description, 'children.0.name': 'K', 'children.0.missing': 'perhaps' }),
      { reportInput: true },
    );
    expect(fieldErrors(parsed.error!, 'en')).toEqual([{ path: 'children.0.missing', message: 'must be true or false' }]);
  });

  it('keeps a non-numeric age of a person as text so validation can name it', () => {
    const parsed = reportInputSchema.safeParse(
      formToReport({ 'incident.description': description, 'persons.0.approximateAge': 'forty' }),
      { reportInput: true },
    );
    expect(fieldErrors(parsed.error!, 'en')).toContainEqual({ path: 'persons.0.approximateAge', message: 'must be a number' });
  });
});

describe('formValues', () => {
  it('keeps only the form’s own fields, the first of repeated ones, and no blanks', () => {
    expect(
      formValues({
        'incident.description': ['first', 'second'],
        'persons.0.identifiers.19.value': 'kept',
        'persons.0.identifiers.20.value': 'past the schema’s limit',
        'persons.01.name': 'leading zero',
        'children.0.favouriteColour': 'not a field',
        'incident.__proto__': 'x',
        'online.49.identifier': 'kept',
        'online.50.identifier': 'dropped',
        'reporter.name': '   ',
        step: 'where',
        action: 'next',
        submissionToken: 'tok',
        somethingElse: 'dropped',
        'persons.2.vehicle.plate': 'kept',
        'persons.2.vehicle.wheels': 'dropped',
        additionalInfo: 'kept',
      }),
    ).toEqual({
      'incident.description': 'first',
      'persons.0.identifiers.19.value': 'kept',
      'online.49.identifier': 'kept',
      step: 'where',
      action: 'next',
      submissionToken: 'tok',
      'persons.2.vehicle.plate': 'kept',
      additionalInfo: 'kept',
    });
  });

  it('cuts a huge value just past the longest field the model accepts, so it is still refused', () => {
    const values = formValues({ 'location.city': 'x'.repeat(500_000) });
    expect(values['location.city']).toHaveLength(MAX_VALUE_LENGTH);
    expect(isAnswerField('location.city')).toBe(true);
    const parsed = reportInputSchema.safeParse(formToReport({ ...values, 'incident.description': 'y'.repeat(20_001) }), {
      reportInput: true,
    });
    expect(
      fieldErrors(parsed.error!, 'en')
        .map((e) => e.path)
        .sort(),
    ).toEqual(['incident.description', 'location.city']);
  });
});
