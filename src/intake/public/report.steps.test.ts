import { describe, expect, it } from 'vitest';
import { decide, firstStepWithErrors, stepOfPath, STEPS } from './report.steps.ts';

const description = 'A girl who looks about 15 is brought to the motel most nights.';
const valid = { 'incident.description': description, 'location.city': 'Tulsa' };

describe('moving through the public form', () => {
  it('treats a POST without a step, or "send", as the final submission', () => {
    expect(decide({ 'incident.description': 'short' }, 'en')).toEqual({ kind: 'send' });
    expect(decide({ ...valid, step: 'what', action: 'send' }, 'en')).toEqual({ kind: 'send' });
  });

  it('checks only the current step before moving on', () => {
    const stuck = decide({ step: 'what', action: 'next', 'location.zip': 'bad' }, 'en');
    expect(stuck).toMatchObject({ kind: 'show', step: 'what', fromReview: false });
    expect(stuck.kind === 'show' && stuck.errors).toEqual([{ path: 'incident.description', message: 'is required' }]);

    expect(decide({ step: 'what', action: 'next', 'incident.description': description }, 'en')).toEqual({
      kind: 'show',
      step: 'where',
      errors: [],
      fromReview: false,
    });
    const zip = decide({ step: 'where', 'incident.description': description, 'location.zip': 'bad' }, 'es');
    expect(zip.kind === 'show' && zip.errors).toEqual([
      { path: 'location.zip', message: 'debe ser un código postal de 5 dígitos, como 74103' },
    ]);
  });

  it('leaves the "something to act on" rule for the review, then sends the person to the place step', () => {
    const nothing = { 'incident.description': description };
    expect(decide({ ...nothing, step: 'where' }, 'en')).toMatchObject({ kind: 'show', step: 'children', errors: [] });
    const review = decide({ ...nothing, step: 'you' }, 'en');
    expect(review).toMatchObject({ kind: 'show', step: 'where', fromReview: true });
    expect(review.kind === 'show' && review.errors.map((e) => e.path)).toEqual(['location']);
    expect(decide({ ...valid, step: 'you' }, 'en')).toEqual({ kind: 'show', step: 'review', errors: [], fromReview: false });
  });

  it('goes back without checking, and "Change" returns to the review after the step', () => {
    expect(decide({ step: 'children', action: 'back', 'children.0.approximateAge': 'old' }, 'en')).toEqual({
      kind: 'show',
      step: 'where',
      errors: [],
      fromReview: false,
    });
    expect(decide({ ...valid, step: 'review', action: 'goto-persons' }, 'en')).toEqual({
      kind: 'show',
      step: 'persons',
      errors: [],
      fromReview: true,
    });
    expect(decide({ ...valid, step: 'persons', from: 'review' }, 'en')).toMatchObject({ step: 'review' });
    expect(decide({ ...valid, step: 'persons', from: 'review', action: 'back' }, 'en')).toMatchObject({ step: 'review' });
    expect(decide({ ...valid, step: 'what', action: 'goto-nowhere' }, 'en')).toMatchObject({ step: 'where' });
  });

  it('adds one more item on the same step without checking anything', () => {
    expect(decide({ step: 'persons', action: 'add-person' }, 'en')).toEqual({
      kind: 'show',
      step: 'persons',
      errors: [],
      adding: { list: 'persons' },
      fromReview: false,
    });
    expect(decide({ step: 'persons', action: 'add-identifier-2' }, 'en')).toMatchObject({
      adding: { list: 'identifiers', person: 2 },
    });
    expect(decide({ step: 'where', action: 'add-online' }, 'en')).toMatchObject({ adding: { list: 'online' } });
    expect(decide({ step: 'children', action: 'add-child' }, 'en')).toMatchObject({ adding: { list: 'children' } });
  });

  it('places every path on the step that shows it', () => {
    expect(STEPS).toHaveLength(6);
    expect(stepOfPath('persons.0.identifiers.1.value')).toBe('persons');
    expect(stepOfPath('online.2.kind')).toBe('where');
    expect(stepOfPath('additionalInfo')).toBe('you');
    expect(stepOfPath('(body)')).toBe('what');
    expect(
      firstStepWithErrors([
        { path: 'reporter.email', message: '' },
        { path: 'children.0.name', message: '' },
      ]),
    ).toBe('children');
  });
});
