/**
 * PDQ benchmark (leads issue, "PDQ: hashing ≥ 200 images/s on 2 cores including decode; lookup
 * among 1,000,000 hashes < 1 ms"):
 *  - hashing: synthetic pattern images (gradients, shapes, noise; JPEG and PNG, three sizes) and,
 *    when ../shared/fixtures/pdq is present, Meta's conformance photographs, decoded by sharp and
 *    hashed with all eight dihedral variants, on worker threads (one per core, libvips limited to one
 *    thread each), measured over a fixed time;
 *  - lookup: 1,000,000 random hashes plus planted neighbours at 0–40 bits from each query; each
 *    query timed on its own; the planted neighbours within 31 bits must all come back, none beyond.
 *
 *   npx tsx bench/pdq.ts
 *   BENCH_PDQ_HASHES=200000 BENCH_SECONDS=3 npx tsx bench/pdq.ts
 *
 * Writes bench/results/pdq.json. Figures depend on what else runs on the machine (see loadAverage).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import sharp, { type KernelEnum } from 'sharp';
import { seededRandom, type Random } from '../src/core/random.ts';
import { PDQ_DECODE, decodeForPdq, type DecodedPixels } from '../src/leads/pdq/decode.ts';
import { PdqIndex, hammingDistance, pdqFromImage } from '../src/leads/pdq/index.ts';
import { pdqDihedralFromPixels } from '../src/leads/pdq/pdq.ts';
import { startRun } from './envelope.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HASHES = Number(process.env.BENCH_PDQ_HASHES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const QUERIES = 1000;
const CONFORMANCE_SET = 'conformance photos (mostly 1600×1004)';

// Workers do not inherit tsx's loader hooks: each registers them, then loads this file.
const WORKER_BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;

interface WorkerJob {
  images: Uint8Array[];
  seconds: number;
  /** `decode` runs only sharp's part (decode and shrink to 512): the floor under the hashing rate. */
  mode: 'hash' | 'decode';
}

async function decodeOnly(image: Buffer): Promise<void> {
  await decodeForPdq(image);
}

/** Worker side: hash the images round robin until the time is up; report how many. */
async function hashUntilDeadline({ images, seconds, mode }: WorkerJob): Promise<void> {
  sharp.concurrency(1);
  const work = mode === 'hash' ? (b: Buffer) => pdqFromImage(b, { dihedral: true }) : decodeOnly;
  for (const image of images) await work(Buffer.from(image));
  // Start together, so the main thread can read the process's CPU time over the timed part only.
  parentPort!.postMessage({ ready: true });
  await new Promise((resolve) => parentPort!.once('message', resolve));
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let count = 0;
  while (performance.now() < deadline) {
    await work(Buffer.from(images[count % images.length]!));
    count++;
  }
  parentPort!.postMessage({ count, seconds: (performance.now() - start) / 1000 });
}

interface Rate {
  perSecond: number;
  /** Process CPU time (JS threads and libvips threads) per image: what an idle machine would need. */
  cpuMsPerImage: number;
}

