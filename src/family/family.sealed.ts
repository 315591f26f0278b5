import { z } from 'zod';
import { sealedColumn, type SealedPlace } from '../security/index.ts';

export const familyDetailsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  contacts: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(100),
        value: z.string().trim().min(1).max(200),
        /** The family agreed that a matched volunteer may see this one. */
        sharedWithVolunteer: z.boolean(),
      }),
    )
    .max(10),
  /** What the family agreed a matched volunteer may read about them. */
  noteForVolunteer: z.string().trim().max(2000).nullable(),
});
export type FamilyDetails = z.infer<typeof familyDetailsSchema>;

export const familyDetails = sealedColumn({
  table: 'families',
  idColumn: 'id',
  column: 'details_enc',
  context: 'families.details_enc',
  plaintext: familyDetailsSchema,
});
export const callNote = sealedColumn({
  table: 'peer_calls',
  idColumn: 'id',
  column: 'note_enc',
  context: 'peer_calls.note_enc',
  plaintext: 'text',
});

export const familySealedColumns: readonly SealedPlace[] = [familyDetails, callNote];
