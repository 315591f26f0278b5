export type FormValues = Record<string, string>;

/** Fields the step-by-step form sends besides the answers themselves. */
export const CONTROL_FIELDS = ['submissionToken', 'step', 'action', 'from'] as const;

const SECTIONS: Record<string, readonly string[]> = {
  incident: ['type', 'description', 'occurredOn', 'escalationReason'],
  location: ['address', 'city', 'state', 'zip', 'details'],
  reporter: ['anonymous', 'name', 'email', 'phone', 'relationship', 'consentToContact'],
};
const ONLINE_FIELDS = ['kind', 'platform', 'identifier', 'details'] as const;
const CHILD_FIELDS = ['name', 'description', 'approximateAge', 'gender', 'missing', 'school', 'currentLocation'] as const;
const PERSON_FIELDS = ['role', 'name', 'description', 'approximateAge'] as const;
const VEHICLE_FIELDS = ['make', 'model', 'colour', 'plate', 'plateState'] as const;
const IDENTIFIER_FIELDS = ['kind', 'value'] as const;

/** The schema's own limits on list lengths; positions past them are dropped before anything else. */
export const LIST_LIMITS = { online: 50, children: 20, persons: 20, identifiers: 20 } as const;
export type ListName = keyof typeof LIST_LIMITS;

/**
 * Longer than any field the model accepts (20,000 characters), so cutting here never turns an
 * invalid answer into a valid one, but a huge value is not echoed into every later step.
 */
export const MAX_VALUE_LENGTH = 20_001;

const INDEX = '(0|[1-9]\\d?)';
const GROUP_KEY = new RegExp(`^(online|children|persons)\\.${INDEX}\\.(\\w+)$`);
const VEHICLE_KEY = new RegExp(`^persons\\.${INDEX}\\.vehicle\\.(\\w+)$`);
const IDENTIFIER_KEY = new RegExp(`^persons\\.${INDEX}\\.identifiers\\.${INDEX}\\.(\\w+)$`);
const GROUP_FIELDS: Record<string, readonly string[]> = { online: ONLINE_FIELDS, children: CHILD_FIELDS, persons: PERSON_FIELDS };

/** True for a field of the tip form (an answer), whatever step it is on. */
export function isAnswerField(key: string): boolean {
  if (key === 'additionalInfo') return true;
  const [section, field, ...rest] = key.split('.');
  if (rest.length === 0 && section !== undefined && field !== undefined && SECTIONS[section]?.includes(field)) return true;
  const group = GROUP_KEY.exec(key);
  if (group) {
    const [, name, index, f] = group as unknown as [string, ListName, string, string];
    return Number(index) < LIST_LIMITS[name] && (GROUP_FIELDS[name]?.includes(f) ?? false);
  }
  const vehicle = VEHICLE_KEY.exec(key);
  if (vehicle) return Number(vehicle[1]) < LIST_LIMITS.persons && (VEHICLE_FIELDS as readonly string[]).includes(vehicle[2]!);
  const identifier = IDENTIFIER_KEY.exec(key);
  if (identifier) {
    return (
      Number(identifier[1]) < LIST_LIMITS.persons &&
      Number(identifier[2]) < LIST_LIMITS.identifiers &&
      (IDENTIFIER_FIELDS as readonly string[]).includes(identifier[3]!)
    );
  }
  return false;
}

/**
 * Flattens a urlencoded body to one string per known field; repeated fields keep the first value.
 * Unknown names are dropped and blank answers left out, so what travels from step to step in
 * hidden inputs is bounded by the form itself, not by what a request happens to contain.
 */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first !== 'string') continue;
    const control = (CONTROL_FIELDS as readonly string[]).includes(key);
    if (!control && !isAnswerField(key)) continue;
    if (first.trim() === '') continue;
    out[key] = control ? first.slice(0, 200) : first.slice(0, MAX_VALUE_LENGTH);
  }
  return out;
}

/** Splits `prefix.N.rest` keys into their groups, ordered by position. */
function groupsOf(values: FormValues, prefix: string): FormValues[] {
  const byIndex = new Map<number, FormValues>();
  const re = new RegExp(`^${prefix.replaceAll('.', '\\.')}\\.(\\d+)\\.(.+)$`);
  for (const [key, value] of Object.entries(values)) {
    const m = re.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const group = byIndex.get(index) ?? {};
    group[m[2]!] = value;
    byIndex.set(index, group);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, g]) => g);
}

/** "Don't know" whether a child is missing says nothing on its own about the child. */
const isBlank = (group: FormValues) =>
  Object.entries(group).every(([k, v]) => v.trim() === '' || (k === 'missing' && v === 'unknown'));

