import { generateAdverts } from '../../../test/adverts/generator.ts';
import { extractIdentifiers } from './index.ts';
let shown = 0, bad = 0, total = 0;
for (const a of generateAdverts(20000, Number(process.env.SEED ?? 777))) {
  const got = extractIdentifiers(`${a.title}\n${a.body}`).phones;
  const truth = new Set(a.truth.phones.map((p) => p.e164)); total += truth.size;
  const missed = [...truth].filter((e) => !got.some((g) => g.e164 === e));
  const extra = got.filter((g) => !truth.has(g.e164));
  if (missed.length || extra.length) { bad++; if (shown++ < 30) console.log(a.truth.style, '| MISSED', a.truth.phones.filter((p) => missed.includes(p.e164)).map((p) => p.text), '| EXTRA', extra.map((g) => JSON.stringify(g.text)), '\n   ', JSON.stringify(a.body).slice(0, 400)); }
}
console.log('bad adverts', bad, 'of 20000; planted', total);
