import { describe, expect, it } from 'vitest';
import { scorePhoneExtraction } from '../../../eval/phones/score.ts';
import { extractIdentifiers } from './index.ts';

// A floor, not a target: the set measures the extractor and must never be used to tune it (eval/phones/README.md).
const score = scorePhoneExtraction((text) => extractIdentifiers(text, { defaultCountry: 'US' }).phones.map((p) => p.e164));
const style = (name: string) => score.styles.find((s) => s.style === name);

describe('phone extraction on the independent evaluation set', () => {
  it.each(['tens_en', 'tens_es', 'hundreds_tens', 'words_en', 'words_es'])(
    'finds numbers read aloud (%s) with recall ≥ 0.97',
    (name) => {
      expect(style(name)?.recall).toBeGreaterThanOrEqual(0.97);
    },
  );

  it('holds precision and recall overall', () => {
    expect(score.total.precision).toBeGreaterThanOrEqual(0.99);
    expect(score.total.recall).toBeGreaterThanOrEqual(0.97);
  });

  it('takes no more than a handful of numbers from adverts that have none', () => {
    expect(style('negatives')?.falsePositives).toBeLessThanOrEqual(4);
  });
});
