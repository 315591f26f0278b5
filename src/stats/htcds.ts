/**
 * Field names of the public exports after the Human Trafficking Case Data Standard (HTCDS, IOM,
 * github.com/UNMigration/HTCDS, "HTCDS Field Reference"), where one corresponds; docs/statistics.md
 * lists which do and which have no counterpart (the standard describes cases, not aggregates).
 */
export const HTCDS_NAMES = {
  /** hte_State: the state of a trafficking event; a tip's state is where what it reports took place. */
  state: 'hte_State',
  /** No HTCDS field: the standard's vic_TypeOfSexExploitation lists other values than the tip form's types. */
  category: 'incident_type',
  /** No HTCDS field: how a tip came in. */
  channel: 'channel',
  count: 'count',
  hidden: 'hidden',
} as const;

type FieldNaming = 'beacon' | 'htcds';

/** A figure's fields renamed for the naming asked for (Beacon's own names by default). */
export function named(figure: Readonly<Record<string, unknown>>, naming: FieldNaming): Record<string, unknown> {
  if (naming === 'beacon') return { ...figure };
  return Object.fromEntries(
    Object.entries(figure).map(([k, v]) => [k in HTCDS_NAMES ? HTCDS_NAMES[k as keyof typeof HTCDS_NAMES] : k, v]),
  );
}
