import type { UsStateCode } from '../shared/places.ts';
import type { Random } from '../core/random.ts';
import type { HotlineCall, ReportInput } from './intake.schema.ts';
import type { Channel } from './intake.service.ts';

/**
 * Synthetic tips composed from parts: who reports, where, what they saw, online traces and what
 * happened next. Every person, phone number (555-01xx), handle and address is made up. Words follow
 * the language list: a child or young person is never described as choosing to be exploited, and
 * indicators are written as things someone saw, never as a judgement of the child.
 */

/** Two cities for every state, D.C. and Puerto Rico: tips come from the whole country. */
const CITIES: Partial<Record<UsStateCode, readonly [string, string]>> = {
  AL: ['Birmingham', 'Mobile'],
  AK: ['Anchorage', 'Fairbanks'],
  AZ: ['Phoenix', 'Tucson'],
  AR: ['Little Rock', 'Fort Smith'],
  CA: ['Fresno', 'Oakland'],
  CO: ['Denver', 'Pueblo'],
  CT: ['Hartford', 'New Haven'],
  DE: ['Wilmington', 'Dover'],
  DC: ['Washington', 'Washington'],
  FL: ['Orlando', 'Tampa'],
  GA: ['Atlanta', 'Savannah'],
  HI: ['Honolulu', 'Hilo'],
  ID: ['Boise', 'Idaho Falls'],
  IL: ['Chicago', 'Peoria'],
  IN: ['Indianapolis', 'Gary'],
  IA: ['Des Moines', 'Cedar Rapids'],
  KS: ['Wichita', 'Topeka'],
  KY: ['Louisville', 'Lexington'],
  LA: ['New Orleans', 'Shreveport'],
  ME: ['Portland', 'Bangor'],
  MD: ['Baltimore', 'Hagerstown'],
  MA: ['Boston', 'Springfield'],
  MI: ['Detroit', 'Grand Rapids'],
  MN: ['Minneapolis', 'Duluth'],
  MS: ['Jackson', 'Gulfport'],
  MO: ['St. Louis', 'Joplin'],
  MT: ['Billings', 'Missoula'],
  NE: ['Omaha', 'Lincoln'],
  NV: ['Las Vegas', 'Reno'],
  NH: ['Manchester', 'Nashua'],
  NJ: ['Newark', 'Atlantic City'],
  NM: ['Albuquerque', 'Las Cruces'],
  NY: ['Buffalo', 'Albany'],
  NC: ['Charlotte', 'Raleigh'],
  ND: ['Fargo', 'Bismarck'],
  OH: ['Columbus', 'Toledo'],
  OK: ['Tulsa', 'Oklahoma City'],
  OR: ['Portland', 'Salem'],
  PA: ['Philadelphia', 'Pittsburgh'],
  RI: ['Providence', 'Warwick'],
  SC: ['Columbia', 'Charleston'],
  SD: ['Sioux Falls', 'Rapid City'],
  TN: ['Memphis', 'Nashville'],
  TX: ['Houston', 'El Paso'],
  UT: ['Salt Lake City', 'Ogden'],
  VT: ['Burlington', 'Rutland'],
  VA: ['Richmond', 'Norfolk'],
  WA: ['Spokane', 'Tacoma'],
  WV: ['Charleston', 'Huntington'],
  WI: ['Milwaukee', 'Green Bay'],
  WY: ['Cheyenne', 'Casper'],
  PR: ['San Juan', 'Ponce'],
};
/** The states, D.C. and Puerto Rico the demo spreads its tips over. */
export const DEMO_STATES = Object.keys(CITIES) as UsStateCode[];
/** Busier states get more tips, as in real life; the rest still get some. */
const BUSY: readonly UsStateCode[] = ['TX', 'CA', 'FL', 'NY', 'GA', 'OH', 'IL', 'NV', 'PA', 'AZ'];

