/**
 * The words of victim assistance plans, shared by the server and the staff app. Need domains follow
 * the recovery needs the seed names (untreated medical and dental issues among them); the directory
 * describes what its providers serve in the same domains.
 */
export const NEED_DOMAINS = [
  'safety_placement',
  'medical_dental',
  'mental_health',
  'substance_use',
  'education',
  'legal_rights',
  'identity_documents',
  'family_relationships',
  'independent_living',
] as const;
export type NeedDomain = (typeof NEED_DOMAINS)[number];

export const NEED_DOMAIN_LABELS: Readonly<Record<NeedDomain, string>> = {
  safety_placement: 'Safety and placement',
  medical_dental: 'Medical and dental care',
  mental_health: 'Mental health and trauma care',
  substance_use: 'Substance use',
  education: 'Education',
  legal_rights: 'Legal advocacy and rights as a crime victim',
  identity_documents: 'Identity documents',
  family_relationships: 'Family and relationships',
  independent_living: 'Independent living',
};

/** Who takes part in planning. `youth_named` is one of the (at most two) people a young person of 14 or over names. */
export const PARTICIPANT_KINDS = [
  'young_person',
  'guardian',
  'foster_parent',
  'child_welfare',
  'law_enforcement',
  'advocate',
  'youth_named',
  'other',
] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** Who owns an action on the plan. */
export const OWNER_KINDS = [
  'young_person',
  'guardian',
  'foster_parent',
  'child_welfare',
  'law_enforcement',
  'advocate',
  'recovery_specialist',
  'provider',
  'other',
] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const RECURRENCES = ['weekly', 'monthly', 'quarterly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const SERVICE_KINDS = [
  'shelter',
  'medical',
  'mental_health',
  'legal',
  'education',
  'drop_in',
  'anti_trafficking',
  'other',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** The kinds of recipient a consent to share names. */
export const RECIPIENT_KINDS = ['health', 'mental_health', 'legal', 'shelter', 'education', 'law_enforcement', 'other'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** What a consent may allow to be shared with a recipient; nothing else about the child leaves Beacon. */
export const SHAREABLE_DETAILS = [
  'first_name',
  'full_name',
  'date_of_birth',
  'gender',
  'languages',
  'placement',
  'contact',
  'needs',
  'medical_notes',
] as const;
export type ShareableDetail = (typeof SHAREABLE_DETAILS)[number];

export const REFERRAL_STATES = ['in_progress', 'accepted', 'declined', 'done', 'revoked'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

export const UNSUCCESSFUL_REASONS = ['client_refused', 'no_capacity', 'no_longer_needed', 'could_not_reach', 'other'] as const;
export type UnsuccessfulReason = (typeof UNSUCCESSFUL_REASONS)[number];
