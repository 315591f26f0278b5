const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** "Mar 4, 2026, 2:05 PM" in the viewer's time zone; the raw text if it is not a date. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** "March 4, 2026" for a calendar date like "2026-03-04" (no time zone shift). */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dateOnly.format(date);
}

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
