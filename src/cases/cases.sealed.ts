import { espFileDataKey } from '../intake/index.ts';
import { sealedColumn, type SealedPlace } from '../security/index.ts';
import { caseDetailsSchema, caseFilterSchema, episodeBody, observationBody } from './cases.schema.ts';

export const caseBody = sealedColumn({
  table: 'cases',
  idColumn: 'id',
  column: 'body_enc',
  context: 'cases.body_enc',
  plaintext: caseDetailsSchema,
});
export const caseCloseNote = sealedColumn({
  table: 'cases',
  idColumn: 'id',
  column: 'close_note_enc',
  context: 'cases.close_note_enc',
  plaintext: 'text',
});
/** The parts of an episode too sensitive for plain columns. */
export const caseEpisodeBody = sealedColumn({
  table: 'case_episodes',
  idColumn: 'id',
  column: 'body_enc',
  context: 'case_episodes.body_enc',
  plaintext: episodeBody.pick({ lastSeen: true, circumstances: true, recovery: true, returnInterview: true, screening: true }),
});
export const caseTaskTitle = sealedColumn({
  table: 'case_tasks',
  idColumn: 'id',
  column: 'title_enc',
  context: 'case_tasks.title_enc',
  plaintext: 'text',
});
export const caseObservationBody = sealedColumn({
  table: 'case_observations',
  idColumn: 'id',
  column: 'body_enc',
  context: 'case_observations.body_enc',
  plaintext: observationBody.pick({ observer: true, note: true }),
});
export const caseLinkReason = sealedColumn({
  table: 'case_links',
  idColumn: 'id',
  column: 'reason_enc',
  context: 'case_links.reason_enc',
  plaintext: 'text',
});
export const caseNoteBody = sealedColumn({
  table: 'case_notes',
  idColumn: 'id',
  column: 'body_enc',
  context: 'case_notes.body_enc',
  plaintext: 'text',
});
export const caseFilterQuery = sealedColumn({
  table: 'case_saved_filters',
  idColumn: 'id',
  column: 'query_enc',
  context: 'case_saved_filters.query_enc',
  plaintext: caseFilterSchema,
});
// Case photos are sealed by the intake file store, so their keys carry its context.
export const casePhotoDataKey = sealedColumn({
  table: 'case_photos',
  idColumn: 'id',
  column: 'data_key_enc',
  context: espFileDataKey.context,
  plaintext: 'text',
});

/** A photo's PDQ hash (64 hex digits): a fingerprint of a child's photo, so never stored in clear. */
export const casePhotoHash = sealedColumn({
  table: 'case_photos',
  idColumn: 'id',
  column: 'pdq_enc',
  context: 'case_photos.pdq_enc',
  plaintext: 'text',
});

/** The cases module's encrypted columns (key rotation re-encrypts them). */
export const casesSealedColumns: readonly SealedPlace[] = [
  caseBody,
  caseCloseNote,
  caseEpisodeBody,
  caseTaskTitle,
  caseObservationBody,
  caseLinkReason,
  caseNoteBody,
  caseFilterQuery,
  casePhotoHash,
  casePhotoDataKey,
];
