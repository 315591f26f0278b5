import type { ColumnType, Generated } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string, string>;

/** A family supported by the organisation; who they are and how to reach them is sealed. */
export interface FamiliesTable {
  id: string;
  details_enc: string;
  /** What matching needs, and nothing that names anyone. */
  region: string;
  languages: string[];
  experience: string[];
  preferences: string[];
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

/** A peer support volunteer; `user_id` is the account they sign in with, once they have one. */
export interface VolunteersTable {
  id: string;
  user_id: string | null;
  name: string;
  languages: string[];
  regions: string[];
  lived_experience: string[];
  preferences: string[];
  family_limit: number;
  created_at: GeneratedTimestamp;
}

/** Every completion of a stage, renewals included; approval is computed from these (rules/approval.ts). */
export interface VolunteerStagesTable {
  id: string;
  volunteer_id: string;
  stage: string;
  completed_on: Day;
  valid_until: Day | null;
  recorded_by: string | null;
  recorded_at: GeneratedTimestamp;
}

/** A volunteer matched with a family by a staff member; contact is shared only once consent is recorded. */
export interface PeerMatchesTable {
  id: string;
  family_id: string;
  volunteer_id: string;
  reasons: string[];
  confirmed_by: string;
  started_on: Day;
  consent_on: Day | null;
  consent_recorded_by: string | null;
  ended_on: Day | null;
  end_reason: ColumnType<string | null, string | null | undefined, string | null>;
  ended_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: GeneratedTimestamp;
}

/** A coordinator's monthly check-in on a match (rules/checkins.ts computes when the next is due). */
export interface PeerCheckinsTable {
  id: string;
  match_id: string;
  checked_on: Day;
  concern_raised: Generated<boolean>;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

/** A call a volunteer logged with a matched family. */
export interface PeerCallsTable {
  id: string;
  match_id: string;
  called_on: Day;
  minutes: number;
  topics: string[];
  follow_up_needed: Generated<boolean>;
  note_enc: string | null;
  logged_by: string;
  logged_at: GeneratedTimestamp;
}

/** The advocates a family is assigned to: an advocate reaches only these families. */
export interface FamilyAdvocatesTable {
  family_id: string;
  user_id: string;
  assigned_at: GeneratedTimestamp;
}

/** Cases a family is linked to, by id only (the cases module answers what may be shown of them). */
export interface FamilyCasesTable {
  family_id: string;
  case_id: string;
  linked_by: string | null;
  linked_at: GeneratedTimestamp;
}

/** The family support plan in force: needs and resources offered, sealed (family.schema.ts). */
export interface FamilyPlansTable {
  family_id: string;
  content_enc: string;
  saved_by: string | null;
  saved_at: GeneratedTimestamp;
}

/** A dated contact with the family; a follow-up date makes it a task until it is done. */
export interface FamilyContactsTable {
  id: string;
  family_id: string;
  contacted_on: Day;
  summary_enc: string;
  follow_up_on: Day | null;
  follow_up_done_on: Day | null;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

/** A media request about a linked case: who asked and when in the clear, what was asked and agreed sealed. */
export interface MediaRequestsTable {
  id: string;
  family_id: string;
  case_id: string;
  requested_on: Day;
  outlet: string;
  request_enc: string;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

export interface FamilyTables {
  family_advocates: FamilyAdvocatesTable;
  family_cases: FamilyCasesTable;
  family_plans: FamilyPlansTable;
  family_contacts: FamilyContactsTable;
  media_requests: MediaRequestsTable;
  families: FamiliesTable;
  volunteers: VolunteersTable;
  volunteer_stages: VolunteerStagesTable;
  peer_matches: PeerMatchesTable;
  peer_calls: PeerCallsTable;
  peer_checkins: PeerCheckinsTable;
}
