/** Where a booking stands; `attended` and `no_show` are set once the session has started. */
export const BOOKING_STATUSES = ['booked', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface Seat {
  id: string;
  /** Order of registration: the waitlist is served in this order. */
  seq: number;
  status: BookingStatus;
}

export interface StatusChange {
  id: string;
  from: BookingStatus;
  to: BookingStatus;
}

const holdsSeat = (s: Seat) => s.status === 'booked' || s.status === 'attended' || s.status === 'no_show';

/** A new registration takes a seat while one is free, else joins the end of the waitlist. */
export function placeFor(capacity: number, seats: readonly Seat[]): 'booked' | 'waitlisted' {
  return seats.filter(holdsSeat).length < capacity ? 'booked' : 'waitlisted';
}

/** Free seats go to the waitlist in registration order, never beyond capacity. */
export function promotions(capacity: number, seats: readonly Seat[]): StatusChange[] {
  const free = capacity - seats.filter(holdsSeat).length;
  if (free <= 0) return [];
  return seats
    .filter((s) => s.status === 'waitlisted')
    .sort((a, b) => a.seq - b.seq)
    .slice(0, free)
    .map((s) => ({ id: s.id, from: 'waitlisted', to: 'booked' }));
}

export type CancelOutcome = { kind: 'cancelled'; changes: StatusChange[] } | { kind: 'not_active' };

/** Cancelling a booked or waitlisted place; a freed seat promotes the first on the waitlist. */
export function cancel(capacity: number, seats: readonly Seat[], id: string): CancelOutcome {
  const seat = seats.find((s) => s.id === id);
  if (!seat || (seat.status !== 'booked' && seat.status !== 'waitlisted')) return { kind: 'not_active' };
  const own: StatusChange = { id, from: seat.status, to: 'cancelled' };
  const after = seats.map((s) => (s.id === id ? { ...s, status: 'cancelled' as const } : s));
  return { kind: 'cancelled', changes: [own, ...promotions(capacity, after)] };
}

export type Attendance = 'attended' | 'no_show';

/** Attendance is taken once the session has started, for those holding a seat (marks may be corrected). */
export function attendanceChange(seat: Seat, mark: Attendance, started: boolean): StatusChange | 'not_started' | 'no_seat' {
  if (!started) return 'not_started';
  if (!holdsSeat(seat)) return 'no_seat';
  return { id: seat.id, from: seat.status, to: mark };
}

export function applyChanges(seats: readonly Seat[], changes: readonly StatusChange[]): Seat[] {
  const to = new Map(changes.map((c) => [c.id, c.to]));
  return seats.map((s) => ({ ...s, status: to.get(s.id) ?? s.status }));
}
