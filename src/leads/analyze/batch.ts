import type { IndicatorMatcher } from '../indicators/index.ts';
import { parseAdvertLine } from './advert.ts';
import { analyzeAdvert, type Extract } from './analyze.ts';
import type { Batch, BatchResult, LineOutcome } from './protocol.ts';

/** Pure: a batch of input lines to one outcome per non-blank line (blank lines are skipped silently). */
export function analyzeBatch(batch: Batch, deps: { extract: Extract; matcher: IndicatorMatcher }): BatchResult {
  const outcomes: LineOutcome[] = [];
  batch.lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseAdvertLine(line);
    if (!parsed.ok) {
      outcomes.push({ ok: false, line: batch.firstLine + i, field: parsed.field, message: parsed.message });
      return;
    }
    const a = parsed.advert;
    const { findings, keys } = analyzeAdvert(a, deps);
    outcomes.push({
      ok: true,
      json: JSON.stringify(findings),
      id: a.id,
      keys,
      postedAt: a.posted_at ?? null,
      city: a.city ?? null,
      state: a.state ?? null,
      site: a.site ?? null,
    });
  });
  return { batch: batch.batch, outcomes };
}
