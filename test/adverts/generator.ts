/**
 * Labelled synthetic adverts for testing the identifier extractor and the linker. Seeded and pure:
 * the same (count, seed) gives the same adverts. Every phone number is fictional (NXX-555-0100…0199),
 * every name is made of syllables, every site is an example domain.
 *
 * Adverts come in networks (group): adverts of one network share some of its phones, emails and
 * handles. A few hub identifiers (a site's "verify at" URL, a support line, a booking handle) appear
 * in many unrelated adverts and are flagged `hub: true` in the truth, as a linker must not join
 * networks through them. Each advert's phones use one obfuscation style (`truth.style`), and styles
 * rotate so every style is equally represented. Bodies carry distractors: prices, dates, times,
 * heights, weights, measurements, ZIP codes and long reference numbers.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { seededRandom, type Random } from '../../src/core/random.ts';
import type { ObfuscationStyle } from '../../src/leads/index.ts';
import { US_CITIES } from '../../src/leads/extract/cities.ts';
import { RENDER, STYLES } from './phone-styles.ts';

export interface PlantedPhone {
  e164: string;
  style: ObfuscationStyle;
  text: string;
  hub: boolean;
}
export interface PlantedEmail {
  value: string;
  obfuscated: boolean;
  hub: boolean;
}
export interface PlantedHandle {
  platform: string | null;
  value: string;
  hub: boolean;
}
export interface PlantedUrl {
  value: string;
  hub: boolean;
}

export interface AdvertTruth {
  group: string;
  style: ObfuscationStyle;
  phones: PlantedPhone[];
  emails: PlantedEmail[];
  handles: PlantedHandle[];
  urls: PlantedUrl[];
  ages: number[];
  /** Linking keys of the planted phones, emails and handles, in `identifierKeys` form (tel:, email:, handle:). */
  identifiers: string[];
}

export interface GeneratedAdvert {
  id: string;
  url: string;
  site: string;
  posted_at: string;
  city: string;
  state: string;
  title: string;
  body: string;
  truth: AdvertTruth;
}

const SITES = ['classifieds.example.com', 'citylistings.example.net', 'personals.example.org', 'adboard.example.com'];
const SYLLABLES = [
  'ka',
  'li',
  'na',
  'ro',
  'mi',
  'sa',
  've',
  'la',
  'ty',
  'ra',
  'ne',
  'jo',
  'da',
  'ki',
  'lu',
  'zo',
  'ma',
  'ri',
  'sha',
  'bel',
];
const MAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'proton.me', 'mail.example.com'];
const PLATFORMS: readonly [platform: string, shown: readonly string[]][] = [
  ['instagram', ['IG: @', 'Insta: ', 'instagram @']],
  ['snapchat', ['snap: ', 'Snapchat - ', 'SC: ']],
  ['telegram', ['telegram @', 'TG: ']],
  ['kik', ['kik: ', 'Kik = ']],
  ['onlyfans', ['OF: ', 'onlyfans: ']],
  ['x', ['twitter @', 'X: @']],
  ['tiktok', ['tiktok @', 'TikTok: ']],
];
const OPENERS = [
  'New in town',
  'Sweet and discreet',
  'Available now',
  'Visiting this week',
  'Relaxing company',
  'Upscale and fun',
  'Last night in town',
];
/** Prose around the identifiers, with the words a careless reader of digits would trip on ("for", "to", "one", "I", "SO"). */
const PROSE = [
  'Sweet, classy and discreet',
  'I love to make you smile',
  'Come see me for a good time',
  'No rush, one on one only',
  'Oh and I am so easy to talk to',
  'Friendly, open minded and fun',
  'Looking for a gentleman who knows how to treat a lady',
  'Ask for specials',
  'Be respectful or be blocked',
  'SO much fun, you will come back for more',
  'Ten out of ten, trust me',
  'I ate dinner late so text first',
  'Won the hearts of many',
  'Two can play this game',
  'Here for you, day or night',
  'Serious inquiries only, no games',
  'Bring a smile and an open mind',
  'Text first, I do not answer private numbers',
];
const PHONE_LINES = [
  'Call me at {p}',
  'Text {p} for appointments',
  '{p} 📱',
  'Hit me up: {p}',
  'My number is {p}',
  '☎ {p}',
  'txt {p} no blocked calls',
  'Call or text {p}',
];

