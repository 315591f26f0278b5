import type { ColumnType, Generated } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One certificate a passed quiz; its identity is its bit in the revocation status list. */
export interface TrainingCertificatesTable {
  status_index: Generated<number>;
  code: string;
  name: string;
  course: string;
  path: string;
  lang: 'en' | 'es';
  /** The signed pass's id: one pass, one certificate. */
  pass_id: string;
  issued_at: GeneratedTimestamp;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The registered learner who earned it; null for anonymous learners. */
  learner_id: ColumnType<string | null, string | null | undefined, string | null>;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface TrainingLearnersTable {
  id: Generated<string>;
  email: string;
  name: string;
  organisation: string;
  role: 'education' | 'health_care' | 'child_welfare' | 'law_enforcement' | 'other';
  state: string;
  password_hash: string;
  created_at: GeneratedTimestamp;
}

export interface TrainingLearnerSessionsTable {
  token_hash: string;
  learner_id: string;
  expires_at: Date;
}

export interface TrainingSessionsTable {
  id: Generated<string>;
  course: string;
  audience: string;
  lang: 'en' | 'es';
  place: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  capacity: number;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface TrainingBookingsTable {
  id: Generated<string>;
  session_id: string;
  seq: ColumnType<string, never, never>;
  name: string;
  email: string;
  learner_id: Nullable<string>;
  status: 'booked' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show';
  manage_token_hash: string;
  certificate_code: Nullable<string>;
  reminded_at: Nullable<Date>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TrainingOutboxTable {
  id: ColumnType<string, never, never>;
  kind: 'confirmation' | 'waitlisted' | 'promotion' | 'cancellation' | 'reminder';
  booking_id: Nullable<string>;
  to_address: string;
  subject: string;
  body_text: string;
  ics: Nullable<string>;
  created_at: GeneratedTimestamp;
  next_attempt_at: GeneratedTimestamp;
  attempts: Generated<number>;
  claimed_at: Nullable<Date>;
  sent_at: Nullable<Date>;
  last_error: Nullable<string>;
}

export interface TrainingTables {
  training_certificates: TrainingCertificatesTable;
  training_learners: TrainingLearnersTable;
  training_learner_sessions: TrainingLearnerSessionsTable;
  training_sessions: TrainingSessionsTable;
  training_bookings: TrainingBookingsTable;
  training_outbox: TrainingOutboxTable;
}
