import type { SealedColumn } from '../core/module.ts';
import { DATA_KEY_CONTEXT } from '../intake/index.ts';
import { FILTER_QUERY } from './cases.filters.ts';
import { CASE_BODY, CLOSE_NOTE } from './cases.service.ts';
import { EPISODE_BODY, LINK_REASON, NOTE_BODY, OBSERVATION_BODY, TASK_TITLE } from './cases.work.service.ts';

/** The cases module's encrypted columns (key rotation re-encrypts them). */
export const casesSealedColumns: readonly SealedColumn[] = [
  { table: 'cases', idColumn: 'id', column: 'body_enc', context: CASE_BODY },
  { table: 'cases', idColumn: 'id', column: 'close_note_enc', context: CLOSE_NOTE },
  { table: 'case_episodes', idColumn: 'id', column: 'body_enc', context: EPISODE_BODY },
  { table: 'case_tasks', idColumn: 'id', column: 'title_enc', context: TASK_TITLE },
  { table: 'case_observations', idColumn: 'id', column: 'body_enc', context: OBSERVATION_BODY },
  { table: 'case_links', idColumn: 'id', column: 'reason_enc', context: LINK_REASON },
  { table: 'case_notes', idColumn: 'id', column: 'body_enc', context: NOTE_BODY },
  { table: 'case_saved_filters', idColumn: 'id', column: 'query_enc', context: FILTER_QUERY },
  // Case photos are sealed by the intake file store, so their keys carry its context.
  { table: 'case_photos', idColumn: 'id', column: 'data_key_enc', context: DATA_KEY_CONTEXT },
];
