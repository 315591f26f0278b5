import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Random } from '../core/random.ts';

/**
 * A synthetic advert collection for the demo and the benchmarks: most adverts stand alone, and
 * planted networks re-use a few phone numbers and photos (the same image hash) across adverts,
 * cities and sites, as the linker expects. Numbers are fictional (NXX-555-01xx), sites are example
 * domains, and no advert names or pictures a person.
 */

export interface DemoAdvert {
  id: string;
  url: string;
  site: string;
  posted_at: string;
  city: string;
  state: string;
  title: string;
  body: string;
  pdq?: string[];
}

/** A planted network: its phones (E.164) and how many adverts carry them. */
export interface PlantedNetwork {
  phones: string[];
  adverts: number;
}

const SITES = ['classifieds.example.com', 'citylistings.example.net', 'personals.example.org', 'adboard.example.com'];
const PLACES = [
  { city: 'Tulsa', state: 'OK' },
  { city: 'Oklahoma City', state: 'OK' },
  { city: 'Dallas', state: 'TX' },
  { city: 'Houston', state: 'TX' },
  { city: 'Wichita', state: 'KS' },
  { city: 'Little Rock', state: 'AR' },
  { city: 'Kansas City', state: 'MO' },
  { city: 'Albuquerque', state: 'NM' },
  { city: 'Atlanta', state: 'GA' },
  { city: 'Las Vegas', state: 'NV' },
  { city: 'Orlando', state: 'FL' },
  { city: 'Chicago', state: 'IL' },
] as const;
const TITLES = [
  'New in {city} this week',
  'Visiting {city} for a few days only',
  'Sweet and friendly, {city} outcall',
  'Relaxing massage near the airport',
  'Just arrived in {city}, available now',
  'Fun company tonight in {city}',
  'Spa special near downtown {city}',
];
const LINES = [
  'Call or text {phone} to book.',
  'Txt only {phone}, no calls before noon.',
  'Ask for Kandi at {phone}.',
  'Serious inquiries only: {phone}.',
  'Booking line {phone}, verified reviews.',
];
const HANDLE_LINES = [
  'DM {handle} for rates.',
  'Snap {handle}.',
  'Message me on the app: {handle}.',
  'Follow {handle} for pics.',
];
const EXTRAS = [
  'Incall and outcall. Hotel friendly.',
  'In town until Sunday, then moving on.',
  'Young and new to this.',
  'Cash only, no police.',
  'Discreet location off the highway.',
  'Age 19, ask about specials.',
  'Available 24/7 this weekend.',
  'Walk-ins welcome after 9 pm.',
];

const hex = (rng: Random, digits: number) => Array.from({ length: digits }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
const fill = (t: string, w: Record<string, string>) => t.replace(/\{(\w+)\}/g, (_, k: string) => w[k] ?? k);

/** A fictional phone number written the ways adverts write them. */
function written(rng: Random, e164: string): string {
  const [a, b, c] = [e164.slice(2, 5), e164.slice(5, 8), e164.slice(8)];
  return rng.pick([`${a}-${b}-${c}`, `(${a}) ${b} ${c}`, `${a}.${b}.${c}`, `${a} ${b} ${c}`]);
}

const isUsNumber = (e164: string) => {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.isValid() === true && parsed.country === 'US';
};

/** US area codes for which NXX-555-01XX reads as a valid number, so the extractor finds it. */
const AREA_CODES: readonly string[] = (() => {
  const codes: string[] = [];
  for (let a = 201; a <= 989; a += 1) {
    const s = String(a);
    if (s[1] !== '9' && s.slice(1) !== '11' && isUsNumber(`+1${s}5550134`)) codes.push(s);
  }
  return codes;
})();
/** How many distinct fictional numbers there are; past that, networks are told apart by handles alone. */
const PHONE_SPACE = AREA_CODES.length * 100;

/** The k-th fictional number in a seeded order of area codes: distinct for every k below PHONE_SPACE. */
const fictionalPhone = (areas: readonly string[], k: number) =>
  `+1${areas[k % areas.length]!}55501${String(Math.floor(k / areas.length) % 100).padStart(2, '0')}`;

function shuffled<T>(rng: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const SYLLABLES = ['ka', 'li', 'na', 'ro', 'mi', 'sa', 've', 'la', 'ty', 'ra', 'ne', 'jo'];
/** The k-th made-up handle: syllables for the look, the number keeps it distinct. */
const handleOf = (rng: Random, k: number) => `@${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}_${k.toString(36)}`;

/**
 * `count` adverts over the `days` before `now`. About a third of the runs are planted networks of
 * 3–30 adverts sharing 1–3 phones, a handle and often a photo; the networks are pushed onto
 * `networks` so the demo can put some of their phones on cases and see leads raised.
 */
export function* demoAdverts(
  rng: Random,
  count: number,
  now: number,
  days = 90,
  networks: PlantedNetwork[] = [],
): Generator<DemoAdvert> {
  let i = 0;
  let phones = 0;
  let handles = 0;
  const areas = shuffled(rng, AREA_CODES);
  const nextPhone = () => (phones < PHONE_SPACE ? [fictionalPhone(areas, phones++)] : []);
  while (i < count) {
    const place = rng.pick(PLACES);
    const inNetwork = rng.chance(0.35);
    const size = inNetwork ? Math.min(count - i, rng.int(3, 30)) : 1;
    // Standalone adverts mostly give a handle: the fictional phone range is kept for the networks.
    const own = inNetwork ? Array.from({ length: rng.int(1, 3) }, nextPhone).flat() : rng.chance(0.1) ? nextPhone() : [];
    const handle = handleOf(rng, handles++);
    const photo = inNetwork && rng.chance(0.7) ? hex(rng, 64) : undefined;
    if (inNetwork && own.length > 0) networks.push({ phones: own, adverts: size });
    for (let j = 0; j < size; j += 1, i += 1) {
      // Networks move: one advert in four is posted from another city.
      const where = inNetwork && rng.chance(0.25) ? rng.pick(PLACES) : place;
      const phone = own.length > 0 && (j < own.length || rng.chance(0.8)) ? own[j % own.length] : undefined;
      const words = { city: where.city, phone: phone ? written(rng, phone) : '', handle };
      // A new number is first given beside the one before it, so every planted network is connected.
      const previous = j > 0 && j < own.length ? own[j - 1] : undefined;
      const contact = [
        phone ? fill(rng.pick(LINES), words) : '',
        previous ? `Old number ${written(rng, previous)} still works.` : '',
        !phone || (inNetwork && rng.chance(0.3)) ? fill(rng.pick(HANDLE_LINES), words) : '',
      ];
      const id = `demo-${String(i + 1).padStart(8, '0')}`;
      const site = rng.pick(SITES);
      yield {
        id,
        url: `https://${site}/${where.city.toLowerCase().replace(/[^a-z]+/g, '-')}/${id}`,
        site,
        posted_at: new Date(now - rng.next() * days * 86_400_000).toISOString(),
        city: where.city,
        state: where.state,
        title: fill(rng.pick(TITLES), words),
        body: [...contact, ...shuffled(rng, EXTRAS).slice(0, rng.int(1, 2))].filter((p) => p !== '').join(' '),
        ...(photo && rng.chance(0.8) ? { pdq: [photo] } : {}),
      };
    }
  }
}
