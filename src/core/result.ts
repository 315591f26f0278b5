/** Expected outcomes of a use case, as data rather than exceptions. */
export type Ok<T> = { kind: 'ok'; value: T };
export type NotFound = { kind: 'not_found' };
type Forbidden = { kind: 'forbidden' };
export type Invalid = { kind: 'invalid'; errors: FieldError[] };
type Conflict = { kind: 'conflict'; reason: string };

export interface FieldError {
  path: string;
  message: string;
}

const ok = <T>(value: T): Ok<T> => ({ kind: 'ok', value });
const notFound: NotFound = { kind: 'not_found' };
