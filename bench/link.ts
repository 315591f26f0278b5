/**
 * Leads bench. (1) Linking 10,000,000 adverts given as identifier keys only (integer ids, generated
 * in typed arrays: extraction and string interning are not part of this figure), with hub detection;
 * time and peak RSS. (2) `beacon leads analyze` over 1,000,000 generated adverts, as a child
 * process using both cores; wall time, and network pair F1 against linking on the generator's
 * planted identifiers. Results go to bench/results/leads.json.
 * LINK_ADVERTS and ANALYZE_ADVERTS scale the runs down for a quick look.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../src/core/random.ts';
import { identifierKeys, linkAdverts, linkTable, pairScores, type LinkTable } from '../src/leads/index.ts';
import { ROOT } from '../e2e/server.ts';
import { startRun } from './envelope.ts';

const LINK_ADVERTS = Number(process.env.LINK_ADVERTS ?? 10_000_000);
const ANALYZE_ADVERTS = Number(process.env.ANALYZE_ADVERTS ?? 1_000_000);

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const mb = (b: number) => Math.round(b / 2 ** 20);

/** Planted networks of 1–40 adverts with 1–4 identifiers each, moving among a few cities; 5 hub keys on 1% of adverts each. */
function generateKeysOnly(n: number): { table: LinkTable; truth: Int32Array; hubKeys: number } {
  const rng = seededRandom(2024);
  const truth = new Int32Array(n);
  const keyStart = new Int32Array(n + 1);
  const keys = new Int32Array(n * 3);
  const city = new Int32Array(n);
  const site = new Int32Array(n);
  const HUBS = 5;
  let keyCount = HUBS;
  let k = 0;
  let i = 0;
  let network = 0;
  while (i < n) {
    const size = Math.min(n - i, rng.chance(0.5) ? 1 : rng.int(2, 40));
    const own = rng.int(1, 4);
    const first = keyCount;
    keyCount += own;
    const home = rng.int(0, 299);
    for (let j = 0; j < size; j++, i++) {
      truth[i] = network;
      // The first adverts introduce the identifiers as a chain, so the planted network is connected.
      if (j < own) {
        keys[k++] = first + j;
        if (j > 0) keys[k++] = first + j - 1;
      } else {
        keys[k++] = first + rng.int(0, own - 1);
        if (own > 1 && rng.chance(0.3)) keys[k++] = first + rng.int(0, own - 1);
      }
      if (rng.chance(0.01)) keys[k++] = rng.int(0, HUBS - 1);
      if (keys[k - 1] === keys[k - 2] && k - 1 > keyStart[i]!) k--;
      keyStart[i + 1] = k;
      city[i] = rng.chance(0.8) ? home : rng.int(0, 299);
      site[i] = rng.int(0, 9);
    }
    network++;
  }
  return { table: { adverts: n, keyCount, keyStart, keys: keys.subarray(0, k), city, site }, truth, hubKeys: HUBS };
}

function benchLink() {
  sampleRss();
  const t0 = performance.now();
  const { table, truth, hubKeys } = generateKeysOnly(LINK_ADVERTS);
  const generateSeconds = (performance.now() - t0) / 1000;
  sampleRss();
  const t1 = performance.now();
  const outcome = linkTable(table);
  const linkSeconds = (performance.now() - t1) / 1000;
  sampleRss();
  const hubsFound = outcome.hubs.filter((h) => h.key < hubKeys).length;
  const sample = Math.min(LINK_ADVERTS, 1_000_000);
  const scores = pairScores(outcome.namedBy.subarray(0, sample), truth.subarray(0, sample));
  return {
    adverts: LINK_ADVERTS,
    identifierKeys: table.keyCount,
    keyOccurrences: table.keys.length,
    generateSeconds: Number(generateSeconds.toFixed(2)),
    linkSeconds: Number(linkSeconds.toFixed(2)),
    peakRssMb: mb(peakRss),
    hubsPlanted: hubKeys,
    hubsFound,
    otherHubs: outcome.hubs.length - hubsFound,
    pairF1FirstMillion: Number(scores.f1.toFixed(4)),
    pairPrecisionFirstMillion: Number(scores.precision.toFixed(4)),
  };
}