/** Area codes for which NXX-555-01XX is a valid number to libphonenumber-js, found once at load. */
const AREA_CODES: readonly string[] = (() => {
  const codes: string[] = [];
  for (let a = 200; a <= 999; a++) {
    const s = String(a);
    if (s[1] === '9' || s.slice(1) === '11' || s[1] === s[2]) continue;
    if (parsePhoneNumberFromString(`+1${s}5550134`)?.isValid()) codes.push(s);
  }
  return codes;
})();

/** The k-th fictional number: unique for the first AREA_CODES.length × 100 networks, then reused. */
function fictionalNumber(k: number): string {
  const area = AREA_CODES[k % AREA_CODES.length]!;
  const line = 100 + (Math.floor(k / AREA_CODES.length) % 100);
  return `${area}5550${line}`;
}

interface Network {
  id: string;
  remaining: number;
  phones: string[];
  emails: string[];
  handles: [string, string][];
}

interface Hubs {
  phone: string;
  url: string;
  handle: [string, string];
}

function name(rng: Random): string {
  let s = '';
  for (let k = rng.int(2, 3); k > 0; k--) s += rng.pick(SYLLABLES);
  return s;
}

function newNetwork(rng: Random, k: number): Network {
  const base = name(rng);
  return {
    id: `net-${k}`,
    remaining: rng.pick([1, 1, 2, 3, 4, 6, 9]),
    phones: rng.chance(0.3) ? [fictionalNumber(2 * k + 1000), fictionalNumber(2 * k + 1001)] : [fictionalNumber(2 * k + 1000)],
    emails: rng.chance(0.4) ? [`${base}${rng.int(1, 99)}@${rng.pick(MAIL_DOMAINS)}`] : [],
    handles: rng.chance(0.5)
      ? [[rng.pick(PLATFORMS)[0], `${base}_${rng.pick(['x', 'vip', 'baby', 'official'])}${rng.int(1, 9)}`]]
      : [],
  };
}

function hubsFor(): Hubs[] {
  return [0, 1, 2].map((k) => ({
    phone: fictionalNumber(k),
    url: `https://verify${k}.example.com/check`,
    handle: ['telegram', `bookings_desk${k}`],
  }));
}

/** Adverts one at a time, for collections of millions; memory stays constant. */
export function* advertStream(count: number, seed: number): Generator<GeneratedAdvert> {
  const rng = seededRandom(seed);
  const hubs = hubsFor();
  const open: Network[] = [];
  let networks = 0;
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i++) {
    while (open.length < 40) open.push(newNetwork(rng, networks++));
    const slot = rng.int(0, open.length - 1);
    const network = open[slot]!;
    if (--network.remaining <= 0) open.splice(slot, 1);
    yield advert(rng, i, seed, network, hubs, STYLES[i % STYLES.length]!, new Date(start + i * 97_000).toISOString());
  }
}

/** `count` adverts as an array; with `{ count, seed }`, the same adverts as a stream (for millions). */
export function generateAdverts(count: number, seed?: number): GeneratedAdvert[];
export function generateAdverts(options: { count: number; seed: number }): Iterable<GeneratedAdvert>;
export function generateAdverts(
  count: number | { count: number; seed: number },
  seed = 1,
): GeneratedAdvert[] | Iterable<GeneratedAdvert> {
  return typeof count === 'number' ? [...advertStream(count, seed)] : advertStream(count.count, count.seed);
}

function advert(
  rng: Random,
  i: number,
  seed: number,
  network: Network,
  hubs: Hubs[],
  style: ObfuscationStyle,
  postedAt: string,
): GeneratedAdvert {
  const [city, state] = rng.pick(US_CITIES);
  const site = rng.pick(SITES);
  const truth: AdvertTruth = {
    group: network.id,
    style,
    phones: [],
    emails: [],
    handles: [],
    urls: [],
    ages: [],
    identifiers: [],
  };
  const sentences: string[] = [];
  const phones = network.phones.filter((_, k) => k === 0 || rng.chance(0.6));
  for (const digits of phones) sentences.push(phoneSentence(rng, digits, style, false, truth));
  const hub = rng.chance(0.15) ? rng.pick(hubs) : null;
  if (hub && rng.chance(0.4)) sentences.push(`Booking line ${phoneSentence(rng, hub.phone, style, true, truth)}`);
  for (const email of network.emails) sentences.push(emailSentence(rng, email, truth, false));
  for (const [platform, value] of network.handles) sentences.push(handleSentence(rng, platform, value, truth, false));
  if (hub && rng.chance(0.5)) {
    sentences.push(`Verify me at ${hub.url}`);
    truth.urls.push({ value: hub.url, hub: true });
  } else if (hub) sentences.push(handleSentence(rng, hub.handle[0], hub.handle[1], truth, true));
  sentences.push(ageSentence(rng, truth));
  for (let k = rng.int(2, 4); k > 0; k--) sentences.push(distractor(rng, city, state));
  for (let k = rng.int(2, 6); k > 0; k--) sentences.push(rng.pick(PROSE));
  shuffle(rng, sentences);
  const title = `${rng.pick(OPENERS)} in ${city} ${rng.pick(['🌸', '💋', '✨', ''])}`.trim();
  truth.identifiers = [
    ...truth.phones.map((p) => `tel:${p.e164}`),
    ...truth.emails.map((e) => `email:${e.value}`),
    ...truth.handles.map((h) => `handle:${h.platform ?? ''}:${h.value}`),
  ];
  return {
    id: `ad-${seed}-${i}`,
    url: `https://${site}/ads/${city.toLowerCase().replace(/[^a-z]+/g, '-')}/${seed}${i}`,
    site,
    posted_at: postedAt,
    city,
    state,
    title,
    body: `${sentences.join(rng.pick(['. ', '.\n', ' 🌹 ', '!\n\n']))}.`,
    truth,
  };
}