type Relationship = 'family' | 'friend' | 'professional' | 'neighbour' | 'self' | 'other';
interface Reporter {
  opening: string;
  relationship: Relationship;
  /** Where this person would see it; `{place}` in the opening is filled from these. */
  places: readonly string[];
}

const REPORTERS: readonly Reporter[] = [
  {
    opening: 'I work the night desk at {place} in {city}.',
    relationship: 'professional',
    places: ['a motel off the interstate', 'a hotel near the airport', 'an extended-stay hotel'],
  },
  {
    opening: 'I drive for a rideshare company in {city} and picked up a fare from {place} {when}.',
    relationship: 'professional',
    places: ['a motel by the highway', 'an apartment complex on the east side', 'a truck stop'],
  },
  {
    opening: 'I teach at a middle school in {city}.',
    relationship: 'professional',
    places: ['the school parking lot', 'the bus stop outside school', 'the school gym'],
  },
  {
    opening: 'I am a school counsellor in {city} and one of my students spoke to me {when}.',
    relationship: 'professional',
    places: ['the counselling office', 'the school library'],
  },
  {
    opening: 'I am an emergency room nurse in {city}.',
    relationship: 'professional',
    places: ['the emergency department', 'the hospital waiting room'],
  },
  {
    opening: 'I am a cashier at {place} in {city}.',
    relationship: 'professional',
    places: ['a gas station on the highway', 'a convenience store near the bus station', 'a 24-hour pharmacy'],
  },
  {
    opening: 'I drive a truck and stop overnight at {place} outside {city}.',
    relationship: 'professional',
    places: ['a truck stop', 'a rest area', 'a fuel plaza'],
  },
  {
    opening: 'I work security at {place} in {city}.',
    relationship: 'professional',
    places: ['the shopping mall', 'the Greyhound station', 'a casino'],
  },
  {
    opening: 'I am a foster carer in {city}.',
    relationship: 'family',
    places: ['our home', 'a park near our home', 'the corner store'],
  },
  {
    opening: 'I am worried about my niece, who lives with her mother in {city}.',
    relationship: 'family',
    places: ['her mother’s apartment', 'the mall', 'a friend’s house'],
  },
  {
    opening: 'My younger brother lives in {city} and I noticed something {when}.',
    relationship: 'family',
    places: ['our parents’ house', 'a skate park', 'the basketball courts'],
  },
  {
    opening: 'I live next door to a rental house in {city}.',
    relationship: 'neighbour',
    places: ['the house next door', 'the driveway next door', 'the street outside'],
  },
  {
    opening: 'I live in an apartment building in {city} and see the same thing most nights.',
    relationship: 'neighbour',
    places: ['the apartment across the hall', 'the building’s parking garage', 'the laundry room'],
  },
  {
    opening: 'A friend of mine from school in {city} told me something {when}.',
    relationship: 'friend',
    places: ['school', 'the mall', 'a party'],
  },
  {
    opening: 'I coach a youth soccer team in {city}.',
    relationship: 'professional',
    places: ['practice', 'the field', 'the team bus'],
  },
  {
    opening: 'I volunteer at a youth drop-in centre in {city}.',
    relationship: 'professional',
    places: ['the drop-in centre', 'the food pantry', 'the shelter intake desk'],
  },
  {
    opening: 'I am {age} and I live in {city}. I am writing about myself.',
    relationship: 'self',
    places: ['where I am staying now', 'a hotel', 'an apartment I was taken to'],
  },
  {
    opening: 'I clean rooms at {place} in {city}.',
    relationship: 'professional',
    places: ['a hotel downtown', 'a motel by the bus station', 'a roadside inn'],
  },
  {
    opening: 'I am a social worker in {city}.',
    relationship: 'professional',
    places: ['a home visit', 'the group home', 'the agency office'],
  },
  {
    opening: 'I was waiting for a bus at {place} in {city} {when}.',
    relationship: 'other',
    places: ['the central bus station', 'a transit centre', 'a bus stop by the freeway'],
  },
];

