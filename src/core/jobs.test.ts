import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronOf, queueOf } from './jobs.ts';

describe('queueOf', () => {
  it('turns a job name into a queue name of lower-case words and dashes', () => {
    expect(queueOf('ESP sweep')).toBe('esp-sweep');
    expect(queueOf('tip analysis')).toBe('tip-analysis');
    fc.assert(fc.property(fc.string(), (name) => /^([a-z0-9]+(-[a-z0-9]+)*)?$/.test(queueOf(name))));
  });
});

describe('cronOf', () => {
  it('schedules whole minutes under an hour and whole hours above, never more often than once a minute', () => {
    expect(cronOf(500)).toBe('* * * * *');
    expect(cronOf(5 * 60_000)).toBe('*/5 * * * *');
    expect(cronOf(60 * 60_000)).toBe('0 */1 * * *');
    expect(cronOf(48 * 60 * 60_000)).toBe('0 0 * * *');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 24 * 60 * 60_000 }), (ms) => {
        const fields = cronOf(ms).split(' ');
        return fields.length === 5 && fields.slice(2).every((f) => f === '*');
      }),
    );
  });
});
