import type { ColumnType, Generated } from 'kysely';
import type { AnalysisTables } from '../analysis/index.ts';
// eslint-disable-next-line no-restricted-imports -- table types only: the leads module owns these tables
import type { LeadsTables } from '../leads/store/leads.tables.ts';
import type { AdminTables } from '../security/admin.tables.ts';
import type { PasskeysTables } from '../security/passkeys.tables.ts';
import type { Stage } from '../security/second-factor.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AuditEntriesTable {
  id: Generated<number>;
  xid: Generated<string>;
  seq: number | null;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string | null;
  hash: string | null;
}

export interface StaffUsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: string;
  organisation: string;
  password_hash: string | null;
  totp_secret_enc: string | null;
  totp_enrolled_at: Timestamp | null;
  totp_last_step: number | null;
  setup_token_hash: string | null;
  setup_token_expires_at: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

export interface StaffScopesTable {
  user_id: string;
  kind: 'jurisdiction' | 'assignment';
  value: string;
}

export interface StaffSessionsTable {
  id_hash: string;
  user_id: string;
  stage: Stage;
  csrf_token: string;
  pending_totp_secret_enc: string | null;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  /** Wrong authenticator codes tried on this session while signing in. */
  failed_codes: Generated<number>;
}

export interface SignInThrottleTable {
  /** HMAC of the email typed at sign-in (known account or not). */
  subject: string;
  /** Attempts claimed and not yet answered by a success: failures in a row. */
  failures: Generated<number>;
  locked_until: Timestamp | null;
  updated_at: GeneratedTimestamp;
}

export interface ReportsTable {
  id: string;
  reference: string;
  received_at: Timestamp;
  channel: 'web_form' | 'api' | 'hotline' | 'esp';
  status: Generated<string>;
  incident_type: string;
  state: string | null;
  city: string | null;
  child_ages: number[];
  escalated: boolean;
  anonymous: boolean;
  body_enc: string;
}

export interface ReportIdempotencyKeysTable {
  key_hash: string;
  request_hash: string;
  report_id: string;
  created_at: GeneratedTimestamp;
}

export interface ReportDraftsTable {
  id: string;
  operator_id: string;
  status: 'draft' | 'submitted' | 'discarded';
  body_enc: string;
  call_started_at: Timestamp;
  call_ended_at: Timestamp | null;
  call_language: string | null;
  caller_type: string | null;
  callback_consent: boolean | null;
  version: number;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  save_audited_at: Timestamp | null;
  report_reference: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  token_hash: string;
  organisation: string;
  scopes: string[];
  label: string | null;
  created_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
}

export interface EspReportsTable {
  id: string;
  organisation: string;
  token_id: string;
  status: 'open' | 'finishing' | 'finished' | 'retracted';
  idempotency_key_hash: string | null;
  request_hash: string;
  body_enc: string;
  opened_at: Timestamp;
  finished_at: Timestamp | null;
  retracted_at: Timestamp | null;
  retract_reason: 'esp' | 'expired' | null;
  report_id: string | null;
  reference: string | null;
}

export interface EspFilesTable {
  id: string;
  esp_report_id: string;
  mime_type: string;
  size_bytes: ColumnType<string, number, number>;
  sha256: string;
  md5: string;
  storage_key: string | null;
  data_key_enc: string | null;
  meta_enc: string;
  created_at: GeneratedTimestamp;
}

export interface CaseTeamsTable {
  id: string;
  name: string;
  created_at: GeneratedTimestamp;
}

export interface CaseTeamMembersTable {
  team_id: string;
  user_id: string;
  supervises: Generated<boolean>;
}

export interface CasesTable {
  id: string;
  reference: string;
  status: Generated<'open' | 'closing_requested' | 'closed'>;
  assignee_id: string | null;
  team_id: string | null;
  state: string | null;
  restricted: Generated<boolean>;
  version: Generated<number>;
  body_enc: string;
  episode_count: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  close_reason: string | null;
  close_note_enc: string | null;
  close_requested_by: string | null;
  close_requested_at: Timestamp | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
}

export interface CaseAccessTable {
  case_id: string;
  user_id: string;
}

export interface CaseRevisionsTable {
  case_id: string;
  version: number;
  changed_fields: string[];
  actor_id: string | null;
  at: GeneratedTimestamp;
}

