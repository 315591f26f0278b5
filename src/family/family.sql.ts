import { sql } from 'kysely';

/** A date column as yyyy-mm-dd, as stored: the driver would make a local-midnight Date of it. */
export const isoDay = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
export const isoDayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
