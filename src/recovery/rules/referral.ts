/**
 * A referral to a provider as a small state machine, and the schema of a service on the plan. Pure.
 *
 *   in_progress ─accept→ accepted ─close→ done
 *        │ └─decline→ declined      │
 *        └──────revoke→ revoked ←───┘
 *
 * declined, done and revoked are final.
 */
import { z } from 'zod';
import { SERVICE_KINDS, UNSUCCESSFUL_REASONS, type ReferralState, type UnsuccessfulReason } from '../../shared/recovery.ts';

export type ReferralEvent =
  | { kind: 'accept' }
  | { kind: 'decline'; reason?: string }
  | { kind: 'revoke'; reason: string }
  | { kind: 'close'; outcome: 'successful' }
  | { kind: 'close'; outcome: 'not_successful'; reason: UnsuccessfulReason; note?: string };
export type ReferralEventKind = ReferralEvent['kind'];

export type ReferralProblem =
  | `not_allowed_from_${ReferralState}`
  /** A revocation, or a close as not successful, without its reason. */
  | 'reason_required'
  /** Closed as not successful for an 'other' reason, with nothing said. */
  | 'note_required'
  /** A close that says neither successful nor not successful. */
  | 'outcome_required'
  | 'unknown_event';
export type ReferralStep = { ok: true; state: ReferralState } | { ok: false; problem: ReferralProblem };

const MOVES: Readonly<Record<ReferralState, Partial<Record<ReferralEventKind, ReferralState>>>> = {
  in_progress: { accept: 'accepted', decline: 'declined', revoke: 'revoked' },
  accepted: { close: 'done', revoke: 'revoked' },
  declined: {},
  done: {},
  revoked: {},
};

const EVENT_KINDS: readonly string[] = ['accept', 'decline', 'revoke', 'close'] satisfies ReferralEventKind[];

export const FINAL_REFERRAL_STATES: readonly ReferralState[] = ['declined', 'done', 'revoked'];

/** The events a referral in this state accepts, for the buttons a view offers. */
export function referralEventsFrom(state: ReferralState): ReferralEventKind[] {
  return Object.keys(MOVES[state]) as ReferralEventKind[];
}

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/** What the event itself lacks, whatever the state. Events may arrive from outside, so this does not trust their type. */
function eventProblem(event: ReferralEvent): ReferralProblem | undefined {
  switch (event.kind) {
    case 'accept':
    case 'decline':
      return undefined;
    case 'revoke':
      return blank(event.reason) ? 'reason_required' : undefined;
    case 'close':
      if (event.outcome === 'successful') return undefined;
      if (event.outcome !== 'not_successful') return 'outcome_required';
      if (!UNSUCCESSFUL_REASONS.includes(event.reason)) return 'reason_required';
      return event.reason === 'other' && blank(event.note) ? 'note_required' : undefined;
    default:
      return 'unknown_event';
  }
}

/** The state after `event`, or why the event cannot happen now: a move the state does not allow is refused before the event's own fields are checked. */
export function referralStep(state: ReferralState, event: ReferralEvent): ReferralStep {
  if (!EVENT_KINDS.includes(event.kind)) return { ok: false, problem: 'unknown_event' };
  const next = MOVES[state][event.kind];
  if (next === undefined) return { ok: false, problem: `not_allowed_from_${state}` };
  const problem = eventProblem(event);
  return problem ? { ok: false, problem } : { ok: true, state: next };
}

const providerText = (max: number) => z.string().trim().min(1).max(max);

/** A service on the plan. The reason it was not provided is asked for exactly when it was not. */
export const serviceSchema = z
  .object({
    kind: z.enum(SERVICE_KINDS),
    providerId: z.uuid().optional(),
    providerName: providerText(200),
    appointmentAt: z.iso.datetime({ offset: true }).optional(),
    provided: z.enum(['yes', 'no', 'pending']),
    reasonNotProvided: z.string().trim().max(1000).optional(),
  })
  .superRefine((s, ctx) => {
    const hasReason = s.reasonNotProvided !== undefined && s.reasonNotProvided !== '';
    if (s.provided === 'no' && !hasReason) ctx.addIssue({ code: 'custom', path: ['reasonNotProvided'], message: 'required' });
    if (s.provided !== 'no' && hasReason)
      ctx.addIssue({ code: 'custom', path: ['reasonNotProvided'], message: 'only_when_not_provided' });
  });
