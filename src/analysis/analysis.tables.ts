import type { ColumnType, Generated, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { AgenciesTables } from './agencies/agencies.tables.ts';

export type Trx = Transaction<Database>;

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TriageRuleSetsTable {
  version: number;
  rules: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface TipTriageTable {
  report_id: string;
  reference: string;
  status: Generated<string>;
  priority: number;
  fired: ColumnType<unknown, string, string>;
  rules_version: number;
  received_at: Timestamp;
  due_at: Timestamp;
  state: string | null;
  city: string | null;
  assignee_id: string | null;
  name_trigrams: ColumnType<number[], number[] | undefined, number[]>;
  name_core_trigrams: ColumnType<number[], number[] | undefined, number[]>;
  close_reason: string | null;
  close_note_enc: string | null;
  close_requested_by: string | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
  linked_case: string | null;
  analysed_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface TipIdentifiersTable {
  report_id: string;
  kind: string;
  token: string;
}

export interface TipNotesTable {
  id: string;
  report_id: string;
  author_id: string;
  body_enc: string;
  created_at: GeneratedTimestamp;
}

export interface TipMergesTable {
  id: string;
  kept_id: string;
  duplicate_id: string;
  duplicate_status: string;
  merged_by: string;
  merged_at: GeneratedTimestamp;
  undone_by: string | null;
  undone_at: Timestamp | null;
}

export interface ReferralsTable {
  id: string;
  reference: string;
  report_id: string;
  agency_id: string;
  status: Generated<string>;
  package_enc: string;
  sent_by: string;
  sent_at: GeneratedTimestamp;
  acknowledge_by: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  outcome: string | null;
  outcome_note_enc: string | null;
  outcome_at: Timestamp | null;
  outcome_by: string | null;
  outside_jurisdiction: string | null;
  passed_on_method: string | null;
  passed_on_at: Timestamp | null;
  passed_on_to_role: string | null;
  passed_on_note_enc: string | null;
  passed_on_by: string | null;
  passed_on_recorded_at: Timestamp | null;
}

export interface AnalysisTables extends AgenciesTables {
  triage_rule_sets: TriageRuleSetsTable;
  tip_triage: TipTriageTable;
  tip_identifiers: TipIdentifiersTable;
  tip_notes: TipNotesTable;
  tip_merges: TipMergesTable;
  referrals: ReferralsTable;
}
