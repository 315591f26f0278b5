import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AuditEntriesTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
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
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
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
  stage: 'totp_enrol' | 'totp' | 'active';
  csrf_token: string;
  pending_totp_secret_enc: string | null;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
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

/** All tables. Each module owns its own; only that module's repo queries them. */
export interface Database {
  audit_entries: AuditEntriesTable;
  staff_users: StaffUsersTable;
  staff_scopes: StaffScopesTable;
  staff_sessions: StaffSessionsTable;
  reports: ReportsTable;
  report_idempotency_keys: ReportIdempotencyKeysTable;
}