function phoneSentence(rng: Random, digits: string, style: ObfuscationStyle, hub: boolean, truth: AdvertTruth): string {
  const text = RENDER[style](digits, rng);
  truth.phones.push({ e164: `+1${digits}`, style, text, hub });
  return rng.pick(PHONE_LINES).replace('{p}', text);
}

function emailSentence(rng: Random, email: string, truth: AdvertTruth, hub: boolean): string {
  const obfuscated = rng.chance(0.5);
  const [local, domain] = email.split('@') as [string, string];
  const shown = obfuscated
    ? `${local} ${rng.pick(['at', '[at]', '(at)'])} ${domain.replace(/\./g, ` ${rng.pick(['dot', '[dot]'])} `)}`
    : email;
  truth.emails.push({ value: email, obfuscated, hub });
  return `${rng.pick(['Email', 'Write to', 'Mail'])} ${shown}`;
}

function handleSentence(rng: Random, platform: string, value: string, truth: AdvertTruth, hub: boolean): string {
  const bare = rng.chance(0.15);
  truth.handles.push({ platform: bare ? null : platform, value, hub });
  if (bare) return `Find me @${value}`;
  const shown = rng.pick(PLATFORMS.find(([p]) => p === platform)![1]);
  return `${rng.pick(['Add me on', 'Follow', 'Message me'])} ${shown}${value}`;
}

function ageSentence(rng: Random, truth: AdvertTruth): string {
  const age = rng.int(18, 29);
  truth.ages.push(age);
  return rng.pick([`${age} yrs`, `age ${age}`, `${age}yo`, `I'm ${age}`, `${age} years old`]);
}

function distractor(rng: Random, city: string, state: string): string {
  const price = rng.pick([80, 100, 120, 150, 160, 200, 250, 300, 400]);
  const zip = String(rng.int(10000, 99999));
  return rng.pick([
    `$${price}/hr`,
    `${price} roses for the hour`,
    `${price}hh ${price * 2}h`,
    `$${price * 3} overnight`,
    `Available ${rng.int(1, 12)}/${rng.int(1, 28)}`,
    `Here until Dec ${rng.int(4, 20)}th`,
    `Posted 2025-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    `${rng.int(4, 5)}'${rng.int(0, 11)}" and ${rng.int(100, 160)} lbs`,
    `${rng.int(4, 5)} ft ${rng.int(0, 11)}`,
    `${rng.int(32, 38)}${rng.pick(['B', 'C', 'DD'])}-${rng.int(22, 30)}-${rng.int(32, 40)}`,
    `${city}, ${state} ${zip}`,
    `zip ${zip}`,
    `${rng.int(9, 11)}am to ${rng.int(1, 3)}am`,
    'Open 24/7',
    `Ref #${rng.int(100000, 999999)}${rng.int(100000, 999999)}`,
    `Order ${rng.int(1000, 9999)}${rng.int(10000000, 99999999)}`,
    `${rng.int(2, 3)} girls available`,
    `${rng.int(30, 60)} min special`,
    `${rng.int(10, 59)}% off for regulars`,
  ]);
}

function shuffle<T>(rng: Random, items: T[]): void {
  for (let k = items.length - 1; k > 0; k--) {
    const j = rng.int(0, k);
    [items[k], items[j]] = [items[j]!, items[k]!];
  }
}
