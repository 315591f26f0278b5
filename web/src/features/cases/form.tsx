import { Alert, AlertHeading, ErrorMessage, FormGroup, Label, Select, Textarea } from '@trussworks/react-uswds';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, type FieldError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Field } from '../../components/Field';
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
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
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
  }, [known]);
  const errorFor = useCallback((path: string) => errors.find((e) => e.path === path)?.message ?? null, [errors]);
  return { busy, errors, message, stale, run, errorFor, fail: setErrors };
}

/** The errors of a form, each a link to its field; takes focus when it appears. */
export function ErrorSummary({ heading, errors, idFor, labelFor }: {
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

function describedBy(id: string, hint: string | undefined, error: string | null): string | undefined {
  const ids = [hint === undefined ? null : `${id}-hint`, error === null ? null : `${id}-error`].filter((v) => v !== null);
  return ids.length === 0 ? undefined : ids.join(' ');
}

function Labelled({ id, label, hint, error, children }: { id: string; label: string; hint?: string | undefined; error: string | null; children: ReactNode }) {
  return (
    <FormGroup error={error !== null}>
      <Label htmlFor={id} error={error !== null}>
        {label}
      </Label>
      {hint !== undefined && (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error !== null && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      {children}
    </FormGroup>
  );
}

type Common = { id: string; label: string; hint?: string; error?: string | null; value: string; onChange: (value: string) => void };

export function TextField({ id, label, hint, error = null, value, onChange, type = 'text', required }: Common & { type?: 'text' | 'number'; required?: boolean }) {
  return (
    <Field
      id={id}
      name={id}
      label={label}
      {...(hint === undefined ? {} : { hint })}
      error={error}
      type={type}
      autoComplete="off"
      value={value}
      required={required}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** A date and time in the viewer's time zone; the browser's own picker. */
export function DateTimeField({ id, label, hint, error = null, value, onChange, required, type = 'datetime-local' }: Common & { required?: boolean; type?: 'datetime-local' | 'date' }) {
  return (
    <Labelled id={id} label={label} hint={hint} error={error}>
      <input
        className={`usa-input${error === null ? '' : ' usa-input--error'}`}
        id={id}
        name={id}
        type={type}
        value={value}
        required={required}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error === null ? undefined : true}
        onChange={(e) => onChange(e.target.value)}
      />
    </Labelled>
  );
}

export function TextAreaField({ id, label, hint, error = null, value, onChange }: Common) {
  return (
    <Labelled id={id} label={label} hint={hint} error={error}>
      <Textarea
        id={id}
        name={id}
        value={value}
        error={error !== null}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error === null ? undefined : true}
        onChange={(e) => onChange(e.target.value)}
      />
    </Labelled>
  );
}

export function SelectField({ id, label, hint, error = null, value, onChange, options, empty = '- Select -', required }: Common & {
  options: Readonly<Record<string, string>>;
  empty?: string | null;
  required?: boolean;
}) {
  return (
    <Labelled id={id} label={label} hint={hint} error={error}>
      <Select
        id={id}
        name={id}
        value={value}
        required={required}
        validationStatus={error === null ? undefined : 'error'}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error === null ? undefined : true}
        onChange={(e) => onChange(e.target.value)}
      >
        {empty !== null && <option value="">{empty}</option>}
        {Object.entries(options).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </Select>
    </Labelled>
  );
}

/** Leaves out empty strings, so optional fields the person left blank are not sent. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;
}
