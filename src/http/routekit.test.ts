import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { cursorKeys, encodeCursor, NotStaffError, staffOf } from './routekit.ts';

describe('the route kit', () => {
  it('reads back the keys a cursor was made from, and nothing from text that is not a cursor', () => {
    const keys = { updatedAt: '2026-01-02T03:04:05.000Z', id: '5b0e1c3a-7d1f-4c8e-9a51-2f4b6f0d9e21' };
    expect(cursorKeys(encodeCursor(keys)!)).toEqual(keys);
    expect(encodeCursor(null)).toBeNull();
    for (const text of [
      'not base64 at all!',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('null').toString('base64url'),
      Buffer.from('{').toString('base64url'),
    ]) {
      expect(cursorKeys(text)).toBeNull();
    }
  });

  it('types the staff member behind a request and refuses anyone else', () => {
    const staff = {
      kind: 'staff',
      id: 'u1',
      email: 'a@example.test',
      role: 'analyst',
      organisation: 'Test',
      jurisdictions: [],
      assignments: [],
    } as const;
    expect(staffOf({ actor: staff } as unknown as FastifyRequest)).toBe(staff);
    const service = {
      actor: { kind: 'service', id: 't1', organisation: 'ExampleChat', scopes: [] },
    } as unknown as FastifyRequest;
    expect(() => staffOf(service)).toThrow(NotStaffError);
  });
});
