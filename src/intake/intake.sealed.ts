import type { SealedColumn } from '../core/module.ts';
import { ESP_BODY_CONTEXT, FILE_META_CONTEXT } from './esp/esp.service.ts';
import { DATA_KEY_CONTEXT } from './files/storage.ts';
import { DRAFT_BODY_CONTEXT } from './hotline/hotline.service.ts';
import { BODY_CONTEXT } from './intake.service.ts';

/** The intake module's encrypted columns (key rotation re-encrypts them). */
export const intakeSealedColumns: readonly SealedColumn[] = [
  { table: 'reports', idColumn: 'id', column: 'body_enc', context: BODY_CONTEXT },
  { table: 'report_drafts', idColumn: 'id', column: 'body_enc', context: DRAFT_BODY_CONTEXT },
  { table: 'esp_reports', idColumn: 'id', column: 'body_enc', context: ESP_BODY_CONTEXT },
  { table: 'esp_files', idColumn: 'id', column: 'meta_enc', context: FILE_META_CONTEXT },
  { table: 'esp_files', idColumn: 'id', column: 'data_key_enc', context: DATA_KEY_CONTEXT },
];
