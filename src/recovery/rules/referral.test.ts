import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFERRAL_STATES, UNSUCCESSFUL_REASONS, type ReferralState } from '../../shared/recovery.ts';
import { FINAL_REFERRAL_STATES, referralEventsFrom, referralStep, serviceSchema, type ReferralEvent } from './referral.ts';

describe('referralStep', () => {
  it('runs in progress → accepted → done', () => {
    expect(referralStep('in_progress', { kind: 'accept' })).toEqual({ ok: true, state: 'accepted' });
    expect(referralStep('accepted', { kind: 'close', outcome: 'successful' })).toEqual({ ok: true, state: 'done' });
  });

  it('lets a referral in progress be declined (reason optional) or revoked (reason needed)', () => {
    expect(referralStep('in_progress', { kind: 'decline' })).toEqual({ ok: true, state: 'declined' });
    expect(referralStep('in_progress', { kind: 'revoke', reason: 'Consent withdrawn' })).toEqual({ ok: true, state: 'revoked' });
    expect(referralStep('accepted', { kind: 'revoke', reason: 'Moved out of state' })).toEqual({ ok: true, state: 'revoked' });
    expect(referralStep('in_progress', { kind: 'revoke', reason: '  ' })).toEqual({ ok: false, problem: 'reason_required' });
  });

  it('needs a reason to close as not successful, and a note when the reason is other', () => {
    expect(referralStep('accepted', { kind: 'close', outcome: 'not_successful', reason: 'no_capacity' })).toEqual({
      ok: true,
      state: 'done',
    });
    expect(referralStep('accepted', { kind: 'close', outcome: 'not_successful', reason: 'other' })).toEqual({
      ok: false,
      problem: 'note_required',
    });
    expect(
      referralStep('accepted', { kind: 'close', outcome: 'not_successful', reason: 'other', note: 'Provider closed' }).ok,
    ).toBe(true);
    const loose = { kind: 'close', outcome: 'not_successful' } as unknown as ReferralEvent;
    expect(referralStep('accepted', loose)).toEqual({ ok: false, problem: 'reason_required' });
  });

  it('refuses moves the state does not allow, naming the state', () => {
    expect(referralStep('in_progress', { kind: 'close', outcome: 'successful' })).toEqual({
      ok: false,
      problem: 'not_allowed_from_in_progress',
    });
    expect(referralStep('accepted', { kind: 'decline' })).toEqual({ ok: false, problem: 'not_allowed_from_accepted' });
    expect(referralStep('done', { kind: 'accept' })).toEqual({ ok: false, problem: 'not_allowed_from_done' });
    expect(referralStep('in_progress', { kind: 'reopen' } as unknown as ReferralEvent)).toEqual({
      ok: false,
      problem: 'unknown_event',
    });
  });

  it('offers the events each state allows', () => {
    expect(referralEventsFrom('in_progress')).toEqual(['accept', 'decline', 'revoke']);
    expect(referralEventsFrom('accepted')).toEqual(['close', 'revoke']);
    for (const s of FINAL_REFERRAL_STATES) expect(referralEventsFrom(s)).toEqual([]);
  });

  // Events as they might arrive from outside: well formed or not.
  const anyEvent: fc.Arbitrary<ReferralEvent> = fc
    .record(
      {
        kind: fc.constantFrom('accept', 'decline', 'revoke', 'close', 'reopen'),
        outcome: fc.constantFrom('successful', 'not_successful', 'maybe'),
        reason: fc.constantFrom(...UNSUCCESSFUL_REASONS, '', 'Consent withdrawn'),
        note: fc.constantFrom('', 'Provider closed'),
      },
      { requiredKeys: ['kind'] },
    )
    .map((e) => e as unknown as ReferralEvent);

  it('property: from a final state nothing is allowed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINAL_REFERRAL_STATES), anyEvent, (state, event) => {
        expect(referralStep(state, event).ok).toBe(false);
      }),
    );
  });

  it('property: no sequence of events reaches done without an accepted close that carries an outcome (and a reason when not successful)', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 8 }), (events) => {
        let state: ReferralState = 'in_progress';
        const taken: ReferralEvent[] = [];
        for (const e of events) {
          const step = referralStep(state, e);
          expect(REFERRAL_STATES).toContain(step.ok ? step.state : state);
          if (step.ok) {
            state = step.state;
            taken.push(e);
          }
        }
        if (state === 'done') {
          const close = taken.at(-1)!;
          expect(close.kind).toBe('close');
          if (close.kind !== 'close') return;
          expect(['successful', 'not_successful']).toContain(close.outcome);
          if (close.outcome === 'not_successful') expect(UNSUCCESSFUL_REASONS).toContain(close.reason);
          expect(taken.map((e) => e.kind)).toEqual(['accept', 'close']);
        }
      }),
    );
  });
});

describe('serviceSchema', () => {
  const valid = { kind: 'medical', providerName: 'Example Clinic', provided: 'pending', appointmentAt: '2026-05-01T15:30:00Z' };
  const issue = (v: unknown) => serviceSchema.safeParse(v).error?.issues[0];

  it('accepts a service with or without a provider id and appointment', () => {
    expect(serviceSchema.safeParse(valid).success).toBe(true);
    expect(
      serviceSchema.safeParse({
        kind: 'legal',
        providerName: 'Legal Aid',
        provided: 'yes',
        providerId: '0a0a0a0a-0000-4000-8000-00000000000a',
      }).success,
    ).toBe(true);
    expect(serviceSchema.safeParse({ ...valid, appointmentAt: '2026-05-01T10:30:00-05:00' }).success).toBe(true);
  });

  it('asks for the reason exactly when the service was not provided', () => {
    expect(issue({ ...valid, provided: 'no' })).toMatchObject({ path: ['reasonNotProvided'], message: 'required' });
    expect(issue({ ...valid, provided: 'no', reasonNotProvided: '   ' })).toMatchObject({
      path: ['reasonNotProvided'],
      message: 'required',
    });
    expect(serviceSchema.safeParse({ ...valid, provided: 'no', reasonNotProvided: 'Waiting list closed' }).success).toBe(true);
    expect(issue({ ...valid, provided: 'yes', reasonNotProvided: 'Left over' })).toMatchObject({
      path: ['reasonNotProvided'],
      message: 'only_when_not_provided',
    });
  });

  it('names the field at fault', () => {
    expect(issue({ ...valid, kind: 'spa' })?.path).toEqual(['kind']);
    expect(issue({ ...valid, providerName: ' ' })?.path).toEqual(['providerName']);
    expect(issue({ ...valid, appointmentAt: '2026-05-01' })?.path).toEqual(['appointmentAt']);
    expect(issue({ ...valid, providerId: 'clinic-7' })?.path).toEqual(['providerId']);
  });
});
