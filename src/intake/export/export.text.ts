import type { Report } from '../intake.schema.ts';

/**
 * Plain-English wording shared by the XML and CSV exports. The national tipline reads English, so
 * the export does not follow the reporter's language.
 */

const ONLINE_KIND_TEXT: Record<string, string> = {
  web_page: 'Web page',
  chat: 'Chat or instant message',
  email: 'Email',
  social_platform: 'Social platform',
  phone_text: 'Phone or text message',
  other: 'Other online place',
};

const IDENTIFIER_KIND_TEXT: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  username: 'Username',
  url: 'Web address',
  other: 'Other identifier',
};

const ROLE_TEXT: Record<string, string> = { trafficker: 'Trafficker', buyer: 'Buyer', other: 'Other person involved' };

export const onlineKindText = (kind: string): string => ONLINE_KIND_TEXT[kind] ?? kind;
export const identifierKindText = (kind: string): string => IDENTIFIER_KIND_TEXT[kind] ?? kind;
export const roleText = (role: string): string => ROLE_TEXT[role] ?? role;

export const yesNo = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : value ? 'yes' : 'no');

/** "Labelled: value" lines for the values that are present, joined by newlines. */
export function lines(entries: readonly (readonly [string, string | number | undefined])[]): string | undefined {
  const kept = entries.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${String(v)}`);
  return kept.length === 0 ? undefined : kept.join('\n');
}

type Person = NonNullable<Report['persons']>[number];
type Vehicle = NonNullable<Person['vehicle']>;

/** "blue Ford Focus, plate ABC1234 (OK)". */
export function vehicleText(v: Vehicle | undefined): string | undefined {
  if (v === undefined) return undefined;
  const car = [v.colour, v.make, v.model].filter((p) => p !== undefined && p !== '').join(' ');
  const plate = v.plate === undefined ? '' : `plate ${v.plate}${v.plateState === undefined ? '' : ` (${v.plateState})`}`;
  const plateOnlyState = v.plate === undefined && v.plateState !== undefined ? `plate from ${v.plateState}` : '';
  const text = [car, plate || plateOnlyState].filter((p) => p !== '').join(', ');
  return text === '' ? undefined : text;
}

/**
 * The tipline's Person has first and last names; Beacon keeps one name as given. Split at the last
 * space (a single word stays a first name): lossy for some naming customs, so the full name also
 * travels in additionalInfo.
 */
export function splitName(name: string | undefined): { firstName?: string; lastName?: string } {
  if (name === undefined || name.trim() === '') return {};
  const trimmed = name.trim();
  const at = trimmed.lastIndexOf(' ');
  if (at <= 0) return { firstName: trimmed };
  return { firstName: trimmed.slice(0, at).trim(), lastName: trimmed.slice(at + 1) };
}