const WHEN = [
  'last night',
  'on Saturday evening',
  'early this morning',
  'twice this week',
  'over the past month',
  'a few days ago',
  'on Sunday afternoon',
  'around 2 a.m. yesterday',
  'last weekend',
  'three times since the start of the month',
];

/** What was seen, as observations; `{they}` etc. follow the child's described gender. */
const SEEN = [
  'I saw a {child} of about {age} at {place} with an adult man who answered every question for {them}',
  'a {child}, maybe {age}, came to {place} with two older men and did not seem to know which city {they} {was} in',
  'a {child} of around {age} checked in at {place} with a woman in her thirties who paid in cash for a week',
  'a {child} I believe is {age} arrived at {place} in a car that had dropped off other young people before',
  'I saw a {child} of about {age} at {place} who looked exhausted and was wearing clothes far too light for the weather',
  'a {child} of about {age} at {place} asked to borrow my phone, then changed {their} mind when a man walked up',
  'a {child} who told me {they} {was} {age} was at {place} late at night, well after school hours',
  'a {child} of about {age} at {place} had a new tattoo of a man’s name on {their} neck and would not talk about it',
  'a {child} of around {age} was brought to {place} by different adults on different nights',
  'a {child} who looks {age} was at {place} with several new phones and more cash than {they} could explain',
  'a {child} of about {age} at {place} said {they} owed someone money for a place to stay',
  'a {child} of around {age} at {place} had bruises on {their} arms and kept looking at the door',
];

/** When the young person writes about themself. */
const SELF_SEEN = [
  'I have been staying at {place} with a man who says I owe him for the room',
  'a man I met online brought me to {place} and keeps my phone',
  'I was moved from one city to another and do not know exactly where {place} is',
  'my boyfriend’s friend makes me meet men at {place} and takes the money',
];
const SELF_NEXT = ['Please do not call my mom yet.', 'I can text but not talk.', 'I want to get out but I am scared.', ''];

/** Indicators, each written as what was observed. */
const INDICATORS = [
  'The adult kept hold of {their} ID and phone.',
  '{They} {has} been reported missing from a group home before.',
  'Men I did not recognise came and went from the room every hour or so.',
  '{They} mentioned travelling between cities for “work”.',
  '{They} {has} missed weeks of school.',
  '{They} could not say where {they} {was} staying.',
  'An older man paid for everything and would not let {them} speak alone.',
  '{They} had hotel key cards from several different hotels.',
  'A classmate saw an online advert with photos that look like {them}.',
  '{They} seemed afraid of the man and looked at him before answering anything.',
  '{They} had a new expensive handbag and nails done, with no job or money at home.',
  'The car had out-of-state plates and someone waited in it with the engine running.',
];

const ONLINE = [
  { kind: 'social_platform', platform: 'a photo-sharing app', details: 'An older account sends {them} gifts and asks to meet.' },
  {
    kind: 'chat',
    platform: 'a gaming platform’s chat',
    details: 'Someone {they} met in a game asked {them} to move to a private app.',
  },
  {
    kind: 'web_page',
    platform: 'a classifieds site',
    details: 'An advert with photos that look like {them}, offering a “young new girl in town”.',
  },
  { kind: 'phone_text', platform: 'text messages', details: 'A number keeps texting {them} about “work” in another city.' },
  { kind: 'social_platform', platform: 'a short-video app', details: 'A profile that promises modelling jobs to teenagers.' },
  { kind: 'email', platform: 'email', details: 'Messages offering a bus ticket and a place to stay.' },
] as const;

const LODGING = /hotel|motel|inn\b/;
/** Rooms and key cards only where there are rooms. */
const indicatorsFor = (place: string) => (LODGING.test(place) ? INDICATORS : INDICATORS.filter((i) => !/room|key cards/.test(i)));