/** The bench's own copy of the generator's shape, so this file type-checks on its own. */
interface Planted {
  hub: boolean;
}
interface GeneratedAdvert {
  id: string;
  truth: {
    group: string;
    identifiers: string[];
    phones: (Planted & { e164: string })[];
    emails: (Planted & { value: string })[];
    handles: (Planted & { platform: string | null; value: string })[];
  };
}
interface GeneratorModule {
  advertStream?: (count: number, seed: number) => Iterable<GeneratedAdvert>;
}

async function writeGenerated(input: string, stream: Iterable<GeneratedAdvert>) {
  const out = createWriteStream(input);
  const truth: { group: string; keys: string[]; hubs: string[] }[] = [];
  let chunk: string[] = [];
  for (const { truth: t, ...advert } of stream) {
    const hubs = identifierKeys({
      phones: t.phones.filter((p) => p.hub),
      emails: t.emails.filter((e) => e.hub),
      handles: t.handles.filter((h) => h.hub),
    });
    truth.push({ group: t.group, keys: t.identifiers, hubs });
    chunk.push(JSON.stringify(advert));
    if (chunk.length === 5000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = [];
    }
  }
  out.end(`${chunk.join('\n')}\n`);
  await new Promise<void>((r) => out.once('finish', () => r()));
  return truth;
}

/**
 * The reference is linking on the generator's planted identifiers (hubs left out): the best any
 * linker could do from the identifiers in the text. Also reported against the planted groups.
 */
async function benchAnalyze() {
  // Imported by a computed path so the bench type-checks before the generator lands.
  const generatorPath = '../test/adverts/generator.ts';
  const generator = (await import(generatorPath).catch(() => ({}))) as GeneratorModule;
  if (!generator.advertStream || ANALYZE_ADVERTS === 0)
    return { skipped: 'no generator (test/adverts/generator.ts advertStream) or ANALYZE_ADVERTS=0' };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-leads-bench-'));
  try {
    const input = path.join(dir, 'ads.jsonl');
    const truth = await writeGenerated(input, generator.advertStream(ANALYZE_ADVERTS, 7));
    const output = path.join(dir, 'out.jsonl');
    const t0 = performance.now();
    const run = spawnSync(process.execPath, ['bin/beacon.js', 'leads', 'analyze', '--input', input, '--output', output], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const seconds = (performance.now() - t0) / 1000;
    if (run.status !== 0) throw new Error(`leads analyze failed: ${run.stderr.slice(-2000)}`);
    const networks = (await readFile(output, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { network: string }).network);
    const hubs = [...new Set(truth.flatMap((t) => t.hubs))];
    const ideal = linkAdverts(
      truth.map((t, i) => ({ id: String(i), keys: t.keys })),
      { listed: hubs },
    ).network;
    const vsIdeal = pairScores(networks, ideal);
    const vsGroups = pairScores(
      networks,
      truth.map((t) => t.group),
    );
    const round = (x: number) => Number(x.toFixed(4));
    return {
      adverts: ANALYZE_ADVERTS,
      seconds: Number(seconds.toFixed(1)),
      advertsPerSecond: Math.round(ANALYZE_ADVERTS / seconds),
      pairVsPlantedIdentifierLinking: {
        f1: round(vsIdeal.f1),
        precision: round(vsIdeal.precision),
        recall: round(vsIdeal.recall),
      },
      pairVsPlantedGroups: { f1: round(vsGroups.f1), precision: round(vsGroups.precision), recall: round(vsGroups.recall) },
      summary: run.stderr.trim().split('\n').at(-1),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const bench = startRun('leads');
const link = benchLink();
console.log('link', link);
const analyze = await benchAnalyze();
console.log('analyze', analyze);
await bench.write({ targets: { linkSeconds: 30, linkPeakRssMb: 3072, analyzeSeconds: 60 }, link, analyze });
