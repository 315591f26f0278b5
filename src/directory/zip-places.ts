import { readFileSync } from 'node:fs';

/** A ZIP code's county and point, from the bundled Census table (see data/SOURCE.md). */
export interface ZipPlace {
  readonly zip: string;
  /** Five-digit state + county FIPS code. */
  readonly countyFips: string;
  /** USPS code of the county's state. */
  readonly state: string;
  readonly lat: number;
  readonly lon: number;
}

const TABLE = new URL('./data/zip-places.csv', import.meta.url);
let places: Map<string, ZipPlace> | undefined;

/** Parses the table's text; the file is ours and generated, so a malformed line is a build error, thrown. */
export function readZipTable(text: string): Map<string, ZipPlace> {
  const table = new Map<string, ZipPlace>();
  const [header, ...lines] = text.trim().split('\n');
  if (header !== 'zip,county_fips,state,lat,lon') throw new Error('zip-places.csv: unexpected header');
  for (const line of lines) {
    const [zip, countyFips, state, lat, lon] = line.split(',');
    if (!zip || !countyFips || !state || lat === undefined || lon === undefined)
      throw new Error(`zip-places.csv: malformed line ${line.slice(0, 40)}`);
    table.set(zip, { zip, countyFips, state, lat: Number(lat), lon: Number(lon) });
  }
  return table;
}

function table(): Map<string, ZipPlace> {
  places ??= readZipTable(readFileSync(TABLE, 'utf8'));
  return places;
}

export function zipPlace(zip: string): ZipPlace | undefined {
  return table().get(zip.trim());
}

/** The state of a five-digit county FIPS code, when some ZIP code lies in that county. */
export function stateOfCounty(countyFips: string): string | undefined {
  countyStates ??= new Map([...table().values()].map((p) => [p.countyFips, p.state]));
  return countyStates.get(countyFips);
}
let countyStates: Map<string, string> | undefined;

/** Every ZIP code of a state, in order: the demo directory places its providers among them. */
export function zipsOfState(state: string): readonly ZipPlace[] {
  if (!byState) {
    byState = new Map();
    for (const p of table().values()) {
      const zips = byState.get(p.state) ?? [];
      zips.push(p);
      byState.set(p.state, zips);
    }
  }
  return byState.get(state) ?? [];
}
let byState: Map<string, ZipPlace[]> | undefined;

const EARTH_RADIUS_MILES = 3958.8;
const radians = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in miles (haversine). */
export function distanceMiles(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}
