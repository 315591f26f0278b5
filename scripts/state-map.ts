/**
 * Writes src/stats/map/state-map.json: SVG paths of the 50 states, D.C. and Puerto Rico, projected once
 * here so the server draws maps with no geography library and no network. Source: US Census Bureau
 * cartographic boundaries as packaged by us-atlas (states-10m). Albers USA for the states (Alaska and
 * Hawaii as its insets), a Mercator inset for Puerto Rico beside Florida.
 */
import { writeFile } from 'node:fs/promises';
import { geoAlbersUsa, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import states from 'us-atlas/states-10m.json' with { type: 'json' };
import { US_STATES } from '../src/shared/places.ts';

const WIDTH = 975;
const HEIGHT = 610;
const codeOfName = new Map<string, string>(Object.entries(US_STATES).map(([code, name]) => [name, code]));
const topology = states as unknown as Topology<{ states: GeometryCollection<{ name: string }> }>;
const shapes = feature(topology, topology.objects.states).features;

const albers = geoAlbersUsa().scale(1300).translate([487.5, 305]);
const pr = shapes.find((s) => s.properties.name === 'Puerto Rico');
const mercator = geoMercator().fitExtent(
  [
    [850, 520],
    [950, 560],
  ],
  pr as GeoPermissibleObjects,
);

const round = (d: string) => d.replace(/-?\d+\.\d+/g, (n) => Number(n).toFixed(1));
const out = shapes
  .filter((s) => codeOfName.has(s.properties.name))
  .map((s) => {
    const code = codeOfName.get(s.properties.name)!;
    const path = geoPath(code === 'PR' ? mercator : albers);
    return { code, d: round(path(s as GeoPermissibleObjects) ?? '') };
  })
  .filter((s) => s.d !== '')
  .sort((a, b) => a.code.localeCompare(b.code));

await writeFile(
  new URL('../src/stats/map/state-map.json', import.meta.url),
  `${JSON.stringify({ source: 'US Census Bureau cartographic boundaries via us-atlas 3.0.1 (states-10m)', width: WIDTH, height: HEIGHT, states: out })}\n`,
);
process.stdout.write(`wrote ${out.length} shapes\n`);
