/**
 * Form controls leave empty strings, blank rows and empty sections behind; a report is built from
 * what was actually said, so those are dropped before the draft is validated as a report.
 */
export function pruneEmpty(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) {
    // A blank row stays as {} so the server's error paths (children.1.…) still match the rows on screen.
    const items = value.map((v) => pruneEmpty(v) ?? {});
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, pruneEmpty(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value === null ? undefined : value;
}

/** The draft as a report body: empty parts dropped, but `incident` always present so its absence is named. */
export function draftToReportBody(draft: unknown): Record<string, unknown> {
  const pruned = (pruneEmpty(draft) ?? {}) as Record<string, unknown>;
  return { ...pruned, incident: pruned.incident ?? {} };
}
