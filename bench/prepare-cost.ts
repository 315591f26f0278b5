/**
 * CPU cost of preparing one advert (what each import worker thread does), by part: parse, extract,
 * flag (indicator lexicon), tokens (blind tokens, cached as the worker caches them) and the whole
 * prepareLines. CPU time (process.cpuUsage), best of REPEAT runs: the machine is shared.
 *
 * Also a golden hash: sha256 of every PreparedLine for the generated adverts plus "spiced" ones
 * (lexicon words, Unicode spaces and capitals spliced into the body, so that patterns fire and
 * nearly fire). A speed-up must leave the hash unchanged. `npx tsx bench/prepare-cost.ts`
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { seededRandom } from '../src/core/random.ts';
import type { Advert } from '../src/leads/analyze/index.ts';
import { compileLexicon, extractIdentifiers, loadLexicon, parseAdvertLine } from '../src/leads/index.ts';
import { advertText, cachedTokens, prepareLines, type PrepareDeps } from '../src/leads/store/prepare.ts';
import { blindIndex } from '../src/security/index.ts';
import { advertStream } from '../test/adverts/generator.ts';
import { startRun } from './envelope.ts';

const ADVERTS = Number(process.env.ADVERTS ?? 20_000);
const SPICED = Number(process.env.SPICED ?? 5_000);
const REPEAT = Number(process.env.REPEAT ?? 3);

const lexicon = loadLexicon();
const index = blindIndex(Buffer.alloc(32, 7));
const depsOf = (): PrepareDeps => ({
  extract: (text) => extractIdentifiers(text, { defaultCountry: 'US' }),
  matcher: compileLexicon(lexicon),
  tokenOf: cachedTokens((kind, value) => index.token(kind, value)),
});

/** Words of the lexicon's entries (escapes and regex syntax dropped), to splice into adverts. */
function lexiconWords(): string[] {
  const words = new Set<string>();
  for (const e of lexicon.entries) {
    if (e.kind === 'signal') continue;
    if (e.kind === 'emoji') words.add(e.match);
    else for (const w of e.match.replace(/\\[a-zA-Z]/g, ' ').split(/[^\p{L}\p{N}'’%&]+/u)) if (w) words.add(w);
  }
  return [...words];
}

const SEPARATORS = [' ', ' ', ' ', '  ', '\u00a0', '\u2003', '\n', '-', ', ', '. ', "'s ", ' & ', '\t', '\u3000', ''];

function spice(body: string, seed: number, words: readonly string[]): string {
  const r = seededRandom(seed);
  let phrase = '';
  for (let n = r.int(2, 12); n > 0; n--) {
    const w = r.pick(words);
    phrase += (r.chance(0.15) ? w.toUpperCase() : r.chance(0.15) ? w[0]!.toUpperCase() + w.slice(1) : w) + r.pick(SEPARATORS);
  }
  const at = r.int(0, body.length);
  return body.slice(0, at) + phrase + body.slice(at);
}

function corpus(): string[] {
  const lines = [...advertStream(ADVERTS, 42)].map(({ truth: _truth, ...a }) => JSON.stringify(a));
  const words = lexiconWords();
  for (const [k, { truth: _truth, ...a }] of [...advertStream(SPICED, 7)].entries())
    lines.push(JSON.stringify({ ...a, id: `spiced-${k}`, body: spice(a.body, k, words) }));
  return lines;
}

/** CPU microseconds per item of `fn` over `items`, best of REPEAT; `fresh` is set up (untimed) before each repeat. */
function cpuPer<T, S>(items: readonly T[], fresh: () => S, fn: (item: T, state: S) => unknown): number {
  let best = Infinity;
  for (let r = 0; r < REPEAT; r++) {
    const state = fresh();
    const t0 = process.cpuUsage();
    for (const item of items) fn(item, state);
    const u = process.cpuUsage(t0);
    best = Math.min(best, (u.user + u.system) / items.length);
  }
  return best;
}
const round = (us: number) => Math.round(us * 10) / 10;

const lines = corpus();
const numbered = lines.map((text, k) => ({ line: k + 1, text }));
const golden = createHash('sha256')
  .update(JSON.stringify(prepareLines(numbered, depsOf())))
  .digest('hex');

const adverts = lines.map((l) => {
  const p = parseAdvertLine(l);
  if (!p.ok) throw new Error('generated advert did not parse');
  return p.advert;
});
const texts = adverts.map((a: Advert) => advertText({ title: a.title ?? null, body: a.body ?? null }));
const deps = depsOf();
const found = texts.map((t) => deps.extract(t));
const pairs = texts.map((t, k) => ({ t, f: found[k]! }));
const tokenInputs = found.flatMap((f) => [
  ...f.phones.map((p) => ['phone', p.e164] as const),
  ...f.emails.map((e) => ['email', e.value] as const),
  ...f.handles.map((h) => ['handle', h.value] as const),
]);

const none = () => null;
const parse = cpuPer(lines, none, (l) => parseAdvertLine(l));
const extract = cpuPer(texts, none, (t) => deps.extract(t));
const flag = cpuPer(pairs, none, ({ t, f }) => deps.matcher.flag(t, f));
// A fresh token cache each repeat, as each import worker starts with one; per advert, not per token.
const tokens =
  (cpuPer(
    tokenInputs,
    () => cachedTokens(index.token),
    ([k, v], of) => of(k, v),
  ) *
    tokenInputs.length) /
  lines.length;
// One warm set of deps, as a worker keeps for its whole run; best of REPEAT.
const wholeDeps = depsOf();
const whole =
  cpuPer(
    [numbered],
    () => wholeDeps,
    (n, d) => prepareLines(n, d),
  ) / lines.length;

const result = {
  adverts: lines.length,
  microsecondsPerAdvertCpu: {
    parse: round(parse),
    extract: round(extract),
    flag: round(flag),
    tokens: round(tokens),
    whole: round(whole),
  },
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
  golden,
};
await startRun('prepare-cost').write(result);
console.log(JSON.stringify(result, null, 2));
