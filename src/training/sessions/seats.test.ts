import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, attendanceChange, cancel, placeFor, type Seat } from './seats.ts';

type Op = { kind: 'book' } | { kind: 'cancel'; pick: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'book' as const }),
  fc.nat(50).map((pick) => ({ kind: 'cancel' as const, pick })),
);

/** Plays registrations and cancellations through the rules, as the repository does in its transaction. */
function play(capacity: number, ops: readonly Op[]): { seats: Seat[]; promoted: Seat[][] } {
  let seats: Seat[] = [];
  const promoted: Seat[][] = [];
  ops.forEach((o, i) => {
    if (o.kind === 'book') {
      seats = [...seats, { id: `b${i}`, seq: i, status: placeFor(capacity, seats) }];
      return;
    }
    const target = seats[o.pick % Math.max(seats.length, 1)];
    if (!target) return;
    const waitingBefore = seats.filter((s) => s.status === 'waitlisted').sort((a, b) => a.seq - b.seq);
    const outcome = cancel(capacity, seats, target.id);
    if (outcome.kind !== 'cancelled') return;
    const up = outcome.changes.filter((c) => c.to === 'booked').map((c) => c.id);
    promoted.push(waitingBefore.filter((s) => s.id !== target.id).slice(0, up.length));
    expect(up).toEqual(promoted.at(-1)?.map((s) => s.id));
    seats = applyChanges(seats, outcome.changes);
  });
  return { seats, promoted };
}

describe('seats and the waitlist', () => {
  it('never books beyond capacity, and leaves nobody waiting while a seat is free', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const { seats } = play(capacity, ops);
        const booked = seats.filter((s) => s.status === 'booked').length;
        expect(booked).toBeLessThanOrEqual(capacity);
        if (booked < capacity) expect(seats.filter((s) => s.status === 'waitlisted')).toEqual([]);
      }),
    );
  });

  it('promotes the waitlist in the order people registered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        // `play` checks each promotion is the head of the waitlist as it stood.
        const { promoted } = play(capacity, ops);
        for (const batch of promoted) expect(batch.map((s) => s.seq)).toEqual([...batch.map((s) => s.seq)].sort((a, b) => a - b));
      }),
    );
  });

  it('refuses to cancel a place twice or one already marked attended', () => {
    const seats: Seat[] = [
      { id: 'a', seq: 1, status: 'cancelled' },
      { id: 'b', seq: 2, status: 'attended' },
    ];
    expect(cancel(1, seats, 'a')).toEqual({ kind: 'not_active' });
    expect(cancel(1, seats, 'b')).toEqual({ kind: 'not_active' });
    expect(cancel(1, seats, 'zzz')).toEqual({ kind: 'not_active' });
  });

  it('takes attendance only after the start and only for those with a seat', () => {
    const booked: Seat = { id: 'a', seq: 1, status: 'booked' };
    expect(attendanceChange(booked, 'attended', false)).toBe('not_started');
    expect(attendanceChange({ ...booked, status: 'waitlisted' }, 'attended', true)).toBe('no_seat');
    expect(attendanceChange(booked, 'no_show', true)).toEqual({ id: 'a', from: 'booked', to: 'no_show' });
  });
});
