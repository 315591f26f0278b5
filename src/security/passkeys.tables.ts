import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StaffPasskeysTable {
  id: Generated<string>;
  user_id: string;
  /** The authenticator's credential id, base64url. */
  credential_id: string;
  /** COSE public key: not secret, so not sealed. */
  public_key: Buffer;
  sign_count: number;
  transports: string[];
  name: string;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
}

export interface PasskeyChallengesTable {
  session_hash: string;
  purpose: 'register' | 'authenticate';
  challenge: string;
  expires_at: Timestamp;
}

export interface PasskeysTables {
  staff_passkeys: StaffPasskeysTable;
  passkey_challenges: PasskeyChallengesTable;
}
