/** A column holding ciphertext (see security/crypto.ts), with the context it was sealed under. */
export interface SealedColumn {
  table: string;
  idColumn: string;
  column: string;
  context: string;
}

/** Every encrypted column, so key rotation can reach all of them. Modules add theirs here. */
export const allSealedColumns: readonly SealedColumn[] = [
  { table: 'reports', idColumn: 'id', column: 'body_enc', context: 'reports.body_enc' },
  { table: 'report_drafts', idColumn: 'id', column: 'body_enc', context: 'report_drafts.body_enc' },
  { table: 'esp_reports', idColumn: 'id', column: 'body_enc', context: 'esp_reports.body_enc' },
  { table: 'esp_files', idColumn: 'id', column: 'meta_enc', context: 'esp_files.meta_enc' },
  { table: 'esp_files', idColumn: 'id', column: 'data_key_enc', context: 'esp_files.data_key_enc' },
  { table: 'staff_users', idColumn: 'id', column: 'totp_secret_enc', context: 'staff_users.totp_secret_enc' },
  { table: 'staff_sessions', idColumn: 'id_hash', column: 'pending_totp_secret_enc', context: 'staff_sessions.pending_totp_secret_enc' },
  { table: 'cases', idColumn: 'id', column: 'body_enc', context: 'cases.body_enc' },
  { table: 'cases', idColumn: 'id', column: 'close_note_enc', context: 'cases.close_note_enc' },
  { table: 'case_episodes', idColumn: 'id', column: 'body_enc', context: 'case_episodes.body_enc' },
  { table: 'case_tasks', idColumn: 'id', column: 'title_enc', context: 'case_tasks.title_enc' },
  { table: 'case_observations', idColumn: 'id', column: 'body_enc', context: 'case_observations.body_enc' },
  { table: 'case_links', idColumn: 'id', column: 'reason_enc', context: 'case_links.reason_enc' },
  { table: 'case_notes', idColumn: 'id', column: 'body_enc', context: 'case_notes.body_enc' },
  { table: 'case_saved_filters', idColumn: 'id', column: 'query_enc', context: 'case_saved_filters.query_enc' },
  { table: 'referrals', idColumn: 'id', column: 'package_enc', context: 'referrals.package_enc' },
  { table: 'referrals', idColumn: 'id', column: 'outcome_note_enc', context: 'referrals.outcome_note_enc' },
  { table: 'referrals', idColumn: 'id', column: 'passed_on_note_enc', context: 'referrals.passed_on_note_enc' },
  // Case photos are sealed by the intake file store, so their keys carry its context.
  { table: 'case_photos', idColumn: 'id', column: 'data_key_enc', context: 'esp_files.data_key_enc' },
];
