import { geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import states from 'us-atlas/states-albers-10m.json';
import type { Stop } from './api';
import styles from './leads.module.css';

/** FIPS codes of the states in us-atlas, by postal code. */
const FIPS: Record<string, string> = {
  AL: '01',
  AK: '02',
  AZ: '04',
  AR: '05',
  CA: '06',
  CO: '08',
  CT: '09',
  DE: '10',
  DC: '11',
  FL: '12',
  GA: '13',
  HI: '15',
  ID: '16',
  IL: '17',
  IN: '18',
  IA: '19',
  KS: '20',
  KY: '21',
  LA: '22',
  ME: '23',
  MD: '24',
  MA: '25',
  MI: '26',
  MN: '27',
  MS: '28',
  MO: '29',
  MT: '30',
  NE: '31',
  NV: '32',
  NH: '33',
  NJ: '34',
  NM: '35',
  NY: '36',
  NC: '37',
  ND: '38',
  OH: '39',
  OK: '40',
  OR: '41',
  PA: '42',
  RI: '44',
  SC: '45',
  SD: '46',
  TN: '47',
  TX: '48',
  UT: '49',
  VT: '50',
  VA: '51',
  WA: '53',
  WV: '54',
  WI: '55',
  WY: '56',
  PR: '72',
};

// The topology is already projected (Albers USA, 975×610), so the path needs no projection.
const shapes = feature(states, states.objects.states as GeometryCollection);
const path = geoPath();
const centres = new Map(shapes.features.map((f) => [String(f.id), path.centroid(f)]));

/**
 * Stops as numbered dots. Beacon holds no city coordinates, so a dot sits at its state's centre;
 * several stops in one state are fanned out around it so each stays visible.
 */
export function MovementMap({ stops }: { stops: readonly Stop[] }) {
  const seen = new Map<string, number>();
  const dots = stops.flatMap((s, i) => {
    const centre = centres.get(FIPS[(s.state ?? '').toUpperCase()] ?? '');
    if (!centre) return [];
    const n = seen.get(s.state!) ?? 0;
    seen.set(s.state!, n + 1);
    const angle = n * 2.4;
    const r = n === 0 ? 0 : 8 + 3 * n;
    return [{ i, x: centre[0] + r * Math.cos(angle), y: centre[1] + r * Math.sin(angle), label: `${i + 1}` }];
  });
  return (
    <svg
      className={styles.movementMap}
      data-testid="movement-map"
      viewBox="0 0 975 610"
      role="img"
      aria-label={`Map of ${dots.length} stops by state; the table lists them in order`}
    >
      {shapes.features.map((f) => (
        <path key={String(f.id)} className={styles.state} d={path(f) ?? ''} />
      ))}
      {dots.map((d) => (
        <g key={d.i} data-stop={d.i + 1}>
          <circle className={styles.stop} cx={d.x} cy={d.y} r={7} />
          <text className={styles.stopLabel} x={d.x + 9} y={d.y + 4}>
            {d.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
