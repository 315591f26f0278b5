import { US_STATES, type UsStateCode } from '../../shared/places.ts';
import { NOT_ALONE, US_CITIES } from './cities.ts';
import type { FoundPlace } from './types.ts';

const STATE_BY_NAME = new Map<string, UsStateCode>(
  (Object.entries(US_STATES) as [UsStateCode, string][]).map(([code, name]) => [name.toLowerCase(), code]),
);
const STATE_CODES = new Set<string>(Object.keys(US_STATES));
const CITY_STATE = new Map<string, UsStateCode>();
for (const [city, state] of US_CITIES) if (!CITY_STATE.has(city.toLowerCase())) CITY_STATE.set(city.toLowerCase(), state);

/** Codes that are also English words: "Sweet, OK" is not a town in Oklahoma unless the town is known. */
const WORDLIKE_CODES = new Set(['OK', 'IN', 'ME', 'OR', 'HI', 'OH', 'AS', 'DE', 'PA', 'MA', 'LA', 'CO', 'ID', 'AL', 'GA', 'MO']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
const STATE_NAME_LIST = Object.values(US_STATES).filter((n) => !n.includes('.'));
const STATE_NAMES = [...STATE_NAME_LIST].sort(byLength).map(escape).join('|');
const CITY = String.raw`[A-Z][a-zA-Z'’-]+\.?(?:\s[A-Z][a-zA-Z'’-]+\.?){0,2}`;
/** "Tulsa, OK", "Tulsa, OK 74103", "Tulsa, Oklahoma". */
const CITY_COMMA_STATE = new RegExp(String.raw`\b(${CITY}),\s?(?:([A-Z]{2})\b|(${STATE_NAMES})\b)`, 'g');
const ALONE = [...CITY_STATE.keys()]
  .map(titleCase)
  .concat(STATE_NAME_LIST)
  .filter((n) => !NOT_ALONE.has(n));
const KNOWN_NAME = new RegExp(String.raw`\b(${ALONE.sort(byLength).map(escape).join('|')})\b`, 'g');

function titleCase(s: string): string {
  return s.replace(/(^|[\s-])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
}

/** "Reno Ave", "1200 Tulsa Street": a known name used for a street. */
const STREET_AFTER =
  /^\s+(?:Ave|Avenue|St|Street|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Pkwy|Parkway|Hwy|Highway|Ct|Court|Pl|Place|Ter|Terrace|Cir|Circle|Expy|Expressway|Fwy|Freeway|Trl|Trail)\b/;
const HOUSE_NUMBER_BEFORE = /\b\d{1,6}\s+(?:[NSEW]\.?\s+)?$/;
const isStreet = (text: string, start: number, end: number) =>
  STREET_AFTER.test(text.slice(end, end + 14)) || HOUSE_NUMBER_BEFORE.test(text.slice(Math.max(0, start - 12), start));

/**
 * `state`: the state the text is about (a tip's location). A bare city name known only in another
 * state is then left out ("Reno" in an Oklahoma tip is not Reno, NV); a written "City, ST" stays.
 */
export function findPlaces(text: string, opts: { state?: string | undefined } = {}): FoundPlace[] {
  const found: FoundPlace[] = [];
  CITY_COMMA_STATE.lastIndex = 0;
  for (let m = CITY_COMMA_STATE.exec(text); m; m = CITY_COMMA_STATE.exec(text)) {
    const place = cityWithState(withoutLeadIn(m[1]!), m[2], m[3]);
    const start = m.index + m[1]!.length - (place?.city?.length ?? 0);
    if (place) found.push({ ...place, span: { start, end: m.index + m[0].length } });
    else CITY_COMMA_STATE.lastIndex = m.index + 1;
  }
  KNOWN_NAME.lastIndex = 0;
  for (let m = KNOWN_NAME.exec(text); m; m = KNOWN_NAME.exec(text)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (found.some((p) => p.span.start < span.end && span.start < p.span.end)) continue;
    if (isStreet(text, span.start, span.end)) continue;
    const key = m[0].toLowerCase();
    const city = CITY_STATE.get(key);
    if (city && opts.state && city !== opts.state) continue;
    if (city) found.push({ city: m[0], state: city, span });
    else found.push({ city: null, state: STATE_BY_NAME.get(key)!, span });
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** Capitalised words that start a sentence rather than name a town ("Visiting Tulsa, OK"). */
const LEAD_IN = new Set([
  'in',
  'at',
  'near',
  'from',
  'around',
  'visiting',
  'outcall',
  'incall',
  'call',
  'text',
  'the',
  'and',
  'to',
  'of',
  'i',
  'im',
  'am',
  'me',
  'my',
  'available',
  'now',
  'only',
  'downtown',
  'new',
  'located',
  'here',
]);

function withoutLeadIn(rawCity: string): string {
  const words = rawCity.split(/\s/);
  let k = 0;
  while (k < words.length - 1 && LEAD_IN.has(words[k]!.toLowerCase()) && !CITY_STATE.has(words.slice(k).join(' ').toLowerCase()))
    k++;
  return words.slice(k).join(' ');
}

function cityWithState(rawCity: string, code: string | undefined, name: string | undefined): Omit<FoundPlace, 'span'> | null {
  const state = code ?? STATE_BY_NAME.get(name!.toLowerCase());
  if (!state || (code && !STATE_CODES.has(code))) return null;
  const city = knownCity(rawCity, state);
  if (city) return { city, state };
  if ((code && WORDLIKE_CODES.has(code)) || LEAD_IN.has(rawCity.toLowerCase())) return null;
  return STATE_BY_NAME.has(rawCity.toLowerCase()) ? null : { city: rawCity, state };
}

/** The longest tail of the capitalised words that is a known city of that state ("In Tulsa" → "Tulsa"). */
function knownCity(rawCity: string, state: string): string | null {
  const words = rawCity.split(/\s/);
  for (let k = 0; k < words.length; k++) {
    const tail = words.slice(k).join(' ');
    if (CITY_STATE.get(tail.toLowerCase()) === state) return tail;
  }
  return null;
}
