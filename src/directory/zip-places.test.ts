import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceMiles, readZipTable, stateOfCounty, zipPlace, zipsOfState } from './zip-places.ts';

describe('the bundled ZIP table', () => {
  it('finds a ZIP code’s county, state and point', () => {
    expect(zipPlace('74103')).toEqual({ zip: '74103', countyFips: '40143', state: 'OK', lat: 36.156, lon: -95.996 });
    expect(zipPlace('20001')).toMatchObject({ countyFips: '11001', state: 'DC' });
    expect(zipPlace('00901')).toMatchObject({ countyFips: '72127', state: 'PR' });
    expect(zipPlace(' 10001 ')).toMatchObject({ countyFips: '36061', state: 'NY' });
  });

  it('knows nothing of a ZIP code that is not there', () => {
    expect(zipPlace('00000')).toBeUndefined();
    expect(zipPlace('1234')).toBeUndefined();
    expect(zipPlace('96910')).toBeUndefined();
  });

  it('covers every state, D.C. and Puerto Rico, and names the state of a county', () => {
    for (const state of ['AK', 'HI', 'WY', 'DC', 'PR', 'TX']) expect(zipsOfState(state).length, state).toBeGreaterThan(0);
    expect(stateOfCounty('39049')).toBe('OH');
    expect(stateOfCounty('99999')).toBeUndefined();
  });

  it('refuses a table with another header', () => {
    expect(() => readZipTable('zip,fips\n74103,40143\n')).toThrow(/header/);
    expect(readZipTable('zip,county_fips,state,lat,lon\n74103,40143,OK,36.156,-95.996\n').get('74103')?.lon).toBe(-95.996);
  });
});

describe('great-circle distance', () => {
  it('gives known distances in miles', () => {
    const tulsa = { lat: 36.154, lon: -95.993 };
    const okc = { lat: 35.468, lon: -97.516 };
    expect(distanceMiles(tulsa, okc)).toBeGreaterThan(97);
    expect(distanceMiles(tulsa, okc)).toBeLessThan(100);
    // New York to Los Angeles is about 2,450 miles.
    expect(Math.round(distanceMiles({ lat: 40.713, lon: -74.006 }, { lat: 34.052, lon: -118.244 }) / 10)).toBe(245);
  });

  const point = fc.record({
    lat: fc.double({ min: -89, max: 89, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
  });

  // Haversine loses precision near antipodal points (asin near 1): a few hundredths of a mile of slack, far below the table's own.
  const slack = 0.01;
  it('is zero to itself, symmetric, never more than half the earth around, and keeps the triangle inequality', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        expect(distanceMiles(a, a)).toBeCloseTo(0, 6);
        expect(Math.abs(distanceMiles(a, b) - distanceMiles(b, a))).toBeLessThan(slack);
        expect(distanceMiles(a, b)).toBeLessThanOrEqual(Math.PI * 3958.8 + slack);
        expect(distanceMiles(a, c)).toBeLessThanOrEqual(distanceMiles(a, b) + distanceMiles(b, c) + slack);
      }),
      { numRuns: 2000 },
    );
  });
});
