import type { Lang } from '../../core/deployment.ts';
import { html, SafeHtml, escapeHtml } from '../../core/html.ts';
import { fieldKey, messages } from './public.text.ts';

export interface FormState {
  lang: Lang;
  values: Readonly<Record<string, string>>;
  /** First error message per field path. */
  errors: ReadonlyMap<string, string>;
}

export interface Option {
  value: string;
  label: string;
}

type AttrValue = string | number | boolean | undefined;

export interface FieldOptions {
  required?: boolean;
  /** Extra attributes for the control, e.g. autocomplete or maxlength. */
  attrs?: Record<string, AttrValue>;
  /** Extra USWDS classes for the control, e.g. a width modifier. */
  classes?: string;
}

export function fieldId(path: string): string {
  return path.replaceAll('.', '-');
}

export function attrs(record: Record<string, AttrValue>): SafeHtml {
  const out = Object.entries(record)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(v)}"`))
    .join('');
  return new SafeHtml(out);
}

function cls(...parts: (string | false | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

interface Parts {
  id: string;
  label: string;
  hint: SafeHtml;
  error: SafeHtml;
  invalid: boolean;
  describedBy: string | undefined;
}

function parts(state: FormState, path: string): Parts {
  const id = fieldId(path);
  const t = messages(state.lang);
  const key = fieldKey(path);
  if (key === undefined) throw new Error(`no such form field: ${path}`);
  const hintText = t.hints[key];
  const errorText = state.errors.get(path);
  const ids = [hintText ? `${id}-hint` : '', errorText ? `${id}-error` : ''].filter(Boolean);
  return {
    id,
    label: t.fields[key],
    hint: hintText ? html`<div class="usa-hint" id="${id}-hint">${hintText}</div>` : html``,
    error: errorText ? html`<span class="usa-error-message" id="${id}-error">${errorText}</span>` : html``,
    invalid: errorText !== undefined,
    describedBy: ids.length > 0 ? ids.join(' ') : undefined,
  };
}

function controlAttrs(p: Parts, path: string, opts: FieldOptions): SafeHtml {
  return attrs({
    id: p.id,
    name: path,
    'aria-describedby': p.describedBy,
    'aria-invalid': p.invalid ? 'true' : undefined,
    required: opts.required,
    ...opts.attrs,
  });
}

function requiredMark(lang: Lang): SafeHtml {
  return html` <abbr title="${messages(lang).report.requiredAbbr}" class="usa-hint usa-hint--required">*</abbr>`;
}

function group(state: FormState, p: Parts, opts: FieldOptions, control: SafeHtml): SafeHtml {
  return html`<div class="${cls('usa-form-group', p.invalid && 'usa-form-group--error')}">
<label class="${cls('usa-label', p.invalid && 'usa-label--error')}" for="${p.id}">${p.label}${opts.required ? requiredMark(state.lang) : ''}</label>
${p.hint}${p.error}${control}
</div>`;
}

export function textInput(state: FormState, path: string, type: string, opts: FieldOptions = {}): SafeHtml {
  const p = parts(state, path);
  const klass = cls('usa-input', p.invalid && 'usa-input--error', opts.classes);
  const value = state.values[path] ?? '';
  return group(state, p, opts, html`<input class="${klass}" type="${type}" value="${value}"${controlAttrs(p, path, opts)}>`);
}

export function textarea(state: FormState, path: string, opts: FieldOptions = {}): SafeHtml {
  const p = parts(state, path);
  const klass = cls('usa-textarea', p.invalid && 'usa-input--error', opts.classes);
  const value = state.values[path] ?? '';
  return group(state, p, opts, html`<textarea class="${klass}"${controlAttrs(p, path, opts)}>${value}</textarea>`);
}

export function select(
  state: FormState,
  path: string,
  options: readonly Option[],
  opts: FieldOptions & { emptyLabel?: string; defaultValue?: string } = {},
): SafeHtml {
  const p = parts(state, path);
  const klass = cls('usa-select', p.invalid && 'usa-input--error', opts.classes);
  const current = state.values[path] ?? opts.defaultValue ?? '';
  const empty = opts.emptyLabel === undefined ? '' : html`<option value="">${opts.emptyLabel}</option>`;
  const items = options.map(
    (o) => html`<option value="${o.value}"${attrs({ selected: o.value === current })}>${o.label}</option>`,
  );
  return group(state, p, opts, html`<select class="${klass}"${controlAttrs(p, path, opts)}>${empty}${items}</select>`);
}

/** A radio group; the first radio carries the field's id so error links land on it. */
export function radios(state: FormState, path: string, options: readonly Option[]): SafeHtml {
  const p = parts(state, path);
  const current = state.values[path];
  const items = options.map((o, i) => {
    const id = i === 0 ? p.id : `${p.id}-${o.value}`;
    const a = attrs({ id, checked: o.value === current, 'aria-invalid': p.invalid ? 'true' : undefined });
    return html`<div class="usa-radio">
<input class="usa-radio__input" type="radio" name="${path}" value="${o.value}"${a}>
<label class="usa-radio__label" for="${id}">${o.label}</label>
</div>`;
  });
  return html`<div class="${cls('usa-form-group', p.invalid && 'usa-form-group--error')}">
<fieldset class="usa-fieldset"${attrs({ 'aria-describedby': p.describedBy })}>
<legend class="${cls('usa-legend', p.invalid && 'usa-label--error')}">${p.label}</legend>
${p.hint}${p.error}${items}
</fieldset>
</div>`;
}

export function checkbox(state: FormState, path: string, label: SafeHtml | string): SafeHtml {
  const p = parts(state, path);
  const a = controlAttrs(p, path, { attrs: { checked: state.values[path] === 'yes' } });
  return html`<div class="${cls('usa-form-group', p.invalid && 'usa-form-group--error')}">
${p.error}
<div class="usa-checkbox">
<input class="usa-checkbox__input" type="checkbox" value="yes"${a}>
<label class="usa-checkbox__label" for="${p.id}">${label}</label>
</div>
</div>`;
}
