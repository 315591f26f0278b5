import { describe, expect, it } from 'vitest';
import type { Agency, AgencyArea, AgencyKind } from './agencies.types.ts';
import { countyKey, matchKey, proposeAgencies } from './jurisdiction.ts';

let n = 0;
const agency = (name: string, kind: AgencyKind, areas: AgencyArea[], active = true): Agency => ({
  id: `id-${(n += 1)}`,
  code: `C${n}`,
  name,
  kind,
  active,
  areas,
});

const directory: Agency[] = [
  agency('Oklahoma Children Services (demo)', 'child_welfare', [{ kind: 'state', state: 'OK' }]),
  agency('Oklahoma Investigation Bureau (demo)', 'law_enforcement', [{ kind: 'state', state: 'OK' }]),
  agency('Oklahoma ICAC Task Force (demo)', 'icac_task_force', [{ kind: 'state', state: 'OK' }]),
  agency('Tulsa County Sheriff (demo)', 'law_enforcement', [{ kind: 'county', state: 'OK', county: 'Tulsa' }]),
  agency('Tulsa County Children (demo)', 'child_welfare', [{ kind: 'county', state: 'OK', county: 'Tulsa County' }]),
  agency('Tulsa Police (demo)', 'law_enforcement', [{ kind: 'city', state: 'OK', city: 'Tulsa' }]),
  agency('Osage Nation Police (demo)', 'law_enforcement', [{ kind: 'tribal', state: 'OK', tribalLand: 'Osage Nation' }]),
  agency('Texas Bureau (demo)', 'law_enforcement', [
    { kind: 'state', state: 'TX' },
    { kind: 'city', state: 'TX', city: 'Tulsa' },
  ]),
  agency('Closed Unit (demo)', 'law_enforcement', [{ kind: 'city', state: 'OK', city: 'Tulsa' }], false),
  // Covers the city and the state: proposed once, for its most specific area.
  agency('Multi-area Office (demo)', 'prosecutor', [
    { kind: 'state', state: 'OK' },
    { kind: 'city', state: 'OK', city: 'Tulsa' },
  ]),
];

const names = (place: Parameters<typeof proposeAgencies>[0]) => proposeAgencies(place, directory).map((p) => p.agency.name);

describe('proposeAgencies', () => {
  it('ranks city, tribal land, county, then state; law enforcement first where equal', () => {
    expect(names({ state: 'OK', county: 'Tulsa', city: 'Tulsa', tribalLand: 'Osage Nation' })).toEqual([
      'Tulsa Police (demo)',
      'Multi-area Office (demo)',
      'Osage Nation Police (demo)',
      'Tulsa County Sheriff (demo)',
      'Tulsa County Children (demo)',
      'Oklahoma Investigation Bureau (demo)',
      'Oklahoma ICAC Task Force (demo)',
      'Oklahoma Children Services (demo)',
    ]);
  });

  it('says why each agency is proposed', () => {
    const reasons = proposeAgencies(
      { state: 'ok', county: 'TULSA COUNTY', city: ' tulsa ', tribalLand: 'osage nation' },
      directory,
    ).map((p) => p.reason);
    expect(reasons).toContain('covers the city of Tulsa, OK');
    expect(reasons).toContain('covers the tribal land of Osage Nation');
    expect(reasons).toContain('covers Tulsa County, OK');
    expect(reasons).toContain('covers all of Oklahoma');
  });

  it("leaves out inactive agencies and other states' cities of the same name", () => {
    const got = names({ state: 'OK', city: 'Tulsa' });
    expect(got).not.toContain('Closed Unit (demo)');
    expect(got).not.toContain('Texas Bureau (demo)');
  });

  it('matches a city or county only together with its state', () => {
    expect(names({ city: 'Tulsa', county: 'Tulsa' })).toEqual([]);
    expect(names({ tribalLand: 'Osage Nation' })).toEqual(['Osage Nation Police (demo)']);
  });

  it('proposes nothing for an unknown or missing state', () => {
    expect(names({ state: 'ZZ', city: 'Tulsa' })).toEqual([]);
    expect(names({})).toEqual([]);
  });
});

describe('match keys', () => {
  it('ignores case, accents, punctuation and the word county', () => {
    expect(matchKey('  St. Louis ')).toBe(matchKey('st louis'));
    expect(matchKey('Cañon City')).toBe('canon city');
    expect(countyKey('Orleans Parish')).toBe('orleans');
    expect(countyKey('Miami-Dade County')).toBe('miami dade');
  });
});
