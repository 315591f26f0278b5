import { z } from 'zod';

/** `--since` / `?since=`: a calendar date (midnight UTC) or a date-time with its offset. */
export const sinceSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  message: 'must be a date (YYYY-MM-DD) or a date-time with a time zone',
});

export function sinceDate(text: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
}