async function hashingRate(images: Uint8Array[], workers: number, mode: WorkerJob['mode'] = 'hash'): Promise<Rate> {
  const started = Array.from(
    { length: workers },
    () => new Worker(WORKER_BOOT, { eval: true, workerData: { images, seconds: SECONDS, mode } satisfies WorkerJob }),
  );
  const results = started.map(
    (worker) =>
      new Promise<{ count: number; seconds: number }>((resolve, reject) => {
        worker.on('message', (m: { ready?: boolean; count: number; seconds: number }) => {
          if (!m.ready) resolve(m);
        });
        worker.once('error', reject);
      }),
  );
  await Promise.all(started.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
  const cpu0 = process.cpuUsage();
  for (const worker of started) worker.postMessage('go');
  const done = await Promise.all(results);
  const cpu = process.cpuUsage(cpu0);
  const count = done.reduce((sum, r) => sum + r.count, 0);
  return {
    perSecond: Math.round(done.reduce((sum, r) => sum + r.count / r.seconds, 0)),
    cpuMsPerImage: Number(((cpu.user + cpu.system) / 1000 / count).toFixed(2)),
  };
}

/** A synthetic pattern: two gradients, a few discs and bars, and noise. Never a picture of anyone. */
function patternPixels(rng: Random, width: number, height: number): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  const discs = Array.from({ length: 5 }, () => ({
    x: rng.int(0, width),
    y: rng.int(0, height),
    r: rng.int(20, width / 4),
    shade: rng.int(0, 255),
  }));
  const bars = rng.int(3, 12);
  const tilt = rng.next();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = (255 * (x * tilt + y * (1 - tilt))) / Math.max(width, height);
      if (Math.floor((x * bars) / width) % 2 === 0) v = 255 - v;
      for (const d of discs) if ((x - d.x) ** 2 + (y - d.y) ** 2 < d.r ** 2) v = (v + d.shade) / 2;
      const noise = rng.int(-12, 12);
      const i = (y * width + x) * 3;
      rgb[i] = v + noise;
      rgb[i + 1] = (v * 0.7 + 60 + noise) % 256;
      rgb[i + 2] = 255 - v;
    }
  }
  return rgb;
}

async function syntheticImages(rng: Random, width: number, height: number, count: number): Promise<Uint8Array[]> {
  const images: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const raw = sharp(patternPixels(rng, width, height), { raw: { width, height, channels: 3 } });
    const encoded = i % 4 === 3 ? raw.png() : raw.jpeg({ quality: 85 });
    images.push(new Uint8Array(await encoded.toBuffer()));
  }
  return images;
}

const FIXTURES = path.resolve(ROOT, '../shared/fixtures/pdq');

function fixtureFiles(): string[] | undefined {
  const dir = path.join(FIXTURES, 'images');
  return existsSync(dir) ? readdirSync(dir).sort() : undefined;
}

function fixtureImages(): Uint8Array[] | undefined {
  return fixtureFiles()?.map((f) => new Uint8Array(readFileSync(path.join(FIXTURES, 'images', f))));
}

/** One way of decoding before the hash; `chosen` is the production path (decodeForPdq). */
type Decoder = (image: Buffer) => Promise<DecodedPixels>;

function sharpDecoder(maxSide: number, kernel: keyof KernelEnum, colour: 'icc' | 'ignoreIcc' | 'greyscale'): Decoder {
  return async (image) => {
    let pipeline = sharp(image, { ignoreIcc: colour !== 'icc' }).resize(maxSide, maxSide, {
      fit: 'inside',
      withoutEnlargement: true,
      kernel,
    });
    if (colour === 'greyscale') pipeline = pipeline.greyscale();
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels as DecodedPixels['channels'] };
  };
}

const DECODERS: Record<string, Decoder> = {
  chosen: decodeForPdq,
  'before: lanczos3 ≤512, ICC applied': sharpDecoder(512, 'lanczos3', 'icc'),
  'lanczos3 ≤512, ICC ignored': sharpDecoder(512, 'lanczos3', 'ignoreIcc'),
  'linear ≤512, ICC ignored': sharpDecoder(512, 'linear', 'ignoreIcc'),
  'cubic ≤512, ICC ignored': sharpDecoder(512, 'cubic', 'ignoreIcc'),
  'nearest ≤512, ICC ignored': sharpDecoder(512, 'nearest', 'ignoreIcc'),
  'greyscale (sharp b-w) lanczos3 ≤512': sharpDecoder(512, 'lanczos3', 'greyscale'),
  'lanczos3 ≤256, ICC ignored': sharpDecoder(256, 'lanczos3', 'ignoreIcc'),
  'linear ≤128, ICC ignored': sharpDecoder(128, 'linear', 'ignoreIcc'),
};

interface Reference {
  file: string;
  hex: string;
  source: string;
}

