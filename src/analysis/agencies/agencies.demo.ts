import { US_STATES, type UsStateCode } from '../../shared/places.ts';
import type { DirectoryEntry } from './agencies.csv.ts';
import type { AgencyArea, AgencyKind } from './agencies.types.ts';

/** The 50 states, D.C. and Puerto Rico; each gets demo agencies. */
export const DEMO_STATES = (Object.keys(US_STATES) as UsStateCode[]).filter((s) => !['GU', 'VI', 'AS', 'MP'].includes(s));

/** One real area code per state, so numbers pass validation; 555-0100..0199 keeps them fictional. */
const AREA_CODES: Record<string, string> = {
  AL: '205',
  AK: '907',
  AZ: '602',
  AR: '501',
  CA: '916',
  CO: '303',
  CT: '860',
  DE: '302',
  DC: '202',
  FL: '850',
  GA: '404',
  HI: '808',
  ID: '208',
  IL: '217',
  IN: '317',
  IA: '515',
  KS: '785',
  KY: '502',
  LA: '225',
  ME: '207',
  MD: '410',
  MA: '617',
  MI: '517',
  MN: '651',
  MS: '601',
  MO: '573',
  MT: '406',
  NE: '402',
  NV: '775',
  NH: '603',
  NJ: '609',
  NM: '505',
  NY: '518',
  NC: '919',
  ND: '701',
  OH: '614',
  OK: '405',
  OR: '503',
  PA: '717',
  RI: '401',
  SC: '803',
  SD: '605',
  TN: '615',
  TX: '512',
  UT: '801',
  VT: '802',
  VA: '804',
  WA: '360',
  WV: '304',
  WI: '608',
  WY: '307',
  PR: '787',
};

/** Larger cities that get their own police department and county agencies in the demo. */
const DEMO_CITIES: readonly { state: UsStateCode; city: string; county: string }[] = [
  { state: 'OK', city: 'Tulsa', county: 'Tulsa' },
  { state: 'OK', city: 'Oklahoma City', county: 'Oklahoma' },
  { state: 'TX', city: 'Dallas', county: 'Dallas' },
  { state: 'TX', city: 'Houston', county: 'Harris' },
  { state: 'CA', city: 'Los Angeles', county: 'Los Angeles' },
  { state: 'IL', city: 'Chicago', county: 'Cook' },
  { state: 'AZ', city: 'Phoenix', county: 'Maricopa' },
  { state: 'GA', city: 'Atlanta', county: 'Fulton' },
  { state: 'FL', city: 'Miami', county: 'Miami-Dade' },
  { state: 'WA', city: 'Seattle', county: 'King' },
  { state: 'KS', city: 'Wichita', county: 'Sedgwick' },
  { state: 'NM', city: 'Albuquerque', county: 'Bernalillo' },
  { state: 'LA', city: 'New Orleans', county: 'Orleans Parish' },
  { state: 'PR', city: 'San Juan', county: 'San Juan Municipio' },
];

/** Tribal lands with a demo tribal police department; state left empty where the land crosses states. */
const DEMO_TRIBAL: readonly { land: string; code: string; state?: UsStateCode }[] = [
  { land: 'Osage Nation', code: 'OK-OSAGE-TP', state: 'OK' },
  { land: 'Navajo Nation', code: 'NAVAJO-TP' },
];

const slug = (text: string) =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function makeAgency(code: string, name: string, kind: AgencyKind, phone: string, areas: AgencyArea[]): DirectoryEntry {
  return { code, name: `${name} (demo)`, kind, phone, email: `${code.toLowerCase()}@example.org`, active: true, areas };
}

/**
 * Synthetic partner agencies for every state, D.C. and Puerto Rico: always the same list, with
 * obviously fictional names, 555-01XX numbers and example.org addresses.
 */
export function demoAgencies(): DirectoryEntry[] {
  const out: DirectoryEntry[] = [];
  for (const state of DEMO_STATES) {
    let next = 0;
    const phone = () => `+1${AREA_CODES[state]}5550${String(100 + next++).slice(-3)}`;
    const name = US_STATES[state];
    const whole: AgencyArea[] = [{ kind: 'state', state }];
    const bureau = state === 'DC' || state === 'PR' ? `${name} Investigation Bureau` : `${name} State Investigation Bureau`;
    out.push(makeAgency(`${state}-SIB`, bureau, 'law_enforcement', phone(), whole));
    out.push(makeAgency(`${state}-ICAC`, `${name} ICAC Task Force`, 'icac_task_force', phone(), whole));
    out.push(makeAgency(`${state}-CW`, `${name} Department of Children's Services`, 'child_welfare', phone(), whole));
    for (const c of DEMO_CITIES.filter((d) => d.state === state)) {
      const county = /(Parish|Municipio)$/.test(c.county) ? c.county : `${c.county} County`;
      out.push(
        makeAgency(`${state}-${slug(c.city)}-PD`, `${c.city} Police Department`, 'law_enforcement', phone(), [
          { kind: 'city', state, city: c.city },
        ]),
      );
      out.push(
        makeAgency(`${state}-${slug(c.county)}-SO`, `${county} Sheriff's Office`, 'law_enforcement', phone(), [
          { kind: 'county', state, county: c.county },
        ]),
      );
      out.push(
        makeAgency(`${state}-${slug(c.county)}-CS`, `${county} Children's Services`, 'child_welfare', phone(), [
          { kind: 'county', state, county: c.county },
        ]),
      );
    }
    for (const t of DEMO_TRIBAL.filter((d) => (d.state ?? 'AZ') === state)) {
      out.push(
        makeAgency(t.code, `${t.land} Tribal Police`, 'law_enforcement', phone(), [
          { kind: 'tribal', tribalLand: t.land, ...(t.state ? { state: t.state } : {}) },
        ]),
      );
    }
  }
  return out;
}
