import type { ColumnType, Generated } from 'kysely';
import type { TemplateContent } from './template.schema.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** A template's versions share a family; a plan starts from the latest published version of one. */
export interface PlanTemplatesTable {
  id: string;
  family_id: string;
  version: number;
  name: string;
  /** Templates hold no child's data: a starting set of needs, goals and actions. */
  content: Json<TemplateContent>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  published_at: Timestamp | null;
  /** Set when survivor experts reviewed this version before it was published (names, as shown). */
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One plan a case at a time; its dated facts give its status (see rules/plan-status.ts). */
export interface AssistancePlansTable {
  id: string;
  case_id: string;
  template_id: string | null;
  current_version: number;
  review_every_months: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  submitted_at: Timestamp | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  approved_version: number | null;
  last_reviewed_at: Timestamp | null;
  closed_at: Timestamp | null;
}

/** Every save of a plan, kept: versions compare side by side. */
export interface PlanVersionsTable {
  id: string;
  plan_id: string;
  version: number;
  content_enc: string;
  saved_by: string | null;
  saved_at: GeneratedTimestamp;
}

/** Dated progress on an action, by staff or by the outside participant who owns it. */
export interface PlanProgressTable {
  id: string;
  plan_id: string;
  action_id: string;
  done_on: ColumnType<string, string, never> | null;
  note_enc: string | null;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

/** Outside accounts (role plan_participant) and the one plan each reaches. */
export interface PlanParticipantsTable {
  plan_id: string;
  user_id: string;
  participant_id: string;
  invited_by: string | null;
  invited_at: GeneratedTimestamp;
}

export interface PlanConsentsTable {
  id: string;
  plan_id: string;
  given_by: 'young_person' | 'guardian';
  recipient_kind: string;
  organisation: string | null;
  shares: string[];
  given_on: ColumnType<string, string, never>;
  expires_on: ColumnType<string, string, never>;
  revoked_on: ColumnType<string | null, never, string>;
  recorded_by: string | null;
  recorded_at: GeneratedTimestamp;
}

export interface PlanServicesTable {
  id: string;
  plan_id: string;
  kind: string;
  provider_id: string | null;
  provider_name: string;
  appointment_at: Timestamp | null;
  provided: 'yes' | 'no' | 'pending';
  reason_not_provided_enc: string | null;
  recorded_by: string | null;
  recorded_at: GeneratedTimestamp;
}

export interface PlanReferralsTable {
  id: string;
  plan_id: string;
  reference: string;
  service_kind: string;
  recipient_kind: string;
  provider_id: string | null;
  provider_name: string;
  provider_contact: string | null;
  need_domains: string[];
  consent_id: string | null;
  /** A supervisor's legal reason to proceed without consent: shown on the plan, audited. */
  legal_reason_enc: string | null;
  legal_reason_by: string | null;
  state: Generated<'in_progress' | 'accepted' | 'declined' | 'done' | 'revoked'>;
  outcome: 'successful' | 'not_successful' | null;
  unsuccessful_reason: string | null;
  note_enc: string | null;
  sent_by: string | null;
  sent_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface RecoveryTables {
  plan_templates: PlanTemplatesTable;
  assistance_plans: AssistancePlansTable;
  plan_versions: PlanVersionsTable;
  plan_progress: PlanProgressTable;
  plan_participants: PlanParticipantsTable;
  plan_consents: PlanConsentsTable;
  plan_services: PlanServicesTable;
  plan_referrals: PlanReferralsTable;
}
