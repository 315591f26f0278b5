import { US_STATES, type UsStateCode } from '../../shared/places.ts';
import { AGENCY_KINDS, type Agency, type AgencyArea, type AreaKind, type Place, type ProposedAgency } from './agencies.types.ts';

const SPECIFICITY: Record<AreaKind, number> = { city: 4, tribal: 3, county: 2, state: 1 };
const COUNTY_WORDS = /\s+(county|parish|borough|census area|municipality|municipio)$/;

/** Case, accents, punctuation and spacing do not matter: "St. Louis" and "st louis" are one city. */
export function matchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "Tulsa County" and "Tulsa" name the same county. */
export function countyKey(text: string): string {
  return matchKey(text).replace(COUNTY_WORDS, '');
}

/** The key an area is looked up by: one per area, beside its kind and state (see the SQL index). */
export function areaKey(area: AgencyArea): string {
  switch (area.kind) {
    case 'state':
      return (area.state ?? '').toLowerCase();
    case 'county':
      return countyKey(area.county ?? '');
    case 'city':
      return matchKey(area.city ?? '');
    case 'tribal':
      return matchKey(area.tribalLand ?? '');
  }
}

export function stateOf(value: string | undefined): UsStateCode | undefined {
  const code = value?.trim().toUpperCase();
  return code !== undefined && code in US_STATES ? (code as UsStateCode) : undefined;
}

/** Lookups a place needs: the key each kind of area must have to cover it. */
export function placeKeys(place: Place): { state?: UsStateCode; county?: string; city?: string; tribal?: string } {
  const state = stateOf(place.state);
  const county = place.county ? countyKey(place.county) : '';
  const city = place.city ? matchKey(place.city) : '';
  const tribal = place.tribalLand ? matchKey(place.tribalLand) : '';
  return {
    ...(state ? { state } : {}),
    // County and city names repeat across states, so they count only with a state.
    ...(state && county ? { county } : {}),
    ...(state && city ? { city } : {}),
    ...(tribal ? { tribal } : {}),
  };
}

export function covers(area: AgencyArea, place: Place): boolean {
  const keys = placeKeys(place);
  const key = areaKey(area);
  switch (area.kind) {
    case 'state':
      return keys.state !== undefined && area.state === keys.state;
    case 'county':
      return keys.county !== undefined && area.state === keys.state && key === keys.county;
    case 'city':
      return keys.city !== undefined && area.state === keys.state && key === keys.city;
    case 'tribal':
      return keys.tribal !== undefined && key === keys.tribal;
  }
}

const countyName = (county: string) => (COUNTY_WORDS.test(county.toLowerCase()) ? county : `${county} County`);

/** Why Beacon proposes the agency, in words an analyst can check at a glance. */
export function coverageReason(area: AgencyArea): string {
  switch (area.kind) {
    case 'city':
      return `covers the city of ${area.city}, ${area.state}`;
    case 'tribal':
      return `covers the tribal land of ${area.tribalLand}`;
    case 'county':
      return `covers ${countyName(area.county ?? '')}, ${area.state}`;
    case 'state':
      return `covers all of ${area.state ? US_STATES[area.state] : 'the state'}`;
  }
}

/**
 * Active agencies covering the place, most specific area first (city, tribal land, county, state),
 * law enforcement before child welfare where equal, then by name. One entry per agency.
 */
export function proposeAgencies(place: Place, directory: readonly Agency[]): ProposedAgency[] {
  const proposed: ProposedAgency[] = [];
  for (const agency of directory) {
    if (!agency.active) continue;
    const best = agency.areas.filter((area) => covers(area, place)).sort((a, b) => SPECIFICITY[b.kind] - SPECIFICITY[a.kind])[0];
    if (best) proposed.push({ agency, area: best, reason: coverageReason(best) });
  }
  return proposed.sort(
    (a, b) =>
      SPECIFICITY[b.area.kind] - SPECIFICITY[a.area.kind] ||
      AGENCY_KINDS.indexOf(a.agency.kind) - AGENCY_KINDS.indexOf(b.agency.kind) ||
      a.agency.name.localeCompare(b.agency.name, 'en'),
  );
}
