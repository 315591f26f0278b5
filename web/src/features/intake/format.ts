// One date format across the staff app; kept importable from here for the intake screens.
export { formatDate, formatDateTime } from '../../components/format';

/** "Springfield, IL", "IL", "Springfield", or null when neither is known. */
export function formatPlace(city: string | null | undefined, state: string | null | undefined): string | null {
  const parts = [city, state].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length === 0 ? null : parts.join(', ');
}

/** "14", "14 and 15", "9, 14 and 15", or null. */
export function formatAges(ages: readonly number[]): string | null {
  if (ages.length === 0) return null;
  const text = ages.map(String);
  if (text.length === 1) return text[0] ?? null;
  return `${text.slice(0, -1).join(', ')} and ${text[text.length - 1] ?? ''}`;
}
