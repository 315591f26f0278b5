import type { LeadPackage, LeadPlace } from './package.types.ts';

/** The words both the PDF and the XML use for parts of a package, so the two read alike. */
export const LINKED_KIND_TEXT: Record<LeadPackage['linkedItems'][number]['kind'], string> = {
  report: 'Tip',
  case: 'Case',
  advert: 'Online advert',
};

export const placeText = (p: LeadPlace): string =>
  [p.address, p.city, p.county && !/\b(county|parish|borough|municipio)$/i.test(p.county) ? `${p.county} County` : p.county, p.state, p.zip, p.tribalLand ? `tribal land: ${p.tribalLand}` : undefined]
    .filter((v): v is string => v !== undefined && v.trim() !== '')
    .join(', ');

export const childText = (c: LeadPackage['children'][number]): string =>
  [c.approximateAge !== undefined ? `about ${c.approximateAge} years old` : undefined, c.gender, c.description]
    .filter((v): v is string => v !== undefined && v !== '')
    .join('; ') || 'no description given';

export const personText = (p: LeadPackage['persons'][number]): string =>
  [p.role, p.name, p.approximateAge !== undefined ? `about ${p.approximateAge}` : undefined, p.description]
    .filter((v): v is string => v !== undefined && v !== '')
    .join('; ') || 'no description given';

export const iso = (d: Date): string => (Number.isNaN(d.getTime()) ? 'unknown' : d.toISOString());
