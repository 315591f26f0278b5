/** Expected outcomes of a use case, as data rather than exceptions. */
export type Invalid = { kind: 'invalid'; errors: FieldError[] };

export interface FieldError {
  path: string;
  message: string;
}
