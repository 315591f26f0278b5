import { Checkbox, ErrorMessage, FormGroup, Label, Select, Textarea } from '@trussworks/react-uswds';
import { createContext, useContext, type ReactNode } from 'react';
import { Field } from '../../components/Field';
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

export function TextField({ path, label, hint, type = 'text', autoComplete }: Common & { type?: 'text' | 'email' | 'tel'; autoComplete?: string }) {
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

export function TextAreaField({ path, label, hint }: Common) {
  const b = useBinding(path);
  return (
    <Labelled id={b.id} label={label} hint={hint} error={b.error}>
      <Textarea
        id={b.id}
        name={b.id}
        value={text(b.value)}
        error={b.error !== null}
        aria-describedby={describedBy(b.id, hint, b.error)}
        aria-invalid={b.error !== null ? true : undefined}
        onChange={(e) => b.set(e.target.value === '' ? undefined : e.target.value)}
      />
    </Labelled>
  );
}

export function SelectField({ path, label, hint, options }: Common & { options: Readonly<Record<string, string>> }) {
  const b = useBinding(path);
  return (
    <Labelled id={b.id} label={label} hint={hint} error={b.error}>
      <Select
        id={b.id}
        name={b.id}
        value={text(b.value)}
        validationStatus={b.error !== null ? 'error' : undefined}
        aria-describedby={describedBy(b.id, hint, b.error)}
        aria-invalid={b.error !== null ? true : undefined}
        onChange={(e) => b.set(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">- Select -</option>
        {Object.entries(options).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </Select>
    </Labelled>
  );
}

export function CheckboxField({ path, label, onChecked }: { path: string; label: string; onChecked?: (checked: boolean) => void }) {
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
