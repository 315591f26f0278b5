import { z } from 'zod';
import { US_STATE_CODES } from '../../shared/places.ts';
import {
  GENDERS,
  IDENTIFIER_KINDS,
  INCIDENT_TYPES,
  ONLINE_KINDS,
  PERSON_ROLES,
  REPORTER_RELATIONSHIPS,
} from '../intake.schema.ts';

/**
 * A draft holds what the operator has typed so far, even when it is not yet a valid report: types
 * and sizes are checked (so a draft stays small and readable), formats and required fields are
 * not. The full `reportInputSchema` applies only on submit.
 */
const s = (max: number) => z.string().max(max).optional();
const count = (max: number) => z.number().int().min(0).max(max).optional();

export const CALLER_TYPES = ['child', 'parent_guardian', 'professional', 'member_of_public', 'other'] as const;

export const draftReportSchema = z.object({
  incident: z
    .object({
      type: z.enum(INCIDENT_TYPES).optional(),
      description: s(20_000),
      occurredOn: s(20),
      escalationReason: s(2_000),
    })
    .optional(),
  location: z
    .object({
      address: s(300),
      city: s(120),
      state: z.enum(US_STATE_CODES).optional(),
      zip: s(20),
      details: s(2_000),
    })
    .optional(),
  online: z
    .array(z.object({ kind: z.enum(ONLINE_KINDS).optional(), platform: s(120), identifier: s(500), details: s(2_000) }))
    .max(50)
    .optional(),
  children: z
    .array(
      z.object({
        name: s(200),
        description: s(2_000),
        approximateAge: count(17),
        gender: z.enum(GENDERS).optional(),
        missing: z.boolean().optional(),
        school: s(200),
        currentLocation: s(500),
      }),
    )
    .max(20)
    .optional(),
  persons: z
    .array(
      z.object({
        role: z.enum(PERSON_ROLES).optional(),
        name: s(200),
        description: s(2_000),
        approximateAge: count(120),
        identifiers: z
          .array(z.object({ kind: z.enum(IDENTIFIER_KINDS).optional(), value: s(500) }))
          .max(20)
          .optional(),
        vehicle: z
          .object({ make: s(60), model: s(60), colour: s(40), plate: s(20), plateState: z.enum(US_STATE_CODES).optional() })
          .optional(),
      }),
    )
    .max(20)
    .optional(),
  reporter: z
    .object({
      anonymous: z.boolean().optional(),
      name: s(200),
      email: s(254),
      phone: s(40),
      relationship: z.enum(REPORTER_RELATIONSHIPS).optional(),
      consentToContact: z.boolean().optional(),
    })
    .optional(),
  additionalInfo: s(20_000),
});
export type DraftReport = z.infer<typeof draftReportSchema>;

/** A BCP 47 language tag such as `en`, `es` or `zh-Hant`. */
const languageTag = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

export const callInputSchema = z.object({
  language: languageTag.nullable().optional(),
  callerType: z.enum(CALLER_TYPES).nullable().optional(),
  callbackConsent: z.boolean().nullable().optional(),
  /** The operator ended the call; the server stamps the time with its own clock. */
  ended: z.boolean().optional(),
});
export type CallInput = z.infer<typeof callInputSchema>;

export const startDraftBody = z.object({ call: callInputSchema.optional() }).optional();

export const saveDraftBody = z.object({
  version: z.number().int().min(1),
  report: draftReportSchema,
  call: callInputSchema.optional(),
});
export type SaveDraftInput = z.infer<typeof saveDraftBody>;

export const draftId = z.object({ id: z.uuid() });

const callResponse = z
  .object({
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    language: z.string().nullable(),
    callerType: z.string().nullable(),
    callbackConsent: z.boolean().nullable(),
  })
  .meta({ id: 'HotlineCall' });

export const draftResponse = z
  .object({
    id: z.string(),
    status: z.enum(['draft', 'submitted', 'discarded']),
    version: z.number(),
    reference: z.string().nullable(),
    call: callResponse,
    report: draftReportSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'HotlineDraft' });

export const draftSummaryResponse = z.object({
  id: z.string(),
  version: z.number(),
  call: callResponse,
  updatedAt: z.string(),
});

export const draftListResponse = z.object({ items: z.array(draftSummaryResponse) });
export const savedResponse = z.object({ version: z.number(), updatedAt: z.string() });
export const submittedResponse = z.object({ reference: z.string() });