export interface CaseEpisodesTable {
  id: string;
  case_id: string;
  left_from: 'home' | 'placement' | 'facility';
  known_missing_at: Timestamp;
  reported_le_at: Timestamp | null;
  reported_ch_at: Timestamp | null;
  recovered_at: Timestamp | null;
  return_interview_at: Timestamp | null;
  screening_at: Timestamp | null;
  screening_outcome: string | null;
  victim_reported_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  body_enc: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CaseTasksTable {
  id: string;
  case_id: string;
  owner_id: string | null;
  due_at: Timestamp | null;
  status: Generated<'open' | 'done' | 'cancelled'>;
  title_enc: string;
  observation_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  done_at: Timestamp | null;
  version: Generated<number>;
}

export interface CaseObservationsTable {
  id: string;
  case_id: string;
  observed_at: Timestamp;
  indicator: string;
  source: string;
  body_enc: string;
  task_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseLinksTable {
  id: string;
  case_id: string;
  kind: 'tip' | 'case' | 'lead';
  target_ref: string;
  reason_enc: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseNotesTable {
  id: string;
  case_id: string;
  body_enc: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CasePosterApprovalsTable {
  case_id: string;
  case_version: number;
  approved_by: string;
  approved_at: Timestamp;
}

export interface CaseNameTrigramsTable {
  token: number;
  case_id: string;
  name_no: number;
  name_size: number;
}

export interface CaseIdentifiersTable {
  case_id: string;
  kind: 'phone' | 'email' | 'handle';
  token: string;
}

export interface CaseSavedFiltersTable {
  id: string;
  user_id: string;
  name: string;
  query_enc: string;
  created_at: GeneratedTimestamp;
}

export interface CasePosterRequestsTable {
  case_id: string;
  case_version: number;
  requested_by: string;
  requested_at: Timestamp;
}

export interface CasePhotosTable {
  id: string;
  case_id: string;
  storage_key: string;
  data_key_enc: string;
  mime_type: string;
  size_bytes: number;
  width: number;
  height: number;
  pdq_hex: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface AgenciesTable {
  id: string;
  code: string;
  name: string;
  kind: 'law_enforcement' | 'icac_task_force' | 'child_welfare' | 'prosecutor' | 'service_provider' | 'other';
  phone: string | null;
  email: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AgencyAreasTable {
  id: string;
  agency_id: string;
  area_kind: 'state' | 'county' | 'city' | 'tribal';
  state: string | null;
  county: string | null;
  city: string | null;
  tribal_land: string | null;
  match_key: string;
}

export interface AgencyMembersTable {
  staff_id: string;
  agency_id: string;
  created_at: GeneratedTimestamp;
}

/** All tables. Each module owns its own; only that module's repo queries them. */
export interface Database extends AnalysisTables, LeadsTables, PasskeysTables, AdminTables {
  case_poster_approvals: CasePosterApprovalsTable;
  case_name_trigrams: CaseNameTrigramsTable;
  case_identifiers: CaseIdentifiersTable;
  case_saved_filters: CaseSavedFiltersTable;
  case_photos: CasePhotosTable;
  case_poster_requests: CasePosterRequestsTable;
  audit_entries: AuditEntriesTable;
  staff_users: StaffUsersTable;
  staff_scopes: StaffScopesTable;
  staff_sessions: StaffSessionsTable;
  sign_in_throttle: SignInThrottleTable;
  reports: ReportsTable;
  report_idempotency_keys: ReportIdempotencyKeysTable;
  report_drafts: ReportDraftsTable;
  api_tokens: ApiTokensTable;
  esp_reports: EspReportsTable;
  esp_files: EspFilesTable;
  case_teams: CaseTeamsTable;
  case_team_members: CaseTeamMembersTable;
  cases: CasesTable;
  case_access: CaseAccessTable;
  case_revisions: CaseRevisionsTable;
  case_episodes: CaseEpisodesTable;
  case_tasks: CaseTasksTable;
  case_observations: CaseObservationsTable;
  case_links: CaseLinksTable;
  case_notes: CaseNotesTable;
  agencies: AgenciesTable;
  agency_areas: AgencyAreasTable;
  agency_members: AgencyMembersTable;
}