const NEXT = [
  'I did not approach them because I was afraid of making things worse.',
  'They left before I could call the police.',
  'I have written down the time and the car’s description.',
  'I am not sure it is what it looks like, but I could not stop thinking about it.',
  'I told my manager, who said to report it here.',
  'The {child} looked at me as if {they} wanted help.',
  'I can describe the man if someone calls me back.',
  '',
  '',
];

const ADULTS = [
  'A man in his forties, heavy-set, with a grey beard and a cap.',
  'A tall man in his twenties with a neck tattoo and a red jacket.',
  'A woman about 35 with long dark hair who did all the talking.',
  'Two men in their thirties; one drove, one stayed with the young people.',
  'A man about 50 in a suit, who left quickly when he saw me.',
];

const VEHICLES = [
  { make: 'Chevrolet', model: 'Tahoe', colour: 'black' },
  { make: 'Nissan', model: 'Altima', colour: 'silver' },
  { make: 'Dodge', model: 'Charger', colour: 'white' },
  { make: 'Ford', model: 'Transit', colour: 'white' },
  { make: 'Honda', model: 'Accord', colour: 'dark blue' },
];

const FIRST = ['Alex', 'Jordan', 'Sam', 'Taylor', 'Casey', 'Riley', 'Morgan', 'Jamie', 'Avery', 'Drew', 'Quinn', 'Reese'];
const LAST = ['Demo', 'Example', 'Sample', 'Testwell', 'Placeholder', 'Fictional'];

const GENDERED = {
  female: { child: 'girl', they: 'she', them: 'her', their: 'her', was: 'was', has: 'has' },
  male: { child: 'boy', they: 'he', them: 'him', their: 'his', was: 'was', has: 'has' },
  unknown: { child: 'young person', they: 'they', them: 'them', their: 'their', was: 'were', has: 'have' },
} as const;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function fill(template: string, words: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const lower = k.charAt(0).toLowerCase() + k.slice(1);
    const word = words[lower] ?? k;
    return k === lower ? word : capitalised(word);
  });
}

const phone = (rng: Random) => `(${rng.int(201, 989)}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`;

/** The demo clearinghouse is Oklahoma's (its partner is the Tulsa police): a fifth of the tips come from home. */
const HOME: UsStateCode = 'OK';

function stateOf(rng: Random): UsStateCode {
  const roll = rng.next();
  return roll < 0.2 ? HOME : roll < 0.55 ? rng.pick(BUSY) : rng.pick(DEMO_STATES);
}

/** Distinct picks: a narrative never repeats the same indicator twice. */
function some<T>(rng: Random, items: readonly T[], n: number): T[] {
  const left = [...items];
  const out: T[] = [];
  while (out.length < n && left.length > 0) out.push(left.splice(Math.floor(rng.next() * left.length), 1)[0]!);
  return out;
}

