import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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

export interface CasePhotosTable {
  id: string;
  case_id: string;
  storage_key: string;
  data_key_enc: string;
  mime_type: string;
  size_bytes: number;
  width: number;
  height: number;
  /** Plain hex of photos hashed before hashes were sealed; emptied when the photo index is built. */
  pdq_hex: string | null;
  pdq_enc: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CasePosterRequestsTable {
  case_id: string;
  case_version: number;
  requested_by: string;
  requested_at: Timestamp;
}

/** The cases module's tables. */
export interface CasesTables {
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
  case_poster_approvals: CasePosterApprovalsTable;
  case_name_trigrams: CaseNameTrigramsTable;
  case_identifiers: CaseIdentifiersTable;
  case_saved_filters: CaseSavedFiltersTable;
  case_photos: CasePhotosTable;
  case_poster_requests: CasePosterRequestsTable;
}
