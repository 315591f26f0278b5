import { Checkbox, ErrorMessage, FormGroup } from '@trussworks/react-uswds';
import { createContext, useContext } from 'react';
import { Field } from '../../components/Field';
import * as Controlled from '../../components/fields';
import { fieldId, getAt } from './model';

/** The report being edited, how to change it, and the server's errors by path. */
export type FormBinding = {
  report: unknown;
  set: (path: string, value: unknown) => void;
  errors: ReadonlyMap<string, string>;
};

export const FormContext = createContext<FormBinding | null>(null);

export function useFormBinding(): FormBinding {
  const binding = useContext(FormContext);
  if (binding === null) throw new Error('hotline fields need a FormContext');
  return binding;
}

function useBinding(path: string) {
  const binding = useFormBinding();
  return {
    id: fieldId(path),
    value: getAt(binding.report, path),
    set: (value: unknown) => binding.set(path, value),
    error: binding.errors.get(path) ?? null,
  };
}

type Common = { path: string; label: string; hint?: string };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function TextField({
  path,
  label,
  hint,
  type = 'text',
  autoComplete,
}: Common & { type?: 'text' | 'email' | 'tel'; autoComplete?: string }) {
  const b = useBinding(path);
  return (
    <Field
      id={b.id}
      name={b.id}
      label={label}
      {...(hint === undefined ? {} : { hint })}
      error={b.error}
      type={type}
      autoComplete={autoComplete ?? 'off'}
      value={text(b.value)}
      onChange={(e) => b.set(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}

export function NumberField({ path, label, hint, min, max }: Common & { min: number; max: number }) {
  const b = useBinding(path);
  return (
    <Field
      id={b.id}
      name={b.id}
      label={label}
      {...(hint === undefined ? {} : { hint })}
      error={b.error}
      type="number"
      min={min}
      max={max}
      step={1}
      inputSize="small"
      value={typeof b.value === 'number' ? String(b.value) : ''}
      onChange={(e) => {
        const n = e.target.valueAsNumber;
        if (e.target.value === '') b.set(undefined);
        else if (Number.isInteger(n) && n >= min && n <= max) b.set(n);
      }}
    />
  );
}

const orUnset = (value: string): string | undefined => (value === '' ? undefined : value);

export function TextAreaField({ path, label, hint }: Common) {
  const b = useBinding(path);
  return (
    <Controlled.TextAreaField
      id={b.id}
      label={label}
      {...(hint === undefined ? {} : { hint })}
      error={b.error}
      value={text(b.value)}
      onChange={(v) => b.set(orUnset(v))}
    />
  );
}

export function SelectField({ path, label, hint, options }: Common & { options: Readonly<Record<string, string>> }) {
  const b = useBinding(path);
  return (
    <Controlled.SelectField
      id={b.id}
      label={label}
      {...(hint === undefined ? {} : { hint })}
      error={b.error}
      value={text(b.value)}
      onChange={(v) => b.set(orUnset(v))}
      options={options}
    />
  );
}

export function CheckboxField({
  path,
  label,
  onChecked,
}: {
  path: string;
  label: string;
  onChecked?: (checked: boolean) => void;
}) {
  const b = useBinding(path);
  return (
    <FormGroup error={b.error !== null}>
      {b.error !== null && <ErrorMessage id={`${b.id}-error`}>{b.error}</ErrorMessage>}
      <Checkbox
        id={b.id}
        name={b.id}
        label={label}
        checked={b.value === true}
        aria-describedby={b.error === null ? undefined : `${b.id}-error`}
        onChange={(e) => {
          b.set(e.target.checked ? true : undefined);
          onChecked?.(e.target.checked);
        }}
      />
    </FormGroup>
  );
}
