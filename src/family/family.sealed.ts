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

export const FAMILY_NEEDS = [
  'search_information',
  'emotional_support',
  'mental_health_care',
  'media_requests',
  'travel',
  'reunification_preparation',
  'legal_help',
] as const;

export const familyPlanSchema = z.object({
  needs: z.array(z.object({ kind: z.enum(FAMILY_NEEDS), note: z.string().trim().max(2000) })).max(FAMILY_NEEDS.length),
  /** Chosen from the resource directory (GET /api/v1/providers): its id and name as they were then. */
  resources: z
    .array(
      z.object({
        providerId: z.uuid().nullable(),
        providerName: z.string().trim().min(1).max(200),
        forNeed: z.enum(FAMILY_NEEDS),
        offeredOn: z.iso.date(),
      }),
    )
    .max(50),
});
export type FamilyPlan = z.infer<typeof familyPlanSchema>;

export const mediaRequestSchema = z.object({
  asked: z.string().trim().min(1).max(2000),
  answeredBy: z.string().trim().max(200).nullable(),
  agreedWithFamily: z.string().trim().max(2000).nullable(),
});

export const familyPlan = sealedColumn({
  table: 'family_plans',
  idColumn: 'family_id',
  column: 'content_enc',
  context: 'family_plans.content_enc',
  plaintext: familyPlanSchema,
});
export const contactSummary = sealedColumn({
  table: 'family_contacts',
  idColumn: 'id',
  column: 'summary_enc',
  context: 'family_contacts.summary_enc',
  plaintext: 'text',
});
export const mediaRequest = sealedColumn({
  table: 'media_requests',
  idColumn: 'id',
  column: 'request_enc',
  context: 'media_requests.request_enc',
  plaintext: mediaRequestSchema,
});

export const familySealedColumns: readonly SealedPlace[] = [familyDetails, callNote, familyPlan, contactSummary, mediaRequest];
