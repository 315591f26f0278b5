import type { ColumnType, Generated } from 'kysely';
import type { Recommendation } from './rules/publish.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Published versions of reviewable material, keyed by (kind, key); the highest version is the one in use. */
export interface ReviewMaterialsTable {
  id: string;
  kind: string;
  key: string;
  version: number;
  title: string;
  body: string;
  request_id: string | null;
  published_by: string | null;
  published_at: GeneratedTimestamp;
  /** The experts who recommended approval, by name, as shown beside the material. */
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
}

/** An owner's proposed change to a material; `base_body` is the published text it was compared with. */
export interface ReviewRequestsTable {
  id: string;
  kind: string;
  key: string;
  title: string;
  base_version: number | null;
  base_body: string;
  proposed_body: string;
  /** The owning module's own version of the change (a plan template version's id), for its publish port. */
  ref: string | null;
  state: Generated<'open' | 'published' | 'withdrawn'>;
  requested_by: string;
  requested_at: GeneratedTimestamp;
  published_at: Timestamp | null;
}

export interface ReviewCommentsTable {
  id: string;
  request_id: string;
  author_id: string;
  from_line: number;
  to_line: number;
  quote: string;
  body: string;
  created_at: GeneratedTimestamp;
  answer: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
}

/** Each expert's latest recommendation on a request. */
export interface ReviewRecommendationsTable {
  request_id: string;
  expert_id: string;
  recommendation: Recommendation;
  note: string | null;
  recorded_at: GeneratedTimestamp;
}

export interface ReviewSettingsTable {
  kind: string;
  required: boolean;
  changed_by: string | null;
  changed_at: GeneratedTimestamp;
}

/** Time a survivor expert spent consulting (the clearinghouse pays its consultants). */
export interface ReviewConsultationsTable {
  id: string;
  expert_id: string;
  worked_on: string;
  minutes: number;
  what: string;
  created_at: GeneratedTimestamp;
}

export interface ReviewTables {
  review_materials: ReviewMaterialsTable;
  review_requests: ReviewRequestsTable;
  review_comments: ReviewCommentsTable;
  review_recommendations: ReviewRecommendationsTable;
  review_settings: ReviewSettingsTable;
  review_consultations: ReviewConsultationsTable;
}
