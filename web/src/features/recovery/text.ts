import {
  NEED_DOMAIN_LABELS,
  OWNER_KINDS,
  PARTICIPANT_KINDS,
  RECIPIENT_KINDS,
  SERVICE_KINDS,
  SHAREABLE_DETAILS,
  UNSUCCESSFUL_REASONS,
  type OwnerKind,
  type ParticipantKind,
  type RecipientKind,
  type ServiceKind,
  type ShareableDetail,
  type UnsuccessfulReason,
} from '@shared/recovery';

export { NEED_DOMAIN_LABELS };

export const PARTICIPANT_LABELS: Readonly<Record<ParticipantKind, string>> = {
  young_person: 'The young person',
  guardian: 'Parent or guardian',
  foster_parent: 'Foster parent',
  child_welfare: 'Child-welfare worker',
  law_enforcement: 'Law enforcement',
  advocate: 'Advocate',
  youth_named: 'Named by the young person',
  other: 'Someone else',
};

export const OWNER_LABELS: Readonly<Record<OwnerKind, string>> = {
  young_person: 'The young person',
  guardian: 'Parent or guardian',
  foster_parent: 'Foster parent',
  child_welfare: 'Child-welfare worker',
  law_enforcement: 'Law enforcement',
  advocate: 'Advocate',
  recovery_specialist: 'Recovery specialist',
  provider: 'Service provider',
  other: 'Someone else',
};

export const SERVICE_LABELS: Readonly<Record<ServiceKind, string>> = {
  shelter: 'Shelter',
  medical: 'Medical or dental',
  mental_health: 'Mental health',
  legal: 'Legal',
  education: 'Education',
  drop_in: 'Drop-in centre',
  anti_trafficking: 'Specialised anti-trafficking programme',
  other: 'Other',
};

export const RECIPIENT_LABELS: Readonly<Record<RecipientKind, string>> = {
  health: 'Health care',
  mental_health: 'Mental health',
  legal: 'Legal',
  shelter: 'Shelter',
  education: 'Education',
  law_enforcement: 'Law enforcement',
  other: 'Other',
};

export const DETAIL_LABELS: Readonly<Record<ShareableDetail, string>> = {
  first_name: 'First name',
  full_name: 'Full name',
  date_of_birth: 'Date of birth',
  gender: 'Gender',
  languages: 'Languages',
  placement: 'Placement',
  contact: 'Guardian’s contact',
  needs: 'Needs the referral addresses',
  medical_notes: 'Medical notes',
};

export const REASON_LABELS: Readonly<Record<UnsuccessfulReason, string>> = {
  client_refused: 'The young person declined',
  no_capacity: 'The provider had no capacity',
  no_longer_needed: 'No longer needed',
  could_not_reach: 'Could not reach the provider or the young person',
  other: 'Other (say what in the note)',
};

export const STATE_LABELS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  awaiting_approval: 'Waiting for a supervisor’s approval',
  active: 'In force',
  review_due: 'Review due',
  closed: 'Closed',
  done: 'Done',
  overdue: 'Overdue',
  due_soon: 'Due soon',
  open: 'Open',
  achieved: 'Achieved',
  in_progress: 'In progress',
  met: 'Met',
  accepted: 'Accepted',
  declined: 'Declined',
  revoked: 'Revoked',
};

export const stateLabel = (state: string | undefined): string => (state === undefined ? '' : (STATE_LABELS[state] ?? state));

export const CHOICES = {
  participants: PARTICIPANT_KINDS,
  owners: OWNER_KINDS,
  services: SERVICE_KINDS,
  recipients: RECIPIENT_KINDS,
  details: SHAREABLE_DETAILS,
  reasons: UNSUCCESSFUL_REASONS,
};

/** A short id for a new item on the plan; versions compare item by item by it. */
export const newItemId = (): string => crypto.randomUUID().replaceAll('-', '').slice(0, 12);
