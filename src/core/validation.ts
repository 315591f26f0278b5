import type { z } from 'zod';
import type { Lang } from './deployment.ts';
import type { FieldError } from './result.ts';

type Problem =
  | 'required'
  | 'wrong_type'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_big'
  | 'not_integer'
  | 'not_one_of'
  | 'email'
  | 'date_format'
  | 'date_invalid'
  | 'date_future'
  | 'zip_format'
  | 'phone_format'
  | 'anonymous_with_contact'
  | 'not_actionable'
  | 'invalid';

const MESSAGES: Record<Lang, Record<Problem, (n?: number | string) => string>> = {
  en: {
    required: () => 'is required',
    wrong_type: (t) =>
      `must be ${t === 'number' ? 'a number' : t === 'boolean' ? 'true or false' : t === 'array' ? 'a list' : t === 'object' ? 'an object' : 'text'}`,
    too_short: (n) => `must be at least ${n} characters long`,
    too_long: (n) => `must be at most ${n} characters long`,
    too_small: (n) => `must be ${n} or more`,
    too_big: (n) => `must be ${n} or less`,
    not_integer: () => 'must be a whole number',
    not_one_of: () => 'is not one of the choices offered',
    email: () => 'must be an email address, like name@example.com',
    date_format: () => 'must be a date written as year-month-day, like 2026-01-31',
    date_invalid: () => 'is not a real date',
    date_future: () => 'cannot be in the future',
    zip_format: () => 'must be a 5-digit ZIP code, like 74103',
    phone_format: () => 'must be a phone number using digits, spaces, +, -, ( or )',
    anonymous_with_contact: () => 'must be left empty when you choose to stay anonymous',
    not_actionable: () =>
      'tell us at least one more thing we can act on: where it happened, an online name, number or address, or what the child looks like',
    invalid: () => 'is not valid',
  },
  es: {
    required: () => 'es obligatorio',
    wrong_type: (t) =>
      `debe ser ${t === 'number' ? 'un número' : t === 'boolean' ? 'verdadero o falso' : t === 'array' ? 'una lista' : t === 'object' ? 'un objeto' : 'texto'}`,
    too_short: (n) => `debe tener al menos ${n} caracteres`,
    too_long: (n) => `debe tener como máximo ${n} caracteres`,
    too_small: (n) => `debe ser ${n} o más`,
    too_big: (n) => `debe ser ${n} o menos`,
    not_integer: () => 'debe ser un número entero',
    not_one_of: () => 'no es una de las opciones ofrecidas',
    email: () => 'debe ser una dirección de correo, como nombre@ejemplo.com',
    date_format: () => 'debe ser una fecha en formato año-mes-día, como 2026-01-31',
    date_invalid: () => 'no es una fecha real',
    date_future: () => 'no puede ser una fecha futura',
    zip_format: () => 'debe ser un código postal de 5 dígitos, como 74103',
    phone_format: () => 'debe ser un número de teléfono con dígitos, espacios, +, -, ( o )',
    anonymous_with_contact: () => 'debe quedar vacío si decide permanecer en el anonimato',
    not_actionable: () =>
      'díganos al menos algo más con lo que podamos actuar: dónde ocurrió, un nombre de usuario, número o dirección en línea, o cómo es el niño o la niña',
    invalid: () => 'no es válido',
  },
};

const CUSTOM = new Set<Problem>([
  'date_format',
  'date_invalid',
  'date_future',
  'zip_format',
  'phone_format',
  'anonymous_with_contact',
  'not_actionable',
]);

function problemOf(issue: z.core.$ZodIssue): [Problem, (number | string)?] {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return ['required'];
      if (issue.expected === 'int') return ['not_integer'];
      return ['wrong_type', issue.expected];
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? ['required'] : ['too_short', Number(issue.minimum)];
      return ['too_small', Number(issue.minimum)];
    case 'too_big':
      return issue.origin === 'string' ? ['too_long', Number(issue.maximum)] : ['too_big', Number(issue.maximum)];
    case 'invalid_value':
      return issue.input === undefined || issue.input === null || issue.input === '' ? ['required'] : ['not_one_of'];
    case 'invalid_format':
      if (CUSTOM.has(issue.message as Problem)) return [issue.message as Problem];
      return issue.format === 'email' ? ['email'] : ['invalid'];
    default:
      return CUSTOM.has(issue.message as Problem) ? [issue.message as Problem] : ['invalid'];
  }
}

/** Turns schema issues into field errors a person can act on, in their language. Never echoes the input. */
export function fieldErrors(error: z.ZodError, lang: Lang): FieldError[] {
  return error.issues.map((issue) => {
    const [problem, arg] = problemOf(issue);
    return { path: issue.path.map(String).join('.') || '(body)', message: MESSAGES[lang][problem](arg) };
  });
}