function fixtureReferences(): Reference[] {
  const rows = parse(readFileSync(path.join(FIXTURES, 'expected.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  return rows.map((r) => ({ file: r.file!, hex: r.expected_pdq_hex!, source: r.source! }));
}

interface Distances {
  /** Largest Hamming distance to the Python reference's hashes (the conformance test allows 4). */
  pythonMaxBits: number;
  pythonMeanBits: number;
  /** Largest distance to the C++ reference's hashes (the conformance rule allows 10). */
  cppMaxBits: number;
  minQuality: number;
}

async function conformanceDistances(decoder: Decoder): Promise<Distances | undefined> {
  const files = fixtureFiles();
  if (!files) return undefined;
  const hashes = new Map<string, { hex: string; quality: number }>();
  for (const file of files) {
    const { data, width, height, channels } = await decoder(readFileSync(path.join(FIXTURES, 'images', file)));
    const { hashes: variants, quality } = pdqDihedralFromPixels(data, width, height, channels);
    hashes.set(file, { hex: variants[0]!, quality });
  }
  const references = fixtureReferences();
  const bits = (prefix: string) =>
    references.filter((r) => r.source.startsWith(prefix)).map((r) => hammingDistance(hashes.get(r.file)!.hex, r.hex));
  const python = bits('python');
  return {
    pythonMaxBits: Math.max(...python),
    pythonMeanBits: Number((python.reduce((a, b) => a + b, 0) / python.length).toFixed(2)),
    cppMaxBits: Math.max(...bits('cpp')),
    minQuality: Math.min(...[...hashes.values()].map((h) => h.quality)),
  };
}

/**
 * Single-thread CPU time per image of each decoder followed by the hash (all eight variants),
 * the decoders taking turns round by round so that other work on the machine falls on all alike.
 */
async function decoderCpu(images: Uint8Array[], rounds = 3): Promise<Record<string, number>> {
  const buffers = images.map((i) => Buffer.from(i));
  const spent: Record<string, number> = {};
  const hashWith = async (decoder: Decoder) => {
    for (const image of buffers) {
      const { data, width, height, channels } = await decoder(image);
      pdqDihedralFromPixels(data, width, height, channels);
    }
  };
  for (const decoder of Object.values(DECODERS)) await hashWith(decoder);
  for (let round = 0; round < rounds; round++) {
    for (const [name, decoder] of Object.entries(DECODERS)) {
      const cpu0 = process.cpuUsage();
      await hashWith(decoder);
      const cpu = process.cpuUsage(cpu0);
      spent[name] = (spent[name] ?? 0) + (cpu.user + cpu.system) / 1000;
    }
  }
  return Object.fromEntries(Object.entries(spent).map(([name, ms]) => [name, Number((ms / rounds / buffers.length).toFixed(2))]));
}

async function decodeOptions(sets: Record<string, Uint8Array[]>) {
  sharp.concurrency(1);
  const conformance = fixtureFiles() ? sets[CONFORMANCE_SET] : undefined;
  const cpuMix = await decoderCpu(sets['synthetic mix']!);
  const cpuPhotos = conformance ? await decoderCpu(conformance) : undefined;
  const options: Record<string, { cpuMsPerImageMix: number; cpuMsPerImagePhotos?: number; distances?: Distances }> = {};
  for (const [name, decoder] of Object.entries(DECODERS)) {
    options[name] = {
      cpuMsPerImageMix: cpuMix[name]!,
      cpuMsPerImagePhotos: cpuPhotos?.[name],
      distances: await conformanceDistances(decoder),
    };
    const d = options[name].distances;
    console.log(
      `decode option ${name.padEnd(38)} ${cpuMix[name]} ms CPU (mix), ${cpuPhotos?.[name] ?? '-'} ms (photos), one thread; bits from Python ≤ ${d?.pythonMaxBits ?? '-'}, from C++ ≤ ${d?.cppMaxBits ?? '-'}`,
    );
  }
  return { chosen: PDQ_DECODE, options };
}

/**
 * The other arrangement: no worker threads, the main thread hashing while sharp decodes on libuv's
 * pool (UV_THREADPOOL_SIZE, default 4), `inFlight` images at a time, libvips using `vipsThreads`
 * threads for each (sharp's default is one per core: the arrangement of cases.photos.ts).
 */
async function poolRate(images: Uint8Array[], inFlight: number, vipsThreads = 1): Promise<Rate> {
  const before = sharp.concurrency();
  sharp.concurrency(vipsThreads);
  const buffers = images.map((i) => Buffer.from(i));
  let next = 0;
  let count = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  const lane = async () => {
    while (performance.now() < deadline) {
      await pdqFromImage(buffers[next++ % buffers.length]!, { dihedral: true });
      count++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  sharp.concurrency(before);
  return { perSecond: Math.round(count / seconds), cpuMsPerImage: Number(((cpu.user + cpu.system) / 1000 / count).toFixed(2)) };
}

function percentile(sorted: number[], p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3));
}

function randomHex(): string {
  return randomBytes(32).toString('hex');
}

/** `hex` with `flips` distinct bits changed. */
function flipBits(rng: Random, hex: string, flips: number): string {
  const bytes = Buffer.from(hex, 'hex');
  const done = new Set<number>();
  while (done.size < flips) {
    const bit = rng.int(0, 255);
    if (done.has(bit)) continue;
    done.add(bit);
    bytes[bit >> 3]! ^= 1 << (bit & 7);
  }
  return bytes.toString('hex');
}

async function lookup(rng: Random) {
  const index = new PdqIndex<number>();
  const queries = Array.from({ length: QUERIES }, randomHex);
  const expected = new Map<number, number>();
  const loadStart = performance.now();
  let id = 0;
  const planted = queries.length * 6;
  for (let i = 0; i < HASHES - planted; i++) index.add(id++, randomHex());
  queries.forEach((q, qi) => {
    for (let k = 0; k < 6; k++) {
      const flips = k < 4 ? rng.int(0, 31) : rng.int(32, 40);
      if (flips <= 31) expected.set(id, qi);
      index.add(id++, flipBits(rng, q, flips));
    }
  });
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const buildStart = performance.now();
  index.query(queries[0]!);
  const buildSeconds = (performance.now() - buildStart) / 1000;

  const times: number[] = [];
  const cpuTimes: number[] = [];
  let missed = 0;
  let extra = 0;
  queries.forEach((q, qi) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const found = index.query(q);
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    const want = [...expected].filter(([, owner]) => owner === qi).map(([e]) => e);
    missed += want.filter((e) => !found.some((m) => m.id === e)).length;
    extra += found.filter((m) => expected.get(m.id) !== qi).length;
  });
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);

  const scanTimes: number[] = [];
  for (const q of queries.slice(0, 20)) {
    const t0 = performance.now();
    index.query(q, 48); // beyond radius 2 per chunk the index scans every hash: the baseline
    scanTimes.push(performance.now() - t0);
  }
  scanTimes.sort((a, b) => a - b);
  return {
    hashes: index.size,
    queries: QUERIES,
    maxDistance: 31,
    loadSeconds: Number(loadSeconds.toFixed(1)),
    buildSeconds: Number(buildSeconds.toFixed(2)),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: percentile(times, 100),
    // CPU time of the query alone: on a shared machine, wall time also counts waiting for a core.
    cpuP50Ms: percentile(cpuTimes, 50),
    cpuP99Ms: percentile(cpuTimes, 99),
    plantedWithin31: expected.size,
    missed,
    unexpected: extra,
    linearScanP50Ms: percentile(scanTimes, 50),
    sanity: hammingDistance(queries[0]!, queries[0]!) === 0,
  };
}

async function hashingFigures(rng: Random) {
  const sets: Record<string, Uint8Array[]> = {
    'synthetic 640×480': await syntheticImages(rng, 640, 480, 12),
    'synthetic 1024×768': await syntheticImages(rng, 1024, 768, 12),
    'synthetic 1600×1200': await syntheticImages(rng, 1600, 1200, 12),
  };
  sets['synthetic mix'] = Object.values(sets).flat();
  const fixtures = fixtureImages();
  if (fixtures) sets[CONFORMANCE_SET] = fixtures;

  const hashing: Record<string, { hash: Rate; decodeOnly: Rate; hashOneWorker?: Rate; hashLibuvPool?: Record<string, Rate> }> =
    {};
  for (const [name, images] of Object.entries(sets)) {
    const figures = { hash: await hashingRate(images, 2), decodeOnly: await hashingRate(images, 2, 'decode') };
    hashing[name] = figures;
    console.log(
      `hash ${name.padEnd(40)} ${figures.hash.perSecond} images/s on 2 workers, ${figures.hash.cpuMsPerImage} ms CPU each (sharp's decode alone: ${figures.decodeOnly.perSecond}/s, ${figures.decodeOnly.cpuMsPerImage} ms CPU)`,
    );
  }
  const mix = hashing['synthetic mix']!;
  mix.hashOneWorker = await hashingRate(sets['synthetic mix']!, 1);
  console.log(`hash synthetic mix, 1 worker: ${mix.hashOneWorker.perSecond} images/s`);
  for (const [name, images] of Object.entries(sets).filter(([n]) => n === 'synthetic mix' || n === CONFORMANCE_SET)) {
    const pool = {
      '2 in flight': await poolRate(images, 2),
      '3 in flight': await poolRate(images, 3),
      "2 in flight, sharp's default libvips threads": await poolRate(images, 2, os.availableParallelism()),
    };
    hashing[name]!.hashLibuvPool = pool;
    for (const [arrangement, rate] of Object.entries(pool)) {
      console.log(
        `hash ${name}, main thread + libuv pool, ${arrangement}: ${rate.perSecond} images/s, ${rate.cpuMsPerImage} ms CPU each`,
      );
    }
  }
  return { hashing, decodeOptions: await decodeOptions(sets) };
}

async function main(): Promise<void> {
  const only = process.env.BENCH_PDQ_ONLY;
  const bench = startRun(only ? `pdq-${only}` : 'pdq');
  const rng = seededRandom(2017);
  const figures = only === 'lookup' ? undefined : await hashingFigures(rng);
  const hashing = figures?.hashing;
  const conformance = only === 'lookup' ? undefined : await conformanceDistances(decodeForPdq);
  const lookupFigures = only === 'hashing' ? undefined : await lookup(rng);
  if (lookupFigures) {
    console.log(
      `lookup among ${lookupFigures.hashes}: p50 ${lookupFigures.p50Ms} ms, p99 ${lookupFigures.p99Ms} ms (CPU p99 ${lookupFigures.cpuP99Ms} ms), max ${lookupFigures.maxMs} ms; build ${lookupFigures.buildSeconds} s; linear scan p50 ${lookupFigures.linearScanP50Ms} ms; missed ${lookupFigures.missed}, unexpected ${lookupFigures.unexpected}`,
    );
  }

  const memory = process.memoryUsage();
  const out = {
    sharp: sharp.versions.sharp,
    secondsPerRun: SECONDS,
    hashing,
    /** The production decode path's hashes against the reference hashes of Meta's photos. */
    conformance,
    decodeOptions: figures?.decodeOptions,
    lookup: lookupFigures,
    memoryMb: { rss: Math.round(memory.rss / 2 ** 20), arrayBuffers: Math.round(memory.arrayBuffers / 2 ** 20) },
    meetsTargets: {
      hashing200PerSecond: hashing && hashing['synthetic mix']!.hash.perSecond >= 200,
      // 2 cores give 2,000 ms of CPU a second: the rate an otherwise idle 2-core machine would reach.
      hashing200PerSecondByCpuTime: hashing && 2000 / hashing['synthetic mix']!.hash.cpuMsPerImage >= 200,
      conformancePhotos200PerSecondByCpuTime:
        hashing?.[CONFORMANCE_SET] && 2000 / hashing[CONFORMANCE_SET].hash.cpuMsPerImage >= 200,
      // The conformance test's own tolerances: 4 bits from the Python reference, 10 from any.
      conformanceWithinTolerance: conformance && conformance.pythonMaxBits <= 4 && conformance.cppMaxBits <= 10,
      lookupUnder1Ms: lookupFigures && lookupFigures.p99Ms < 1 && lookupFigures.missed === 0 && lookupFigures.unexpected === 0,
    },
  };
  await bench.write(out);
}

if (isMainThread) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  hashUntilDeadline(workerData as WorkerJob).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
