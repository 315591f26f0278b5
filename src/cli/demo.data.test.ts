import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { languageListSeed } from '../cases/index.ts';
import { seededRandom } from '../core/random.ts';
import { DEMO_STATES } from '../intake/index.ts';
import { demoAdverts, parseAdvertLine, type PlantedNetwork } from '../leads/index.ts';
import { demoTips } from './demo.ts';

const NOW = Date.UTC(2026, 11, 7, 12);
const DAY = 86_400_000;

const tipsOf = (seed: number, n: number) => demoTips(seededRandom(seed), n, NOW);
const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The case-note language list, applied as the case screens apply it: whole words, case-insensitive unless marked. */
const stigmatising = languageListSeed.map(
  (e) => new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${e.pattern})(?![\p{L}\p{N}])`, e.caseSensitive ? 'u' : 'iu'),
);
const wordsOf = (tip: ReturnType<typeof tipsOf>[number]) =>
  [
    tip.body.incident.description,
    tip.body.incident.escalationReason ?? '',
    ...(tip.body.online ?? []).map((o) => o.details ?? ''),
    ...(tip.body.persons ?? []).map((p) => p.description ?? ''),
  ].join('\n');

describe('demo data', () => {
  it('is the same for the same seed, and differs for another', () => {
    const adverts = (seed: number) => [...demoAdverts(seededRandom(seed), 500, NOW)];
    expect(hashOf([tipsOf(7, 300), adverts(8)])).toBe(hashOf([tipsOf(7, 300), adverts(8)]));
    expect(hashOf(tipsOf(7, 300))).not.toBe(hashOf(tipsOf(9, 300)));
    expect(hashOf(adverts(8))).not.toBe(hashOf(adverts(10)));
  });

  it('tells a different story in each of the first fifty tips', () => {
    const narratives = tipsOf(2026, 50).map((t) => t.body.incident.description);
    expect(new Set(narratives).size).toBe(50);
  });

  it('gives tips about children, in the words the language list asks for', () => {
    for (const tip of tipsOf(42, 1_000)) {
      for (const child of tip.body.children ?? []) expect(child.approximateAge).toBeLessThan(18);
      const words = wordsOf(tip);
      for (const re of stigmatising) expect(words).not.toMatch(re);
      expect(words).not.toMatch(/\{\w+\}/);
    }
  });

  it('spreads the tips over every state, D.C. and Puerto Rico, each channel and most months', () => {
    const tips = tipsOf(3, 3_000);
    expect(new Set(tips.map((t) => t.body.location?.state))).toEqual(new Set(DEMO_STATES));
    expect(DEMO_STATES).toHaveLength(52);
    expect(new Set(tips.map((t) => t.channel))).toEqual(new Set(['web_form', 'api', 'hotline']));
    expect(new Set(tips.map((t) => t.receivedAt.toISOString().slice(0, 7))).size).toBeGreaterThanOrEqual(11);
    expect(tips.every((t) => t.receivedAt.getTime() < NOW && t.receivedAt.getTime() > NOW - 335 * DAY)).toBe(true);
    expect(tips.filter((t) => t.channel === 'hotline').every((t) => t.call !== undefined)).toBe(true);
  });

  it('plants advert networks whose phones and photos recur across adverts', () => {
    const networks: PlantedNetwork[] = [];
    const adverts = [...demoAdverts(seededRandom(5), 3_000, NOW, 90, networks)];
    expect(adverts).toHaveLength(3_000);
    for (const a of adverts) expect(parseAdvertLine(JSON.stringify(a)).ok).toBe(true);
    expect(networks.length).toBeGreaterThan(20);
    const digitsOf = (e164: string) => e164.slice(2).replace(/\D/g, '');
    const texts = adverts.map((a) => `${a.title} ${a.body}`.replace(/\D/g, ''));
    for (const n of networks.slice(0, 20))
      expect(texts.filter((t) => t.includes(digitsOf(n.phones[0]!))).length).toBeGreaterThanOrEqual(2);
    const photos = adverts.flatMap((a) => a.pdq ?? []);
    expect(new Set(photos).size).toBeLessThan(photos.length);
    expect(new Set(adverts.map((a) => a.id)).size).toBe(adverts.length);
  });
});
