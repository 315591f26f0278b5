import type { LeadPackage, LeadPlace } from './package.types.ts';

/** The words both the PDF and the XML use for parts of a package, so the two read alike. */
export const LINKED_KIND_TEXT: Record<LeadPackage['linkedItems'][number]['kind'], string> = {
  report: 'Tip',
  case: 'Case',
  advert: 'Online advert',
};

export const placeText = (p: LeadPlace): string =>
  [
    p.address,
    p.city,
    p.county && !/\b(county|parish|borough|municipio)$/i.test(p.county) ? `${p.county} County` : p.county,
    p.state,
    p.zip,
    p.tribalLand ? `tribal land: ${p.tribalLand}` : undefined,
  ]
    .filter((v): v is string => v !== undefined && v.trim() !== '')
    .join(', ');

/** Words for the codes a package carries; an unknown code is shown readably rather than hidden. */
const words =
  (labels: Record<string, string>) =>
  (code: string | undefined): string | undefined =>
    code === undefined ? undefined : (labels[code] ?? code.replace(/_/g, ' '));
export const incidentTypeText = words({
  child_sex_trafficking: 'Child sex trafficking',
  child_sex_tourism: 'Child sex tourism',
  online_enticement: 'Online enticement of a child',
  other: 'Other concern',
});
const genderText = words({
  female: 'female',
  male: 'male',
  transgender: 'transgender',
  nonbinary: 'nonbinary',
  unknown: 'gender not known',
});
const personRoleText = words({ trafficker: 'Possible trafficker', buyer: 'Possible buyer', other: 'Other person involved' });
export const identifierKindText = words({
  phone: 'Phone',
  email: 'Email',
  username: 'Username',
  url: 'Web address',
  other: 'Other identifier',
});
export const agencyKindText = words({
  law_enforcement: 'law enforcement',
  icac_task_force: 'ICAC task force',
  child_welfare: 'child welfare',
  prosecutor: 'prosecutor',
  service_provider: 'service provider',
  other: 'other agency',
});

/** "November 20, 2026, 4:00 AM CST" in the deployment's time zone. */
export const localDateTime = (d: Date, timeZone: string): string =>
  Number.isNaN(d.getTime())
    ? 'unknown'
    : new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone })
        .format(d)
        .replace(' at ', ', ')
        .concat(' ', zoneName(d, timeZone));
const zoneName = (d: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')
    ?.value ?? timeZone;

/** "November 18, 2026" for a calendar date like "2026-11-18"; other text as written. */
export const calendarDate = (isoDate: string): string => {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? new Date(`${isoDate}T00:00:00Z`) : new Date(Number.NaN);
  return Number.isNaN(d.getTime()) ? isoDate : new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
};

export const childText = (c: LeadPackage['children'][number]): string =>
  [c.approximateAge !== undefined ? `about ${c.approximateAge} years old` : undefined, genderText(c.gender), c.description]
    .filter((v): v is string => v !== undefined && v !== '')
    .join('; ') || 'no description given';

export const personText = (p: LeadPackage['persons'][number]): string =>
  [personRoleText(p.role), p.name, p.approximateAge !== undefined ? `about ${p.approximateAge}` : undefined, p.description]
    .filter((v): v is string => v !== undefined && v !== '')
    .join('; ') || 'no description given';

export const iso = (d: Date): string => (Number.isNaN(d.getTime()) ? 'unknown' : d.toISOString());
