import { US_STATE_CODES, type UsStateCode } from '../shared/places.ts';
import type { Random } from '../core/random.ts';
import type { ReportInput } from './intake.schema.ts';

const CITIES: Partial<Record<UsStateCode, string[]>> = {
  OK: ['Tulsa', 'Oklahoma City', 'Norman'],
  TX: ['Houston', 'Dallas', 'El Paso', 'San Antonio'],
  CA: ['Fresno', 'Oakland', 'San Diego', 'Sacramento'],
  FL: ['Orlando', 'Tampa', 'Jacksonville'],
  NY: ['Buffalo', 'Albany', 'Rochester'],
  GA: ['Atlanta', 'Savannah'],
  OH: ['Columbus', 'Toledo'],
  NV: ['Las Vegas', 'Reno'],
  IL: ['Springfield', 'Peoria'],
  WA: ['Spokane', 'Tacoma'],
  PR: ['San Juan', 'Ponce'],
};

const PLACES = [
  'the motel off the highway',
  'a truck stop near the interstate',
  'the bus station',
  'an apartment complex on the east side',
  'a late-night diner',
  'a hotel near the airport',
  'the shopping mall parking lot',
];

const OBSERVATIONS = [
  'an older man answers every question for {them} and keeps hold of {their} phone',
  '{they} seemed frightened, would not give a name, and looked at the man before speaking',
  '{they} had several new phones and a large amount of cash that did not fit {their} situation',
  'different adults drop {them} off and pick {them} up at odd hours',
  '{they} mentioned travelling between cities and did not seem to know where {they} was staying',
  '{they} has missed weeks of school and a classmate saw an online advert that looks like {them}',
  '{they} has a new tattoo of a name and would not explain it',
  '{they} appeared tired and underfed and carried only a small bag',
];

const OPENINGS = [
  'I work nights at {place} and keep seeing a {child} who looks about {age}.',
  'A {child}, maybe {age} years old, has been at {place} several times this month.',
  'I am a teacher. One of my students, about {age}, was picked up from {place} by an adult I do not recognise.',
  'While waiting at {place} I noticed a {child} of around {age} with two older men.',
];

const GENDERED = {
  female: { child: 'girl', they: 'she', them: 'her', their: 'her' },
  male: { child: 'boy', they: 'he', them: 'him', their: 'his' },
  unknown: { child: 'young person', they: 'they', them: 'them', their: 'their' },
} as const;

function fill(template: string, words: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => words[k] ?? k);
}

/** A synthetic tip: generated place, ages and words; no real person behind it. */
export function demoReport(rng: Random): ReportInput {
  const state = rng.chance(0.6) ? rng.pick(Object.keys(CITIES) as UsStateCode[]) : rng.pick(US_STATE_CODES);
  const city = CITIES[state] ? rng.pick(CITIES[state]!) : undefined;
  const gender = rng.pick(['female', 'female', 'female', 'male', 'unknown'] as const);
  const age = rng.int(12, 17);
  const words = { ...GENDERED[gender], place: rng.pick(PLACES), age: String(age) };
  const description = [
    fill(rng.pick(OPENINGS), words),
    fill(rng.pick(OBSERVATIONS), words) + '.',
    rng.chance(0.5) ? fill(rng.pick(OBSERVATIONS), words) + '.' : '',
  ]
    .join(' ')
    .replace(/(^|\. )(\w)/g, (_, p: string, c: string) => p + c.toUpperCase())
    .trim();
  const anonymous = rng.chance(0.6);
  return {
    incident: {
      type: rng.pick([
        'child_sex_trafficking',
        'child_sex_trafficking',
        'child_sex_trafficking',
        'online_enticement',
        'other',
      ] as const),
      description,
      ...(rng.chance(0.1) ? { escalationReason: 'The child may be moved to another city tonight.' } : {}),
    },
    location: { state, ...(city ? { city } : {}) },
    children: [{ approximateAge: age, gender: gender === 'unknown' ? 'unknown' : gender }],
    reporter: anonymous
      ? { anonymous: true }
      : {
          anonymous: false,
          name: `Demo Reporter ${rng.int(100, 999)}`,
          email: `reporter${rng.int(1000, 9999)}@example.org`,
          consentToContact: rng.chance(0.7),
        },
  };
}
