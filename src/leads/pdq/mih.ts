/**
 * Multi-index hashing (Norouzi, Punjani & Fleet, 2012) over PDQ hashes: the 256 bits are cut into
 * 16 chunks of 16 bits, each chunk value has a posting list. If two hashes differ in at most d
 * bits, the 16 chunk distances sum to at most d, so at least one chunk differs in at most
 * floor(d / 16) bits (pigeonhole). Probing, in every chunk, each value within that radius finds
 * every hash within d; each candidate is then checked on all 256 bits. For d = 31 that is
 * 16 × 17 posting lists. 16-bit chunks are also what the reference C++ index uses.
 */
import { HASH_WORDS, PdqInputError, packHexInto, packedDistanceWithin, popcount32 } from './hash256.ts';
import { PDQ_MATCH_DISTANCE } from './pdq.ts';

const CHUNKS = 16;
const CHUNK_VALUES = 1 << 16;
// Beyond radius 2 a chunk needs 697+ probes; a linear scan is then as quick and much simpler.
const MAX_PROBE_RADIUS = 2;
const DEFAULT_REBUILD_AFTER = 4096;

export interface PdqMatch<Id> {
  id: Id;
  distance: number;
}

export interface PdqIndexOptions {
  /**
   * Hashes added since the last build are scanned linearly until there are this many; the next
   * query then rebuilds the posting lists. Bulk loading therefore costs one build, not one per add.
   */
  rebuildAfter?: number;
}

/** All 16-bit masks with at most `radius` bits set. */
function masksWithin(radius: number): Uint16Array {
  const masks: number[] = [];
  for (let m = 0; m < CHUNK_VALUES; m++) {
    let bits = 0;
    for (let x = m; x; x &= x - 1) bits++;
    if (bits <= radius) masks.push(m);
  }
  return Uint16Array.from(masks);
}

const PROBE_MASKS = Array.from({ length: MAX_PROBE_RADIUS + 1 }, (_, r) => masksWithin(r));

/** Chunk c is hex characters 4c…4c+3, i.e. the high or low half of word c/2. */
function chunkOf(words: Uint32Array, at: number, chunk: number): number {
  const word = words[at + (chunk >> 1)]!;
  return chunk & 1 ? word & 0xffff : word >>> 16;
}

function nearInEarlierChunk(words: Uint32Array, at: number, query: Uint32Array, chunk: number, radius: number): boolean {
  for (let c = 0; c < chunk; c++) {
    if (popcount32(chunkOf(words, at, c) ^ chunkOf(query, 0, c)) <= radius) return true;
  }
  return false;
}

interface Found {
  entry: number;
  distance: number;
}

interface Postings {
  /** offsets[v]..offsets[v+1] bound the entries whose chunk has value v. */
  offsets: Uint32Array;
  entries: Uint32Array;
}

export class PdqIndex<Id extends string | number = string | number> {
  private words = new Uint32Array(HASH_WORDS * 1024);
  private readonly ids: Id[] = [];
  private postings: Postings[] = [];
  private indexed = 0;
  private readonly query1 = new Uint32Array(HASH_WORDS);
  private readonly rebuildAfter: number;

  constructor(options: PdqIndexOptions = {}) {
    const rebuildAfter = options.rebuildAfter ?? DEFAULT_REBUILD_AFTER;
    if (!Number.isInteger(rebuildAfter) || rebuildAfter < 0) {
      throw new PdqInputError('rebuildAfter', 'must be a non-negative integer');
    }
    this.rebuildAfter = rebuildAfter;
  }

  get size(): number {
    return this.ids.length;
  }

  add(id: Id, hex: string): void {
    const entry = this.ids.length;
    if ((entry + 1) * HASH_WORDS > this.words.length) this.grow();
    packHexInto(hex, this.words, entry * HASH_WORDS);
    this.ids.push(id);
  }

  /** Every entry within `maxDistance` bits, nearest first (ties in order of adding). */
  query(hex: string, maxDistance: number = PDQ_MATCH_DISTANCE): PdqMatch<Id>[] {
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 256) {
      throw new PdqInputError('maxDistance', 'must be an integer from 0 to 256');
    }
    packHexInto(hex, this.query1, 0);
    const radius = Math.floor(maxDistance / CHUNKS);
    const found: Found[] = [];
    if (radius > MAX_PROBE_RADIUS) {
      this.scan(0, maxDistance, found);
    } else {
      if (this.ids.length - this.indexed > this.rebuildAfter) this.build();
      this.probe(radius, maxDistance, found);
      this.scan(this.indexed, maxDistance, found);
    }
    return found
      .sort((a, b) => a.distance - b.distance || a.entry - b.entry)
      .map(({ entry, distance }) => ({ id: this.ids[entry]!, distance }));
  }

  private scan(from: number, maxDistance: number, found: Found[]): void {
    for (let entry = from; entry < this.ids.length; entry++) {
      const distance = packedDistanceWithin(this.words, entry * HASH_WORDS, this.query1, 0, maxDistance);
      if (distance <= maxDistance) found.push({ entry, distance });
    }
  }

  private probe(radius: number, maxDistance: number, found: Found[]): void {
    const masks = PROBE_MASKS[radius]!;
    const words = this.words;
    const query = this.query1;
    for (let c = 0; c < this.postings.length; c++) {
      const { offsets, entries } = this.postings[c]!;
      const key = chunkOf(query, 0, c);
      for (let m = 0; m < masks.length; m++) {
        const value = key ^ masks[m]!;
        const end = offsets[value + 1]!;
        for (let p = offsets[value]!; p < end; p++) {
          const entry = entries[p]!;
          const distance = packedDistanceWithin(words, entry * HASH_WORDS, query, 0, maxDistance);
          // An entry near an earlier chunk's probe was found there already; checked only for
          // the rare hits, so no per-query "seen" set is needed.
          if (distance <= maxDistance && !nearInEarlierChunk(words, entry * HASH_WORDS, query, c, radius)) {
            found.push({ entry, distance });
          }
        }
      }
    }
  }

  /** Counting sort of all entries by each chunk's value: one pass to count, one to place. */
  private build(): void {
    const count = this.ids.length;
    this.postings = Array.from({ length: CHUNKS }, (_, c) => {
      const offsets = new Uint32Array(CHUNK_VALUES + 1);
      for (let e = 0; e < count; e++) offsets[chunkOf(this.words, e * HASH_WORDS, c) + 1]!++;
      for (let v = 0; v < CHUNK_VALUES; v++) offsets[v + 1]! += offsets[v]!;
      const next = offsets.slice(0, CHUNK_VALUES);
      const entries = new Uint32Array(count);
      for (let e = 0; e < count; e++) entries[next[chunkOf(this.words, e * HASH_WORDS, c)]!++] = e;
      return { offsets, entries };
    });
    this.indexed = count;
  }

  private grow(): void {
    const words = new Uint32Array(this.words.length * 2);
    words.set(this.words);
    this.words = words;
  }
}
