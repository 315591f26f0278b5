/**
 * Consent to share a child's details with an outside organisation, kept as dated records, and the
 * one place that cuts a child's details down to what a consent allows. Pure: the caller passes `today`.
 */
import { z } from 'zod';
import { RECIPIENT_KINDS, SHAREABLE_DETAILS, type RecipientKind, type ShareableDetail } from '../../shared/recovery.ts';
import { isoDate } from '../../core/dates.ts';

/** From this age a young person's own consent is needed; a guardian's alone is not enough. */
export const OWN_CONSENT_AGE = 14;

export type ConsentGiver = 'young_person' | 'guardian';

export type Consent = {
  id: string;
  givenBy: ConsentGiver;
  recipientKind: RecipientKind;
  /** A provider id; absent, any organisation of the kind. */
  organisation?: string;
  shares: ShareableDetail[];
  givenOn: string;
  /** The first day the consent no longer holds. */
  expiresOn: string;
  revokedOn?: string;
};

/** A consent as recorded: the server adds the id; a revocation is recorded later, on its own. */
export const consentSchema = z
  .object({
    givenBy: z.enum(['young_person', 'guardian']),
    recipientKind: z.enum(RECIPIENT_KINDS),
    organisation: z.uuid().optional(),
    shares: z
      .array(z.enum(SHAREABLE_DETAILS))
      .min(1, { message: 'shares_empty' })
      .refine((s) => new Set(s).size === s.length, { message: 'shares_repeated' }),
    givenOn: isoDate,
    expiresOn: isoDate,
  })
  .refine((c) => c.expiresOn > c.givenOn, { path: ['expiresOn'], message: 'expires_before_given' });

export type ConsentRequest = { recipientKind: RecipientKind; organisation?: string };
export type ConsentRefusal = 'none' | 'expired' | 'revoked' | 'other_organisation' | 'needs_young_person' | 'needs_guardian';
export type ConsentAnswer = { ok: true; consent: Consent } | { ok: false; reason: ConsentRefusal };

/** Named for this organisation, or for any organisation of the kind; a named one never stands for another. */
export function consentCovers(c: Consent, asked: ConsentRequest): boolean {
  return c.recipientKind === asked.recipientKind && (c.organisation === undefined || c.organisation === asked.organisation);
}

const isRevoked = (c: Consent, today: string) => c.revokedOn !== undefined && c.revokedOn <= today;
const isExpired = (c: Consent, today: string) => today >= c.expiresOn;

export type ConsentState = 'not_yet_given' | 'in_force' | 'expired' | 'revoked';

/** A consent holds from the day it is given up to the day before it expires, unless revoked first. */
export function consentState(c: Consent, today: string): ConsentState {
  if (isRevoked(c, today)) return 'revoked';
  if (isExpired(c, today)) return 'expired';
  return c.givenOn <= today ? 'in_force' : 'not_yet_given';
}
const inForce = (c: Consent, today: string) => consentState(c, today) === 'in_force';

/**
 * Who may consent: a young person of 14 or over (or of unknown age) themselves; under 14, a guardian.
 * Unknown age takes the stricter rule, since sharing on a guardian's word over a 15-year-old's head is
 * the harm to avoid.
 */
export function neededGiver(youngPersonAge: number | undefined): ConsentGiver {
  return youngPersonAge !== undefined && youngPersonAge < OWN_CONSENT_AGE ? 'guardian' : 'young_person';
}

/** Named organisation first, then the one that holds longest, then the latest given. */
function moreSpecific(a: Consent, b: Consent): number {
  const named = Number(b.organisation !== undefined) - Number(a.organisation !== undefined);
  if (named !== 0) return named;
  if (a.expiresOn !== b.expiresOn) return a.expiresOn > b.expiresOn ? -1 : 1;
  if (a.givenOn !== b.givenOn) return a.givenOn > b.givenOn ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Why nothing matched, naming the nearest miss: the right kind and giver but revoked or expired, then the wrong giver, the wrong organisation. */
function refusal(consents: readonly Consent[], asked: ConsentRequest, giver: ConsentGiver, today: string): ConsentRefusal {
  const ofKind = consents.filter((c) => c.recipientKind === asked.recipientKind);
  const covering = ofKind.filter((c) => consentCovers(c, asked));
  const fromGiver = covering.filter((c) => c.givenBy === giver);
  if (fromGiver.some((c) => isRevoked(c, today))) return 'revoked';
  if (fromGiver.some((c) => isExpired(c, today))) return 'expired';
  if (fromGiver.length === 0 && covering.some((c) => inForce(c, today)))
    return giver === 'young_person' ? 'needs_young_person' : 'needs_guardian';
  if (covering.length === 0 && ofKind.length > 0) return 'other_organisation';
  return 'none';
}

/**
 * The consent that lets the child's details go to this recipient today: in force (given, not
 * expired, not revoked), covering the kind and organisation, given by the person the age requires.
 * The most specific wins: one naming the organisation over one for any organisation of the kind.
 */
export function consentFor(
  consents: readonly Consent[],
  asked: ConsentRequest,
  youngPersonAge: number | undefined,
  today: string,
): ConsentAnswer {
  const giver = neededGiver(youngPersonAge);
  const usable = consents.filter((c) => consentCovers(c, asked) && c.givenBy === giver && inForce(c, today)).sort(moreSpecific);
  const consent = usable[0];
  return consent ? { ok: true, consent } : { ok: false, reason: refusal(consents, asked, giver, today) };
}

/** A child's details as Beacon holds them; only what a consent shares leaves it. */
export type ChildDetails = {
  firstName?: string;
  fullName?: string;
  dateOfBirth?: string;
  gender?: string;
  languages?: string[];
  placement?: string;
  contact?: string;
  needs?: string[];
  medicalNotes?: string;
};

export const SHARED_FIELD: Readonly<Record<ShareableDetail, keyof ChildDetails>> = {
  first_name: 'firstName',
  full_name: 'fullName',
  date_of_birth: 'dateOfBirth',
  gender: 'gender',
  languages: 'languages',
  placement: 'placement',
  contact: 'contact',
  needs: 'needs',
  medical_notes: 'medicalNotes',
};

/** A new object holding only the shared fields; anything else on `details`, typed or not, stays behind. */
export function shareableDetails(details: ChildDetails, shares: readonly ShareableDetail[]): ChildDetails {
  const out: Record<string, unknown> = {};
  for (const share of shares) {
    if (!Object.hasOwn(SHARED_FIELD, share)) continue;
    const field = SHARED_FIELD[share];
    if (details[field] !== undefined) out[field] = details[field];
  }
  return out as ChildDetails;
}
