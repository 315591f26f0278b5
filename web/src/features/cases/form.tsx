import { Alert, AlertHeading } from '@trussworks/react-uswds';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type FieldError } from '../../api/client';
import { errorText } from '../../components/errors';
import { StaleError } from './api';

export type Submit = {
  busy: boolean;
  errors: FieldError[];
  /** A message not tied to a field (e.g. the server could not be reached). */
  message: string | null;
  stale: StaleError<unknown> | null;
  run: (action: () => Promise<void>) => Promise<boolean>;
  errorFor: (path: string) => string | null;
  fail: (errors: FieldError[]) => void;
};

/** Runs a form's action once at a time and keeps the server's answer: field errors, a message, or a stale version. */
export function useSubmit(known: Readonly<Record<string, string>> = {}): Submit {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [stale, setStale] = useState<StaleError<unknown> | null>(null);
  const busyRef = useRef(false);
  const run = useCallback(
    async (action: () => Promise<void>): Promise<boolean> => {
      if (busyRef.current) return false;
      busyRef.current = true;
      setBusy(true);
      setErrors([]);
      setMessage(null);
      setStale(null);
      try {
        await action();
        return true;
      } catch (error) {
        if (error instanceof StaleError) setStale(error);
        else if (error instanceof ApiError && error.fieldErrors.length > 0) setErrors([...error.fieldErrors]);
        else setMessage(errorText(error, known));
        return false;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [known],
  );
  const errorFor = useCallback((path: string) => errors.find((e) => e.path === path)?.message ?? null, [errors]);
  return { busy, errors, message, stale, run, errorFor, fail: setErrors };
}

/** The errors of a form, each a link to its field; takes focus when it appears. */
export function ErrorSummary({
  heading,
  errors,
  idFor,
  labelFor,
}: {
  heading: string;
  errors: readonly FieldError[];
  idFor: (path: string) => string;
  labelFor: (path: string) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="margin-y-2">
      <Alert type="error" role="alert">
        <AlertHeading level="h2">{heading}</AlertHeading>
        <ul className="usa-list">
          {errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <a className="usa-link" href={`#${idFor(e.path)}`}>
                {labelFor(e.path)}: {e.message}
              </a>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}

export { DateTimeField, SelectField, TextAreaField, TextField } from '../../components/fields';

/** Leaves out empty strings, so optional fields the person left blank are not sent. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;
}
