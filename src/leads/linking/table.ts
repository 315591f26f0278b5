import type { LinkTable } from './link.ts';

/** Strings to dense integer ids, in first-seen order. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  lookup(name: string): number | undefined {
    return this.ids.get(name);
  }

  get size(): number {
    return this.names.length;
  }
}

function grown<T extends Int32Array | Float64Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Collects adverts one at a time (in input order) into the flat arrays the linker works on. */
export class LinkTableBuilder {
  readonly keyNames = new Interner();
  private readonly places = new Interner();
  private readonly sites = new Interner();
  private keyStart = new Int32Array(1024);
  private keys = new Int32Array(2048);
  private city = new Int32Array(1024);
  private site = new Int32Array(1024);
  private posted = new Float64Array(1024);
  private count = 0;
  private keyLength = 0;

  add(advert: {
    keys: readonly string[];
    city?: string | null;
    state?: string | null;
    site?: string | null;
    postedAt?: number;
  }): number {
    const i = this.count++;
    this.keyStart = grown(this.keyStart, i + 2, (n) => new Int32Array(n));
    this.city = grown(this.city, i + 1, (n) => new Int32Array(n));
    this.site = grown(this.site, i + 1, (n) => new Int32Array(n));
    this.posted = grown(this.posted, i + 1, (n) => new Float64Array(n));
    const unique = [...new Set(advert.keys)];
    this.keys = grown(this.keys, this.keyLength + unique.length, (n) => new Int32Array(n));
    for (const k of unique) this.keys[this.keyLength++] = this.keyNames.id(k);
    this.keyStart[i + 1] = this.keyLength;
    this.city[i] =
      advert.city || advert.state
        ? this.places.id(`${(advert.state ?? '').toUpperCase()}|${(advert.city ?? '').trim().toLowerCase()}`)
        : -1;
    this.site[i] = advert.site ? this.sites.id(advert.site.trim().toLowerCase()) : -1;
    this.posted[i] = advert.postedAt ?? Number.POSITIVE_INFINITY;
    return i;
  }

  get size(): number {
    return this.count;
  }

  /** tieBreak orders adverts posted at the same moment (or undated), e.g. by advert id. */
  build(tieBreak?: (a: number, b: number) => number): LinkTable {
    const n = this.count;
    const posted = this.posted;
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => posted[a]! - posted[b]! || (tieBreak ? tieBreak(a, b) : a - b),
    );
    const precedence = new Int32Array(n);
    order.forEach((advert, rank) => (precedence[advert] = rank));
    return {
      adverts: n,
      keyCount: this.keyNames.size,
      keyStart: this.keyStart.subarray(0, n + 1),
      keys: this.keys.subarray(0, this.keyLength),
      city: this.city.subarray(0, n),
      site: this.site.subarray(0, n),
      precedence,
    };
  }
}
