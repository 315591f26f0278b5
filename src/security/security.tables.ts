import type { ColumnType, Generated } from 'kysely';
import type { AdminTables } from './admin.tables.ts';
import type { PasskeysTables } from './passkeys.tables.ts';
import type { Stage } from './second-factor.ts';

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

export interface ApiTokensTable {
  id: Generated<string>;
  token_hash: string;
  organisation: string;
  scopes: string[];
  label: string | null;
  created_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
}

/** The security module's tables: staff, sessions, tokens, passkeys and the audit trail. */
export interface SecurityTables extends PasskeysTables, AdminTables {
  audit_entries: AuditEntriesTable;
  staff_users: StaffUsersTable;
  staff_scopes: StaffScopesTable;
  staff_sessions: StaffSessionsTable;
  sign_in_throttle: SignInThrottleTable;
  api_tokens: ApiTokensTable;
}
