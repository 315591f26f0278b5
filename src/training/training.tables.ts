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
}

export interface TrainingTables {
  training_certificates: TrainingCertificatesTable;
}
