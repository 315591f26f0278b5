import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access, constants, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import { finishLinking, LinkTableBuilder, type Hub } from '../linking/index.ts';
import { timelinesBy, type Sighting } from '../movement/index.ts';
import { WorkerPool } from './pool.ts';
import { Progress } from './progress.ts';
import type { BatchText, PackedResult, WorkerSetup } from './protocol.ts';

export interface AnalyzeOptions {
  input: string;
  output: string;
  /** Files of identifier keys, one a line: always hubs, never hubs. */
  hubsFile?: string;
  allowFile?: string;
  /** Where to write the hubs found (JSON lines), and timelines per network and identifier. */
  hubsOut?: string;
  movementOut?: string;
  extraLexicon?: WorkerSetup['extraLexicon'];
  workers?: number;
  minAdverts?: number;
  minCities?: number;
  minSites?: number;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface AnalyzeSummary {
  adverts: number;
  skipped: number;
  networks: number;
  linkedNetworks: number;
  hubs: Hub[];
}

/** The input cannot be read at all: the only case the command exits non-zero. */
export class UnreadableInput extends Error {}

const BATCH_LINES = 2000;
const SHOWN_ERRORS = 100;

async function keyList(file: string | undefined, option: string): Promise<string[]> {
  if (!file) return [];
  try {
    return (await readFile(file, 'utf8'))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  } catch {
    throw new UnreadableInput(`${option}: cannot read ${file}`);
  }
}

/** Batches of BATCH_LINES lines, each as one string: cut here, split into lines by the worker. */
async function* batches(input: string, onBytes: (n: number) => void): AsyncGenerator<BatchText> {
  let pending = '';
  let scanned = 0;
  let lines = 0;
  let lineNo = 1;
  let batch = 0;
  for await (const chunk of createReadStream(input, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    onBytes(Buffer.byteLength(chunk as string));
    pending += chunk as string;
    let from = 0;
    for (let nl = pending.indexOf('\n', scanned); nl >= 0; nl = pending.indexOf('\n', nl + 1)) {
      if (++lines < BATCH_LINES) continue;
      yield { batch: batch++, firstLine: lineNo, text: pending.slice(from, nl) };
      lineNo += lines;
      lines = 0;
      from = nl + 1;
    }
    pending = pending.slice(from);
    scanned = pending.length;
  }
  // A final newline ends the last line; it does not start an empty one.
  if (pending.endsWith('\n')) pending = pending.slice(0, -1);
  else if (pending) lines++;
  if (lines > 0) yield { batch, firstLine: lineNo, text: pending };
}

class Collected {
  readonly builder = new LinkTableBuilder();
  /** One findings string per batch, lines joined by "\n". */
  readonly json: string[] = [];
  readonly ids: string[] = [];
  readonly sightings: (Sighting & { keys: string[] })[] = [];
  skipped = 0;

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly keepSightings: boolean,
  ) {}

  take(r: PackedResult): void {
    for (const e of r.errors)
      if (this.skipped++ < SHOWN_ERRORS) this.stderr.write(`line ${e.line}: ${e.field}: ${e.message} (skipped)\n`);
    if (r.ids.length > 0) this.json.push(r.json);
    let from = 0;
    r.ids.forEach((id, i) => {
      const keys = r.keys.slice(from, (from = r.keyEnd[i]!));
      const postedAt = r.postedAt[i] ?? null;
      const city = r.city[i] ?? null;
      const state = r.state[i] ?? null;
      const site = r.site[i] ?? null;
      this.builder.add({ keys, city, state, site, postedAt: postedAt ? Date.parse(postedAt) : undefined });
      this.ids.push(id);
      if (this.keepSightings && postedAt) this.sightings.push({ advertId: id, city, state, postedAt, keys });
    });
  }
}

async function readAll(opts: AnalyzeOptions, collected: Collected): Promise<void> {
  const total = (await stat(opts.input)).size;
  const progress = new Progress(opts.stderr, total);
  const pool = new WorkerPool(opts.workers ?? os.availableParallelism(), { extraLexicon: opts.extraLexicon });
  const ready = new Map<number, PackedResult>();
  const inFlight = new Set<Promise<void>>();
  let nextBatch = 0;
  let bytes = 0;
  // Workers may finish out of order; results are taken strictly in input order.
  const arrive = (r: PackedResult) => {
    ready.set(r.batch, r);
    for (let next = ready.get(nextBatch); next; next = ready.get(nextBatch)) {
      ready.delete(nextBatch++);
      collected.take(next);
    }
    progress.update(bytes, collected.ids.length);
  };
  try {
    for await (const b of batches(opts.input, (n) => (bytes += n))) {
      const p: Promise<void> = pool
        .run(b)
        .then(arrive)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 4 * (opts.workers ?? os.availableParallelism())) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  progress.done();
}

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out: WriteStream = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === 2000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await done;
}

function* withNetworks(json: readonly string[], network: readonly string[]) {
  let i = 0;
  for (const batch of json)
    for (const line of batch.split('\n')) yield `${line.slice(0, -1)},"network":${JSON.stringify(network[i++])}}`;
}

function* movementLines(collected: Collected, network: readonly string[]) {
  const networkOf = new Map(collected.ids.map((id, i) => [id, network[i]!]));
  const byNetwork = timelinesBy(collected.sightings, (s) => [networkOf.get(s.advertId)!]);
  for (const [net, stops] of byNetwork)
    if (stops.some((s) => s.adverts.length > 1) || stops.length > 1) yield JSON.stringify({ network: net, stops });
  const byKey = timelinesBy(collected.sightings, (s) => s.keys);
  for (const [identifier, stops] of byKey)
    if (stops.length > 1 || stops[0]!.adverts.length > 1) yield JSON.stringify({ identifier, stops });
}

/** `beacon leads analyze`: adverts in, one line of findings per advert out, in input order. */
export async function analyzeFile(opts: AnalyzeOptions): Promise<AnalyzeSummary> {
  try {
    await access(opts.input, constants.R_OK);
  } catch {
    throw new UnreadableInput(`--input: cannot read ${opts.input}`);
  }
  const listed = await keyList(opts.hubsFile, '--hubs');
  const allowed = await keyList(opts.allowFile, '--allow');
  const collected = new Collected(opts.stderr, Boolean(opts.movementOut));
  await readAll(opts, collected);
  const rules = {
    listed,
    allowed,
    ...(opts.minAdverts ? { minAdverts: opts.minAdverts } : {}),
    ...(opts.minCities ? { minCities: opts.minCities } : {}),
    ...(opts.minSites ? { minSites: opts.minSites } : {}),
  };
  const { network, hubs } = finishLinking(collected.builder, (i) => collected.ids[i]!, rules);
  await writeLines(opts.output, withNetworks(collected.json, network));
  if (opts.hubsOut)
    await writeLines(
      opts.hubsOut,
      hubs.map((h) => JSON.stringify(h)),
    );
  if (opts.movementOut) await writeLines(opts.movementOut, movementLines(collected, network));
  const sizes = new Map<string, number>();
  for (const n of network) sizes.set(n, (sizes.get(n) ?? 0) + 1);
  return {
    adverts: network.length,
    skipped: collected.skipped,
    networks: sizes.size,
    linkedNetworks: [...sizes.values()].filter((s) => s > 1).length,
    hubs,
  };
}
