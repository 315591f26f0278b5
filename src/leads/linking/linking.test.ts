import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  identifierKeys,
  linkAdverts,
  linkTable,
  LinkTableBuilder,
  networkName,
  pairScores,
  type LinkableAdvert,
} from './index.ts';

const ad = (id: string, keys: string[], extra: Partial<LinkableAdvert> = {}): LinkableAdvert => ({
  id,
  keys,
  postedAt: `2024-01-${id.padStart(2, '0').slice(-2)}T00:00:00Z`,
  city: 'Tulsa',
  state: 'OK',
  site: 'a.example',
  ...extra,
});

describe('linking adverts into networks', () => {
  it('joins adverts sharing any identifier, transitively, and leaves the rest alone', () => {
    const { network } = linkAdverts([
      ad('1', ['tel:+14055550101']),
      ad('2', ['tel:+14055550101', 'email:a@example.test']),
      ad('3', ['email:a@example.test', 'pdq:' + 'ab'.repeat(32)]),
      ad('4', ['tel:+14055550102']),
      ad('5', []),
    ]);
    expect(network[0]).toBe(network[1]);
    expect(network[1]).toBe(network[2]);
    expect(new Set(network).size).toBe(3);
    expect(network[0]).toBe(networkName('1'));
    expect(network[4]).toBe(networkName('5'));
  });

  it('names a network after its oldest advert, so more (newer) data keeps the names', () => {
    const first = [ad('10', ['tel:+1a']), ad('12', ['tel:+1a']), ad('11', ['tel:+1b'])];
    const before = linkAdverts(first).network;
    const later = [ad('13', ['tel:+1b']), ...first.reverse(), ad('14', ['tel:+1c'])];
    const after = linkAdverts(later).network;
    expect(before[0]).toBe(networkName('10'));
    expect(after.slice(1, 4).reverse()).toEqual(before);
    expect(after[0]).toBe(networkName('11'));
    // Two networks merging keep the older one's name.
    const merged = linkAdverts([...first, ad('15', ['tel:+1a', 'tel:+1b'])]).network;
    expect(new Set(merged)).toEqual(new Set([networkName('10')]));
  });

  it('breaks ties in posting time by advert id, not by input order', () => {
    const same = { postedAt: '2024-03-01T00:00:00Z' };
    const a = linkAdverts([ad('b', ['tel:x'], same), ad('a', ['tel:x'], same)]).network;
    const b = linkAdverts([ad('a', ['tel:x'], same), ad('b', ['tel:x'], same)]).network;
    expect(a[0]).toBe(networkName('a'));
    expect(b[0]).toBe(networkName('a'));
  });
});

describe('hubs', () => {
  // 60 unrelated pairs of adverts; every advert also carries the site's "verify at" number.
  const verify = 'tel:+18005550199';
  const adverts = Array.from({ length: 120 }, (_, i) =>
    ad(String(i), [`tel:+1pair${Math.floor(i / 2)}`, verify], { city: `City${i % 20}`, postedAt: null }),
  );

  it('detects an identifier shared by too many adverts across too many places, and never links through it', () => {
    const { network, hubs } = linkAdverts(adverts);
    expect(hubs).toEqual([{ key: verify, adverts: 120, cities: 20, sites: 1, reason: 'spread' }]);
    expect(new Set(network).size).toBe(60);
    expect(network[0]).toBe(network[1]);
    expect(network[1]).not.toBe(network[2]);
  });

  it('keeps a busy number that stays in a few cities (a real network moving around)', () => {
    const busy = Array.from({ length: 80 }, (_, i) => ad(String(i), ['tel:+1busy'], { city: `City${i % 4}` }));
    const { network, hubs } = linkAdverts(busy);
    expect(hubs).toEqual([]);
    expect(new Set(network).size).toBe(1);
  });

  it("follows the analysts' lists: listed keys never link, allowed keys always do", () => {
    const few = [ad('1', ['tel:support', 'tel:a']), ad('2', ['tel:support'])];
    expect(new Set(linkAdverts(few, { listed: ['tel:support'] }).network).size).toBe(2);
    expect(linkAdverts(few, { listed: ['tel:support'] }).hubs[0]).toMatchObject({
      key: 'tel:support',
      reason: 'listed',
      adverts: 2,
    });
    const allowed = linkAdverts(adverts, { allowed: [verify] });
    expect(allowed.hubs).toEqual([]);
    expect(new Set(allowed.network).size).toBe(1);
    expect(linkAdverts(adverts, { minCities: 21 }).hubs).toEqual([]);
  });

  it('never merges groups that share no non-hub key (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }), { maxLength: 60 }), (rows) => {
        const b = new LinkTableBuilder();
        rows.forEach((keys) => b.add({ keys: keys.map((k) => `k${k}`), city: 'c', site: 's' }));
        const got = linkTable(b.build(), { minAdverts: 1e9, minCities: 1, minSites: 1 }).namedBy;
        // Reference: naive flood fill over the bipartite advert–key graph.
        const label = new Array<number>(rows.length).fill(-1);
        rows.forEach((_, start) => {
          if (label[start] !== -1) return;
          const stack = [start];
          label[start] = start;
          while (stack.length) {
            const i = stack.pop()!;
            rows.forEach((other, j) => {
              if (label[j] === -1 && other.some((k) => rows[i]!.includes(k))) {
                label[j] = start;
                stack.push(j);
              }
            });
          }
        });
        expect(pairScores(Array.from(got), label).f1).toBe(1);
        rows.forEach((_, i) => expect(got[i]).toBe(label[i]));
      }),
    );
  });
});

describe('identifier keys', () => {
  it('namespaces each kind and normalises case, dropping malformed image hashes', () => {
    const keys = identifierKeys(
      {
        phones: [{ e164: '+14055550101' }, { e164: '+14055550101' }],
        emails: [{ value: 'Someone@Example.TEST' }],
        handles: [
          { platform: 'Snapchat', value: '@Some_One' },
          { platform: null, value: 'x' },
        ],
      },
      ['AB'.repeat(32), 'not-a-hash'],
    );
    expect(keys).toEqual([
      'tel:+14055550101',
      'email:someone@example.test',
      'handle:snapchat:some_one',
      'handle::x',
      `pdq:${'ab'.repeat(32)}`,
    ]);
  });
});

describe('pair scores', () => {
  it('counts agreeing pairs from group sizes', () => {
    expect(pairScores(['a', 'a', 'b', 'b'], [1, 1, 2, 2]).f1).toBe(1);
    const s = pairScores(['a', 'a', 'a', 'a'], [1, 1, 2, 2]);
    expect(s).toMatchObject({ predictedPairs: 6, truePairs: 2, agreedPairs: 2, recall: 1 });
    expect(s.precision).toBeCloseTo(1 / 3);
    expect(pairScores(['a', 'b'], [1, 1])).toMatchObject({ precision: 1, recall: 0, f1: 0 });
  });
});
