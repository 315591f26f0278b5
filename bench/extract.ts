/**
 * Identifier extraction throughput (leads issue, "Performance"): adverts per second through
 * `extractIdentifiers` (every extractor: phones plain and disguised, emails, handles, URLs, ages,
 * places) against libphonenumber-js's `findPhoneNumbersInText(text, 'US')` alone, on the same
 * generated adverts (title + body). Target: ratio ≥ 1, aim 2.
 *
 *   npx tsx bench/extract.ts             # 20,000 adverts
 *   BENCH_ADVERTS=5000 npx tsx bench/extract.ts
 *
 * Single-threaded; each side is warmed up, then timed over the same texts, alternating three rounds
 * and keeping each side's best round (the machine is shared and noisy).
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { extractIdentifiers } from '../src/leads/index.ts';
import { generateAdverts } from '../test/adverts/generator.ts';
import { startRun } from './envelope.ts';

const bench = startRun('extract');
const ADVERTS = Number(process.env.BENCH_ADVERTS ?? 20_000);
const ROUNDS = 3;

function perSecond(texts: readonly string[], run: (text: string) => number): { perSecond: number; found: number } {
  let found = 0;
  const t0 = performance.now();
  for (const text of texts) found += run(text);
  return { perSecond: Math.round(texts.length / ((performance.now() - t0) / 1000)), found };
}

const ours = (text: string) => {
  const x = extractIdentifiers(text, { defaultCountry: 'US' });
  return x.phones.length + x.emails.length + x.handles.length + x.urls.length + x.ages.length + x.places.length;
};
const library = (text: string) => findPhoneNumbersInText(text, 'US').length;

const texts = generateAdverts(ADVERTS, 20_260).map((a) => `${a.title}\n${a.body}`);
const warm = texts.slice(0, 2_000);
perSecond(warm, ours);
perSecond(warm, library);

let best = { extract: 0, library: 0 };
const found = { extractIdentifiers: 0, libphonenumberPhones: 0 };
for (let r = 0; r < ROUNDS; r++) {
  const a = perSecond(texts, ours);
  const b = perSecond(texts, library);
  best = { extract: Math.max(best.extract, a.perSecond), library: Math.max(best.library, b.perSecond) };
  found.extractIdentifiers = a.found;
  found.libphonenumberPhones = b.found;
}

const ratio = Number((best.extract / best.library).toFixed(2));
const result = {
  adverts: ADVERTS,
  meanAdvertChars: Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length),
  extractIdentifiersPerSecond: best.extract,
  findPhoneNumbersInTextPerSecond: best.library,
  ratio,
  target: { minimum: 1, aim: 2 },
  identifiersFound: found,
  rounds: ROUNDS,
};
await bench.write(result);
console.log(
  `${ADVERTS} adverts: extractIdentifiers ${best.extract}/s, findPhoneNumbersInText ${best.library}/s, ratio ${ratio} (target ≥ 1, aim 2)`,
);
