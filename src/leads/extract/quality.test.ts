import { describe, expect, it } from 'vitest';
import { generateAdverts } from '../../../test/adverts/generator.ts';
import { extractIdentifiers } from './index.ts';
import type { ObfuscationStyle } from './types.ts';

interface Tally {
  planted: number;
  found: number;
  extracted: number;
  correct: number;
}

/** Seed 2026 was not the one the extractor was tuned on (42). */
const ADVERTS = generateAdverts(3_000, 2026);

function phoneTallies(): Map<ObfuscationStyle, Tally> {
  const tallies = new Map<ObfuscationStyle, Tally>();
  for (const ad of ADVERTS) {
    const found = extractIdentifiers(`${ad.title}\n${ad.body}`).phones.map((p) => p.e164);
    const planted = new Set(ad.truth.phones.map((p) => p.e164));
    const t = tallies.get(ad.truth.style) ?? { planted: 0, found: 0, extracted: 0, correct: 0 };
    t.planted += planted.size;
    t.found += [...planted].filter((e) => found.includes(e)).length;
    t.extracted += found.length;
    t.correct += found.filter((e) => planted.has(e)).length;
    tallies.set(ad.truth.style, t);
  }
  return tallies;
}

describe('phone extraction on generated adverts with planted truth', () => {
  const tallies = phoneTallies();

  it('covers every obfuscation style', () => {
    expect([...tallies.keys()].sort()).toEqual([
      'digit_words',
      'emoji_keycaps',
      'homophones',
      'lookalikes',
      'mixed_caps',
      'plain',
      'prefix',
      'separators',
      'split_by_words',
      'tens_teens',
      'unicode_digits',
    ]);
  });

  it.each([...tallies.keys()])('%s: recall ≥ 0.97 and precision ≥ 0.99', (style) => {
    const t = tallies.get(style)!;
    const recall = t.found / t.planted;
    const precision = t.correct / t.extracted;
    console.log(
      `${style.padEnd(15)} recall ${recall.toFixed(4)} precision ${precision.toFixed(4)} (${t.planted} planted, ${t.extracted} extracted)`,
    );
    expect(t.planted).toBeGreaterThan(200);
    expect(recall).toBeGreaterThanOrEqual(0.97);
    expect(precision).toBeGreaterThanOrEqual(0.99);
  });
});

describe('what is reported about each number found', () => {
  it('names the planted style and says whether the number was obfuscated', () => {
    let found = 0;
    let styleNamed = 0;
    let flagRight = 0;
    for (const ad of ADVERTS) {
      const phones = extractIdentifiers(`${ad.title}\n${ad.body}`).phones;
      for (const planted of ad.truth.phones) {
        const p = phones.find((f) => f.e164 === planted.e164);
        if (!p) continue;
        found++;
        if (p.styles.includes(planted.style)) styleNamed++;
        if (p.obfuscated === !['plain', 'prefix'].includes(planted.style)) flagRight++;
      }
    }
    console.log(
      `planted style named for ${(styleNamed / found).toFixed(4)}, obfuscated flag right for ${(flagRight / found).toFixed(4)} of ${found}`,
    );
    expect(styleNamed / found).toBeGreaterThanOrEqual(0.97);
    expect(flagRight / found).toBeGreaterThanOrEqual(0.99);
  });
});

describe('other identifiers on the same adverts', () => {
  it('finds the planted emails, handles and ages', () => {
    let planted = 0;
    let found = 0;
    for (const ad of ADVERTS) {
      const x = extractIdentifiers(ad.body);
      for (const e of ad.truth.emails) {
        planted++;
        if (x.emails.some((f) => f.value === e.value)) found++;
      }
      for (const h of ad.truth.handles) {
        planted++;
        if (x.handles.some((f) => f.value === h.value && f.platform === h.platform)) found++;
      }
      for (const a of ad.truth.ages) {
        planted++;
        if (x.ages.some((f) => f.value === a)) found++;
      }
    }
    console.log(`emails, handles, ages: recall ${(found / planted).toFixed(4)} of ${planted}`);
    expect(found / planted).toBeGreaterThanOrEqual(0.97);
  });
});
