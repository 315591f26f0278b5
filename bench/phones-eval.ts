/**
 * Phone extraction on the independent evaluation set (eval/phones, written apart from the extractor
 * and never used to tune it): precision, recall and F1 per obfuscation style. Quality, not speed.
 *
 *   npx tsx bench/phones-eval.ts
 */
import { formatPhoneEvalTable, scorePhoneExtraction } from '../eval/phones/score.ts';
import { extractIdentifiers } from '../src/leads/index.ts';
import { startRun } from './envelope.ts';

const bench = startRun('phones-eval');
const score = scorePhoneExtraction((text) => extractIdentifiers(text, { defaultCountry: 'US' }).phones.map((p) => p.e164));
await bench.write({
  styles: score.styles.map(({ wrongAdverts: _, ...figures }) => figures),
  total: { ...score.total, wrongAdverts: score.total.wrongAdverts.length },
});
console.log(formatPhoneEvalTable(score));
