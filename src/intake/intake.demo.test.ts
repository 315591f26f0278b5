import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/random.ts';
import { demoReport, demoTip } from './intake.demo.ts';
import { hotlineCallSchema, reportInputSchema } from './intake.schema.ts';

describe('demoReport', () => {
  it('gives the same tips for the same seed and different ones for another', () => {
    const a = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          demoReport(rng)
      )(seededRandom(1)),
    );
    const b = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          demoReport(rng)
      )(seededRandom(1)),
    );
    const c = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          demoReport(rng)
      )(seededRandom(2)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('produces only valid tips about children, in respectful words', () => {
    const rng = seededRandom(42);
    for (let i = 0; i < 300; i++) {
      const tip = demoReport(rng);
      const parsed = reportInputSchema.safeParse(tip);
      expect(parsed.success).toBe(true);
      expect(tip.children?.[0]?.approximateAge).toBeLessThan(18);
      expect(tip.incident.description).not.toMatch(/prostitut|whore|hooker/i);
    }
  });

  it('stamps hotline tips with a call that ended before the tip was saved', () => {
    const rng = seededRandom(8);
    const calls = Array.from({ length: 400 }, () => demoTip(rng, new Date('2026-06-01T12:00:00Z'))).filter(
      (t) => t.channel === 'hotline',
    );
    expect(calls.length).toBeGreaterThan(20);
    for (const t of calls) {
      const call = hotlineCallSchema.parse(t.call);
      expect(Date.parse(call.startedAt)).toBeLessThan(Date.parse(call.endedAt!));
      expect(Date.parse(call.endedAt!)).toBeLessThanOrEqual(t.receivedAt.getTime());
    }
  });
});