/** Drops blank items from a person's identifiers and renumbers the rest from 0. */
function compactPerson(person: FormValues): FormValues {
  const out: FormValues = {};
  for (const [key, value] of Object.entries(person)) if (!key.startsWith('identifiers.')) out[key] = value;
  groupsOf(person, 'identifiers')
    .filter((g) => !isBlank(g))
    .forEach((g, i) => {
      for (const [k, v] of Object.entries(g)) out[`identifiers.${i}.${k}`] = v;
    });
  return out;
}

/**
 * Drops list items the person left blank and renumbers the others from 0, so that the paths in
 * validation errors are the names of the controls shown again.
 */
export function compactGroups(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [key, value] of Object.entries(values)) if (!/^(online|children|persons)\.\d/.test(key)) out[key] = value;
  for (const name of ['online', 'children', 'persons'] as const) {
    const groups = groupsOf(values, name).map((g) => (name === 'persons' ? compactPerson(g) : g));
    groups
      .filter((g) => !isBlank(g))
      .forEach((g, i) => {
        for (const [k, v] of Object.entries(g)) out[`${name}.${i}.${k}`] = v;
      });
  }
  return out;
}

function pick(values: FormValues, prefix: string, fields: readonly string[]): Record<string, string> | undefined {
  const entries = fields.flatMap((f) => {
    const v = values[prefix ? `${prefix}.${f}` : f]?.trim();
    return v ? [[f, v] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A number when the field holds digits; otherwise the text itself, so validation can say what is wrong. */
function numberOrText(v: string): number | string {
  return /^\d{1,3}$/.test(v) ? Number(v) : v;
}

/** yes/no radios become booleans; "don't know" is left out; anything else is kept for validation to refuse. */
function yesNo(v: string): boolean | string | undefined {
  if (v === 'yes') return true;
  if (v === 'no') return false;
  return v === 'unknown' ? undefined : v;
}

function withConverted(record: Record<string, string>, convert: Record<string, (v: string) => unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    const c = convert[k] ? convert[k](v) : v;
    if (c !== undefined) out[k] = c;
  }
  return out;
}

function listOf<T>(
  values: FormValues,
  name: string,
  limit: number,
  build: (group: FormValues) => T | undefined,
): T[] | undefined {
  const items = groupsOf(values, name)
    .slice(0, limit)
    .flatMap((g) => {
      const item = build(g);
      return item === undefined ? [] : [item];
    });
  return items.length > 0 ? items : undefined;
}

function person(g: FormValues): Record<string, unknown> | undefined {
  const own = pick(g, '', PERSON_FIELDS);
  const vehicle = pick(g, 'vehicle', VEHICLE_FIELDS);
  const identifiers = listOf(g, 'identifiers', LIST_LIMITS.identifiers, (i) => pick(i, '', IDENTIFIER_FIELDS));
  if (!own && !vehicle && !identifiers) return undefined;
  return {
    ...withConverted(own ?? {}, { approximateAge: numberOrText }),
    ...(identifiers ? { identifiers } : {}),
    ...(vehicle ? { vehicle } : {}),
  };
}

/**
 * Maps the no-JavaScript form onto the shared tip model. Empty fields and blank list items are
 * left out, so validation only speaks about what the person actually wrote.
 */
export function formToReport(raw: FormValues): unknown {
  const values = compactGroups(raw);
  const incident = pick(values, 'incident', SECTIONS.incident!) ?? {};
  const location = pick(values, 'location', SECTIONS.location!);
  const online = listOf(values, 'online', LIST_LIMITS.online, (g) => pick(g, '', ONLINE_FIELDS));
  const children = listOf(values, 'children', LIST_LIMITS.children, (g) => {
    const child = pick(g, '', CHILD_FIELDS);
    return child && withConverted(child, { approximateAge: numberOrText, missing: yesNo });
  });
  const persons = listOf(values, 'persons', LIST_LIMITS.persons, person);
  const contact = pick(values, 'reporter', ['name', 'email', 'phone', 'relationship']);
  const anonymousChoice = values['reporter.anonymous'];
  const anonymous = anonymousChoice === 'yes' ? true : anonymousChoice === 'no' ? false : contact === undefined;
  const additionalInfo = values.additionalInfo?.trim();
  const report: Record<string, unknown> = {
    incident,
    reporter: {
      ...contact,
      anonymous,
      consentToContact: !anonymous && values['reporter.consentToContact'] === 'yes',
    },
  };
  if (location) report.location = location;
  if (online) report.online = online;
  if (children) report.children = children;
  if (persons) report.persons = persons;
  if (additionalInfo) report.additionalInfo = additionalInfo;
  return report;
}
