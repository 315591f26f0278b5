import { seededRandom, type Random } from '../core/random.ts';
import type { GenderServed, NeedDomain, ServiceKind } from '../shared/directory.ts';
import { US_STATES, type UsStateCode } from '../shared/places.ts';
import type { ProviderEntry, ProviderService, ServiceArea } from './directory.types.ts';
import { zipsOfState, type ZipPlace } from './zip-places.ts';

/** The states, D.C. and Puerto Rico: the places the ZIP table covers. */
const DEMO_STATES = (Object.keys(US_STATES) as UsStateCode[]).filter((s) => !['GU', 'VI', 'AS', 'MP'].includes(s));
const DAY_MS = 24 * 3600 * 1000;

const NEEDS_OF: Record<ServiceKind, NeedDomain[]> = {
  shelter: ['safety_placement', 'independent_living'],
  medical: ['medical_dental'],
  mental_health: ['mental_health', 'substance_use'],
  legal: ['legal_rights', 'identity_documents'],
  education: ['education', 'independent_living'],
  drop_in: ['safety_placement', 'family_relationships', 'identity_documents'],
  anti_trafficking: ['safety_placement', 'mental_health', 'legal_rights'],
  other: ['family_relationships'],
};
const ALL: GenderServed[] = ['girls', 'boys', 'transgender_nonbinary'];
const OTHER_LANGUAGES = [
  'Spanish',
  'Vietnamese',
  'Chinese',
  'Arabic',
  'Haitian Creole',
  'Somali',
  'Tagalog',
  'Russian',
  'Navajo',
];
const HOURS = ['Mon–Fri 9:00–17:00', 'Every day, 24 hours', 'Mon–Sat 10:00–20:00', 'Tue–Sun 12:00–22:00'];
const ACCESS = ['Step-free entrance; interpreters on request', 'Wheelchair accessible; ASL by video', 'Ground floor; quiet room'];

interface Template {
  root: string;
  slug: string;
  area: 'state' | 'county' | 'zips';
  services: { kind: ServiceKind; ages: [number, number]; genders: GenderServed[]; notes?: string }[];
}

/** Invented organisations; the same five in every state, varied by the seeded generator. */
const TEMPLATES: Template[] = [
  {
    root: 'Lantern Youth Services',
    slug: 'lantern',
    area: 'state',
    services: [
      { kind: 'anti_trafficking', ages: [11, 21], genders: ALL },
      { kind: 'mental_health', ages: [10, 21], genders: ALL },
    ],
  },
  {
    root: 'Harborlight House for Boys',
    slug: 'harborlight',
    area: 'county',
    services: [
      {
        kind: 'shelter',
        ages: [12, 17],
        genders: ['boys'],
        notes: 'Emergency beds for boys, including boys exploited through trafficking',
      },
      { kind: 'drop_in', ages: [12, 20], genders: ['boys'] },
    ],
  },
  {
    root: 'Prism Youth Center',
    slug: 'prism',
    area: 'zips',
    services: [
      { kind: 'drop_in', ages: [13, 24], genders: ['transgender_nonbinary'], notes: 'For transgender and non-binary youth' },
      { kind: 'medical', ages: [13, 24], genders: ALL },
      { kind: 'mental_health', ages: [13, 24], genders: ['transgender_nonbinary'] },
    ],
  },
  {
    root: 'Northgate Legal Aid for Youth',
    slug: 'northgate',
    area: 'state',
    services: [{ kind: 'legal', ages: [0, 24], genders: ALL, notes: 'Immigration relief, vacatur and victim compensation' }],
  },
  {
    root: 'Willow Street Girls Program',
    slug: 'willow',
    area: 'county',
    services: [
      { kind: 'shelter', ages: [12, 18], genders: ['girls'] },
      { kind: 'education', ages: [14, 21], genders: ['girls', 'transgender_nonbinary'] },
    ],
  },
];

function areasOf(t: Template, home: ZipPlace, inState: readonly ZipPlace[], rng: Random): ServiceArea[] {
  if (t.area === 'state') return [{ kind: 'state', code: home.state, state: home.state }];
  if (t.area === 'county') return [{ kind: 'county', code: home.countyFips, state: home.state }];
  const nearby = inState.filter((z) => z.countyFips === home.countyFips && z.zip !== home.zip);
  const more = Array.from({ length: Math.min(nearby.length, rng.int(1, 3)) }, () => rng.pick(nearby));
  const zips = [...new Set([home.zip, ...more.map((z) => z.zip)])];
  return zips.map((zip) => ({ kind: 'zip', code: zip, state: home.state }));
}

function servicesOf(t: Template, rng: Random): ProviderService[] {
  return t.services
    .filter((_, i) => i === 0 || rng.chance(0.75))
    .map((s) => ({
      kind: s.kind,
      needs: NEEDS_OF[s.kind],
      minAge: s.ages[0] + rng.int(0, 1),
      maxAge: s.ages[1] - rng.int(0, 1),
      genders: s.genders,
      ...(s.notes ? { notes: s.notes } : {}),
    }));
}

function languagesOf(state: UsStateCode, rng: Random): string[] {
  const others = [rng.pick(OTHER_LANGUAGES), ...(rng.chance(0.4) ? [rng.pick(OTHER_LANGUAGES)] : [])];
  const first = state === 'PR' ? ['Spanish', 'English'] : ['English'];
  return [...new Set([...first, ...(rng.chance(0.8) ? others : [])])];
}

/**
 * A synthetic directory for every state, D.C. and Puerto Rico: invented names marked "(demo)",
 * numbers from the fictional 555-01xx range and example.org addresses; about one in eight entries stale.
 */
export function demoProviders(opts: { seed?: number; now?: Date } = {}): ProviderEntry[] {
  const rng = seededRandom(opts.seed ?? 2026);
  const now = (opts.now ?? new Date()).getTime();
  let number = 0;
  return DEMO_STATES.flatMap((state) => {
    const inState = zipsOfState(state);
    return TEMPLATES.map((t): ProviderEntry => {
      const home = rng.pick(inState);
      const stale = rng.chance(0.12);
      const host = `${t.slug}-${state.toLowerCase()}.example.org`;
      return {
        code: `DEMO-${state}-${t.slug.toUpperCase()}`,
        name: `${t.root} of ${US_STATES[state]} (demo)`,
        description: `A synthetic entry for demonstrations; ${t.root} does not exist.`,
        phone: `+1888555${String(100 + (number++ % 100)).padStart(4, '0')}`,
        email: `help@${host}`,
        website: `https://${host}`,
        addressLine: `${rng.int(10, 990)} Example Street`,
        zip: home.zip,
        languages: languagesOf(state, rng),
        hours: rng.pick(HOURS),
        accessibility: rng.pick(ACCESS),
        verifiedOn: new Date(Math.floor((now - (stale ? rng.int(400, 900) : rng.int(5, 300)) * DAY_MS) / DAY_MS) * DAY_MS),
        services: servicesOf(t, rng),
        areas: areasOf(t, home, inState, rng),
      };
    });
  });
}
