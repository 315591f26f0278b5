import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ResetKind = 'password' | 'second_factor';

/**
 * A request to reset a staff member's password or second factor, which a second admin approves.
 * Holds only ids, a kind and times: no personal data, so nothing here is sealed.
 */
export interface StaffResetRequestsTable {
  id: Generated<string>;
  user_id: string;
  kind: ResetKind;
  requested_by: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  approved_by: string | null;
  approved_at: Timestamp | null;
  cancelled_by: string | null;
  cancelled_at: Timestamp | null;
}

export interface AdminTables {
  staff_reset_requests: StaffResetRequestsTable;
}
