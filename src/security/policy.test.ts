import { describe, expect, it } from 'vitest';
import { PUBLIC_ACTOR, type StaffActor } from './actor.ts';
import { lockoutDelayMs } from './auth.service.ts';
import { authorize, ForbiddenError, hasPermission, recordScope } from './policy.ts';
import { ROLES, type Role } from './roles.ts';

const staff = (role: Role, jurisdictions: string[] = []): StaffActor => ({
  kind: 'staff',
  id: '00000000-0000-4000-8000-000000000001',
  email: `${role}@example.test`,
  role,
  organisation: 'Test',
  jurisdictions,
  assignments: [],
});

describe('policy', () => {
  it('denies the public every staff permission', () => {
    expect(hasPermission(PUBLIC_ACTOR, 'report.read')).toBe(false);
    expect(() => authorize(PUBLIC_ACTOR, 'report.list')).toThrow(ForbiddenError);
  });

  it('lets only analysts and supervisors list the tip queue', () => {
    const allowed = ROLES.filter((r) => hasPermission(staff(r), 'report.list'));
    expect(allowed.sort()).toEqual(['analyst', 'supervisor']);
  });

  it('limits an analyst with jurisdictions to those states', () => {
    expect(recordScope(staff('analyst'), 'report.read')).toEqual({ kind: 'all' });
    expect(recordScope(staff('analyst', ['OK', 'TX']), 'report.read')).toEqual({ kind: 'jurisdictions', states: ['OK', 'TX'] });
  });

  it('gives partners and case managers only what is assigned to them', () => {
    expect(recordScope(staff('partner', ['OK']), 'report.read').kind).toBe('assigned');
    expect(recordScope(staff('case_manager'), 'report.read').kind).toBe('assigned');
    expect(recordScope(staff('admin'), 'report.read').kind).toBe('none');
  });
});

describe('lockoutDelayMs', () => {
  it('allows five attempts, then doubles the wait up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockoutDelayMs)).toEqual([0, 0, 0, 0]);
    expect(lockoutDelayMs(5)).toBe(30_000);
    expect(lockoutDelayMs(6)).toBe(60_000);
    expect(lockoutDelayMs(20)).toBe(15 * 60_000);
  });
});
