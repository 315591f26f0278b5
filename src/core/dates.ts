import { z } from 'zod';

/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings, in UTC so a date never shifts with the server's
 * time zone. ISO dates compare correctly as strings, which the rules rely on.
 */

const DAY = 86_400_000;

function toTime(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return t;
}

function fromTime(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromTime(toTime(date) + days * DAY);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY);
}

/** Adds calendar months, keeping the day of the month or, when the month is shorter, its last day (Jan 31 + 1 = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const d = new Date(toTime(date));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromTime(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)));
}

/** Whole calendar months from `from` to `to`, ignoring the day of the month. */
export function monthsBetween(from: string, to: string): number {
  const a = new Date(toTime(from));
  const b = new Date(toTime(to));
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

export function latest(dates: readonly string[]): string | undefined {
  return dates.reduce<string | undefined>((max, d) => (max === undefined || d > max ? d : max), undefined);
}

/** A calendar date, year-month-day, that exists (no February 30th). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: 'date_invalid',
  });
