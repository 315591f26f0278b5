export type FormValues = Record<string, string>;

/** Flattens a urlencoded body to one string per field; repeated fields keep the first value. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}

function pick(values: FormValues, prefix: string, fields: readonly string[]): Record<string, string> | undefined {
  const entries = fields.flatMap((f) => {
    const v = values[`${prefix}.${f}`]?.trim();
    return v ? [[f, v] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A number when the field holds digits; otherwise the text itself, so validation can say what is wrong. */
function numberOrText(v: string): number | string {
  return /^\d{1,3}$/.test(v) ? Number(v) : v;
}

/**
 * Maps the no-JavaScript form onto the shared tip model. Empty fields are left out, so
 * validation only speaks about what the person actually wrote.
 */
export function formToReport(values: FormValues): unknown {
  const incident = pick(values, 'incident', ['type', 'description', 'occurredOn', 'escalationReason']) ?? {};
  const location = pick(values, 'location', ['address', 'city', 'state', 'zip', 'details']);
  const child = pick(values, 'children.0', ['name', 'description', 'approximateAge', 'gender']);
  const contact = pick(values, 'reporter', ['name', 'email', 'phone', 'relationship']);
  const anonymousChoice = values['reporter.anonymous'];
  const anonymous = anonymousChoice === 'yes' ? true : anonymousChoice === 'no' ? false : contact === undefined;
  const report: Record<string, unknown> = {
    incident,
    reporter: {
      ...contact,
      anonymous,
      consentToContact: !anonymous && values['reporter.consentToContact'] === 'yes',
    },
  };
  if (location) report.location = location;
  if (child) {
    const { approximateAge, ...rest } = child;
    report.children = [{ ...rest, ...(approximateAge !== undefined ? { approximateAge: numberOrText(approximateAge) } : {}) }];
  }
  return report;
}
