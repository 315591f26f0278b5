import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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

/** The intake module's tables: tips from every channel, hotline drafts and ESP uploads. */
export interface IntakeTables {
  reports: ReportsTable;
  report_idempotency_keys: ReportIdempotencyKeysTable;
  report_drafts: ReportDraftsTable;
  esp_reports: EspReportsTable;
  esp_files: EspFilesTable;
}
