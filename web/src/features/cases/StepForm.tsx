import { Button } from '@trussworks/react-uswds';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Notice } from '../../components/Notice';
import { DateTimeField, ErrorSummary, SelectField, TextAreaField, TextField, useSubmit } from './form';
import { localToInstant } from './text';
import { styles } from './styles';

export type FieldSpec = {
  path: string;
  label: string;
  kind: 'datetime' | 'text' | 'textarea' | 'select';
  options?: Readonly<Record<string, string>>;
  hint?: string;
  required?: boolean;
};

/** An ISO instant as a `datetime-local` value in the viewer's time zone. */
export function instantToLocal(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

export function getAt(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Initial text values for the specs, from a record the form edits. */
export function valuesFrom(specs: readonly FieldSpec[], record: unknown): Record<string, string> {
  return Object.fromEntries(
    specs.map((s) => {
      const v = getAt(record, s.path);
      if (s.kind === 'datetime') return [s.path, typeof v === 'string' ? instantToLocal(v) : ''];
      return [s.path, typeof v === 'string' || typeof v === 'number' ? String(v) : ''];
    }),
  );
}

type StepFormProps = {
  /** Prefixes every field id, so two forms on a page never share an id. */
  idPrefix: string;
  heading: string;
  /** The level of the form's heading, under its section. */
  level?: 'h3' | 'h4';
  specs: readonly FieldSpec[];
  initial?: Record<string, string>;
  submitLabel: string;
  /** Receives the filled fields as a nested object (empty ones left out, times as instants). */
  onSubmit: (values: Record<string, unknown>) => Promise<void>;
  onCancel?: () => void;
  /** Opened by a button: the heading takes focus so the person lands in the form. */
  focusOnOpen?: boolean;
  /** What to say when someone else saved first; gets the current record and the changed fields. */
  describeStale?: (current: unknown, changedFields: readonly string[]) => ReactNode;
  onReload: () => void;
  children?: ReactNode;
};

/**
 * One small form on the case page: its own heading (focused when it opens), an error summary that
 * links to the fields, field errors from the server under each field, and a stale-version notice.
 */
export function StepForm({
  idPrefix,
  heading,
  level = 'h3',
  specs,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  focusOnOpen = false,
  describeStale,
  onReload,
  children,
}: StepFormProps) {
  const [values, setValues] = useState<Record<string, string>>(
    () => initial ?? Object.fromEntries(specs.map((s) => [s.path, ''])),
  );
  const submit = useSubmit({
    case_closed: 'This case is closed and can no longer change.',
    already_linked: 'That is already linked to this case.',
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const staleRef = useRef<HTMLDivElement>(null);
  const idFor = (path: string) => `${idPrefix}-${path.replace(/\./g, '-')}`;
  const labelFor = (path: string) =>
    specs.find((s) => s.path === path)?.label ?? specs.find((s) => path.startsWith(`${s.path}.`))?.label ?? 'This form';
  const Heading = level;

  useEffect(() => {
    if (focusOnOpen) headingRef.current?.focus();
    // Only when the form opens.
  }, []);
  useEffect(() => {
    if (submit.stale !== null) staleRef.current?.focus();
  }, [submit.stale]);

  const handle = (event: FormEvent) => {
    event.preventDefault();
    const local = [];
    const out: Record<string, unknown> = {};
    for (const s of specs) {
      const raw = (values[s.path] ?? '').trim();
      if (raw === '') {
        if (s.required) local.push({ path: s.path, message: 'is required' });
        continue;
      }
      if (s.kind === 'datetime') {
        const instant = localToInstant(raw);
        if (instant === null) local.push({ path: s.path, message: 'must be a date and time' });
        else setAt(out, s.path, instant);
      } else {
        setAt(out, s.path, raw);
      }
    }
    if (local.length > 0) return submit.fail(local);
    void submit.run(() => onSubmit(out));
  };

  return (
    <div className={styles.stepForm}>
      <Heading ref={headingRef} tabIndex={-1} className="beacon-page-heading">
        {heading}
      </Heading>
      {children}
      <ErrorSummary heading="Some fields need attention" errors={submit.errors} idFor={idFor} labelFor={labelFor} />
      {submit.message !== null && <Notice type="error">{submit.message}</Notice>}
      {submit.stale !== null && (
        <div ref={staleRef} tabIndex={-1} className="margin-y-2" data-testid="stale-notice">
          <Notice type="warning">
            <span className="display-block text-bold">
              Someone else changed this since you opened it. Nothing of yours was saved.
            </span>
            {describeStale?.(submit.stale.current, submit.stale.changedFields)}
            <span className="display-block">
              Reload to see the current version, then make your change again if it is still needed.
            </span>
          </Notice>
          <Button type="button" onClick={onReload}>
            Reload the case
          </Button>
        </div>
      )}
      <form className="usa-form usa-form--large" noValidate onSubmit={handle}>
        {specs.map((s) => {
          const common = {
            id: idFor(s.path),
            label: s.label,
            ...(s.hint === undefined ? {} : { hint: s.hint }),
            error: submit.errorFor(s.path),
            value: values[s.path] ?? '',
            onChange: (v: string) => setValues((prev) => ({ ...prev, [s.path]: v })),
          };
          switch (s.kind) {
            case 'datetime':
              return <DateTimeField key={s.path} {...common} required={s.required} />;
            case 'textarea':
              return <TextAreaField key={s.path} {...common} />;
            case 'select':
              return <SelectField key={s.path} {...common} options={s.options ?? {}} required={s.required} />;
            default:
              return <TextField key={s.path} {...common} required={s.required} />;
          }
        })}
        <div className="margin-top-2">
          <Button type="submit" aria-disabled={submit.busy}>
            {submit.busy ? 'Saving…' : submitLabel}
          </Button>
          {onCancel !== undefined && (
            <Button type="button" unstyled className="margin-left-2" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}
