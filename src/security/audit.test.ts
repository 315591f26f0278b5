import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from './audit.ts';

const base = {
  seq: 1,
  at: '2026-11-25T10:00:00.000Z',
  actorId: null,
  actorLabel: 'public',
  action: 'report.submit',
  targetType: 'report',
  targetId: 'BCN-2026-000001',
  requestId: 'r1',
  details: { channel: 'api', count: 2 },
  prevHash: GENESIS_HASH,
};

describe('entryHash', () => {
  it('does not depend on the key order of details (jsonb reorders them)', () => {
    expect(entryHash(base)).toBe(entryHash({ ...base, details: { count: 2, channel: 'api' } }));
  });

  it('changes when any chained field changes', () => {
    const h = entryHash(base);
    for (const change of [
      { seq: 2 },
      { action: 'report.read' },
      { targetId: 'BCN-2026-000002' },
      { prevHash: 'f'.repeat(64) },
      { details: { channel: 'web_form', count: 2 } },
    ]) {
      expect(entryHash({ ...base, ...change })).not.toBe(h);
    }
  });
});
