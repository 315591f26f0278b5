import { ErrorMessage, FormGroup, Label, Select, Textarea } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { Field } from './Field';

/**
 * The staff app's USWDS form fields: a label, an optional hint and error tied to the input, and the
 * input itself. Controlled: the caller holds the value. (The hotline form binds them to its draft.)
 */

export function describedBy(id: string, hint: string | undefined, error: string | null): string | undefined {
  const ids = [hint === undefined ? null : `${id}-hint`, error === null ? null : `${id}-error`].filter((v) => v !== null);
  return ids.length === 0 ? undefined : ids.join(' ');
}

export function Labelled({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error: string | null;
  children: ReactNode;
}) {
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

type Common = {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange: (value: string) => void;
};

export function TextField({
  id,
  label,
  hint,
  error = null,
  value,
  onChange,
  type = 'text',
  required,
}: Common & { type?: 'text' | 'number'; required?: boolean }) {
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
export function DateTimeField({
  id,
  label,
  hint,
  error = null,
  value,
  onChange,
  required,
  type = 'datetime-local',
}: Common & { required?: boolean; type?: 'datetime-local' | 'date' }) {
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

export function SelectField({
  id,
  label,
  hint,
  error = null,
  value,
  onChange,
  options,
  empty = '- Select -',
  required,
  disabled,
}: Common & {
  options: Readonly<Record<string, string>>;
  empty?: string | null;
  required?: boolean;
  disabled?: boolean;
}) {
  return (
    <Labelled id={id} label={label} hint={hint} error={error}>
      <Select
        id={id}
        name={id}
        value={value}
        required={required}
        disabled={disabled}
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