/** A synthetic tip: generated place, ages and words; no real person behind it. */
export function demoReport(rng: Random): ReportInput {
  const state = stateOf(rng);
  const city = rng.pick(CITIES[state]!);
  const reporter = rng.pick(REPORTERS);
  const gender = rng.pick(['female', 'female', 'female', 'male', 'unknown'] as const);
  const age = rng.int(12, 17);
  const place = rng.pick(reporter.places);
  const words = { ...GENDERED[gender], place, city, age: String(age), when: rng.pick(WHEN) };
  const self = reporter.relationship === 'self';
  const seen = fill(rng.pick(self ? SELF_SEEN : SEEN), words);
  const description = [
    fill(reporter.opening, words),
    // The time is said once: in the opening when it names it, else before what was seen.
    self || reporter.opening.includes('{when}') ? `${capitalised(seen)}.` : `${capitalised(words.when)}, ${seen}.`,
    ...(self ? [] : some(rng, indicatorsFor(place), rng.int(1, 3)).map((i) => fill(i, words))),
    fill(rng.pick(self ? SELF_NEXT : NEXT), words),
  ]
    .filter((s) => s !== '')
    .join(' ');
  const online = rng.chance(0.35) ? rng.pick(ONLINE) : undefined;
  const adult = rng.chance(0.6);
  const anonymous = self ? rng.chance(0.8) : rng.chance(0.5);
  const name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const incidentType = online
    ? rng.pick(['online_enticement', 'child_sex_trafficking'] as const)
    : rng.pick(['child_sex_trafficking', 'child_sex_trafficking', 'child_sex_trafficking', 'other'] as const);
  return {
    incident: {
      type: incidentType,
      description,
      ...(rng.chance(0.08)
        ? { escalationReason: fill('The {child} said {they} will be moved to another city tonight.', words) }
        : {}),
    },
    location: {
      state,
      city,
      ...(rng.chance(0.4) ? { details: capitalised(place) } : {}),
      ...(rng.chance(0.2)
        ? { address: `${rng.int(100, 9899)} ${rng.pick(['Main', 'Oak', 'Airport', 'Industrial', 'Lake'])} St` }
        : {}),
    },
    ...(online
      ? {
          online: [
            {
              kind: online.kind,
              platform: online.platform,
              identifier:
                online.kind === 'phone_text'
                  ? phone(rng)
                  : online.kind === 'email'
                    ? `offer${rng.int(100, 999)}@example.net`
                    : `@${rng.pick(['sweet', 'vip', 'model', 'star'])}_${rng.pick(['jobs', 'scout', 'promo'])}${rng.int(10, 999)}`,
              details: fill(online.details, words),
            },
          ],
        }
      : {}),
    children: [
      {
        approximateAge: age,
        gender: gender === 'unknown' ? 'unknown' : gender,
        ...(rng.chance(0.2) ? { missing: true } : {}),
      },
      ...(rng.chance(0.12) ? [{ approximateAge: rng.int(13, 17), gender: 'unknown' as const }] : []),
    ],
    ...(adult
      ? {
          persons: [
            {
              role: 'trafficker' as const,
              description: rng.pick(ADULTS),
              ...(rng.chance(0.3) ? { identifiers: [{ kind: 'phone' as const, value: phone(rng) }] } : {}),
              ...(rng.chance(0.3)
                ? { vehicle: { ...rng.pick(VEHICLES), plate: `${rng.int(100, 999)}-DMO`, plateState: state } }
                : {}),
            },
          ],
        }
      : {}),
    reporter: anonymous
      ? { anonymous: true }
      : {
          anonymous: false,
          name,
          email: `${name.toLowerCase().replace(' ', '.')}${rng.int(1, 99)}@example.org`,
          ...(rng.chance(0.5) ? { phone: phone(rng) } : {}),
          relationship: reporter.relationship,
          consentToContact: rng.chance(0.7),
        },
  };
}

export interface DemoTip {
  body: ReportInput;
  channel: Channel;
  receivedAt: Date;
  call?: HotlineCall;
}

/** A tip as it arrived: most through the web form, some by API, some taken on the hotline. */
export function demoTip(rng: Random, receivedAt: Date): DemoTip {
  const body = demoReport(rng);
  const roll = rng.next();
  const channel: Channel = roll < 0.55 ? 'web_form' : roll < 0.8 ? 'api' : 'hotline';
  if (channel !== 'hotline') return { body, channel, receivedAt };
  const endedAt = new Date(receivedAt.getTime() - rng.int(1, 10) * 60_000);
  const startedAt = new Date(endedAt.getTime() - rng.int(4, 40) * 60_000);
  return {
    body,
    channel,
    receivedAt,
    call: {
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      language: rng.chance(0.85) ? 'en' : 'es',
      callerType: body.reporter?.anonymous === false ? (body.reporter.relationship ?? 'other') : 'anonymous',
      callbackConsent: body.reporter?.anonymous === false ? (body.reporter.consentToContact ?? false) : false,
    },
  };
}
