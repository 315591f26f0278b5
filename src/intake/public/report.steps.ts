import type { Lang } from '../../core/deployment.ts';
import type { FieldError } from '../../core/result.ts';
import { fieldErrors } from '../../core/validation.ts';
import { formToReport, type FormValues } from '../intake.form.ts';
import { reportInputSchema } from '../intake.schema.ts';

/** The public form's steps, in order. Each is one page and one POST; nothing is kept on the server in between. */
export const STEPS = ['what', 'where', 'children', 'persons', 'you', 'review'] as const;
export type StepId = (typeof STEPS)[number];
export type AnswerStep = Exclude<StepId, 'review'>;

/** How many items of a list the form offers at most; the API accepts more. */
export const SHOWN_LIMIT = 5;

/** "Add another" asks for one more blank item in a list. */
export type Adding = { list: 'online' | 'children' | 'persons' } | { list: 'identifiers'; person: number };

export type Move =
  { kind: 'show'; step: StepId; errors: FieldError[]; adding?: Adding | undefined; fromReview: boolean } | { kind: 'send' };

export function isStep(value: unknown): value is StepId {
  return typeof value === 'string' && (STEPS as readonly string[]).includes(value);
}

/** The step whose page holds the control for a path; paths outside the model land on the first step. */
export function stepOfPath(path: string): AnswerStep {
  switch (path.split('.')[0]) {
    case 'location':
    case 'online':
      return 'where';
    case 'children':
      return 'children';
    case 'persons':
      return 'persons';
    case 'reporter':
    case 'additionalInfo':
      return 'you';
    default:
      return 'what';
  }
}

export function validateAll(values: FormValues, lang: Lang): FieldError[] {
  const parsed = reportInputSchema.safeParse(formToReport(values), { reportInput: true });
  return parsed.success ? [] : fieldErrors(parsed.error, lang);
}

export function errorsOfStep(errors: readonly FieldError[], step: StepId): FieldError[] {
  return errors.filter((e) => stepOfPath(e.path) === step);
}

export function firstStepWithErrors(errors: readonly FieldError[]): AnswerStep {
  const steps = new Set(errors.map((e) => stepOfPath(e.path)));
  return STEPS.find((s): s is AnswerStep => steps.has(s as AnswerStep)) ?? 'what';
}

/** Everything is checked again before the review is shown, so the review never hides a problem. */
function toReview(values: FormValues, lang: Lang): Move {
  const errors = validateAll(values, lang);
  if (errors.length === 0) return { kind: 'show', step: 'review', errors: [], fromReview: false };
  const step = firstStepWithErrors(errors);
  return { kind: 'show', step, errors: errorsOfStep(errors, step), fromReview: true };
}

function neighbour(step: StepId, by: 1 | -1): StepId {
  return STEPS[Math.min(Math.max(STEPS.indexOf(step) + by, 0), STEPS.length - 1)]!;
}

function addingOf(action: string): Adding | undefined {
  if (action === 'add-online') return { list: 'online' };
  if (action === 'add-child') return { list: 'children' };
  if (action === 'add-person') return { list: 'persons' };
  const identifier = /^add-identifier-(\d{1,2})$/.exec(action);
  return identifier ? { list: 'identifiers', person: Number(identifier[1]) } : undefined;
}

/**
 * What a POST to /report asks for. A POST without a step (a client sending everything at once) or
 * with "send" is the final submission; everything else shows a step again or the next one.
 */
export function decide(values: FormValues, lang: Lang): Move {
  const step = isStep(values.step) ? values.step : undefined;
  const action = values.action ?? 'next';
  if (step === undefined || action === 'send') return { kind: 'send' };
  const fromReview = values.from === 'review';

  if (action === 'back') {
    return fromReview ? toReview(values, lang) : { kind: 'show', step: neighbour(step, -1), errors: [], fromReview: false };
  }
  const target = /^goto-(\w+)$/.exec(action)?.[1];
  if (isStep(target)) {
    return target === 'review'
      ? toReview(values, lang)
      : { kind: 'show', step: target, errors: [], fromReview: step === 'review' };
  }
  const adding = addingOf(action);
  if (adding) return { kind: 'show', step, errors: [], adding, fromReview };
  if (step === 'review') return toReview(values, lang);

  // The "not actionable" rule spans several steps, so it waits for the review.
  const errors = errorsOfStep(validateAll(values, lang), step).filter((e) => e.path !== 'location');
  if (errors.length > 0) return { kind: 'show', step, errors, fromReview };
  const next = neighbour(step, 1);
  return fromReview || next === 'review' ? toReview(values, lang) : { kind: 'show', step: next, errors: [], fromReview: false };
}
