import { z } from 'zod';
import { US_STATE_CODES } from '../core/places.ts';

/**
 * The tip model shared by the public form, the JSON API and (later) the operator screen and
 * exports. Every part is optional except a description of what was seen.
 */
export const INCIDENT_TYPES = [
  'child_sex_trafficking',
  'child_sex_tourism',
  'online_enticement',
  'other',
] as const;

export const GENDERS = ['female', 'male', 'transgender', 'nonbinary', 'unknown'] as const;

export const REPORTER_RELATIONSHIPS = [
  'family',
  'friend',
  'professional',
  'neighbour',
  'self',
  'other',
] as const;

const text = (max: number) => z.string().trim().max(max);
// No transforms anywhere in the model: the same schema validates input and encodes API responses.
const optionalText = (max: number) => text(max).optional();

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' })
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'date_invalid' })
  .refine((v) => Date.parse(v) <= Date.now() + 36 * 3600 * 1000, { message: 'date_future' });

export const incidentSchema = z.object({
  type: z.enum(INCIDENT_TYPES).default('child_sex_trafficking'),
  description: text(20_000).min(10),
  occurredOn: isoDate.optional(),
  escalationReason: optionalText(2_000),
});

export const locationSchema = z.object({
  address: optionalText(300),
  city: optionalText(120),
  state: z.enum(US_STATE_CODES).optional(),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, { message: 'zip_format' })
    .optional(),
  details: optionalText(2_000),
});

export const childSchema = z.object({
  name: optionalText(200),
  description: optionalText(2_000),
  approximateAge: z.number().int().min(0).max(17).optional(),
  gender: z.enum(GENDERS).optional(),
});

export const reporterSchema = z
  .object({
    anonymous: z.boolean().default(false),
    name: optionalText(200),
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ().-]{7,25}$/, { message: 'phone_format' })
      .optional(),
    relationship: z.enum(REPORTER_RELATIONSHIPS).optional(),
    consentToContact: z.boolean().default(false),
  })
  .superRefine((r, ctx) => {
    if (!r.anonymous) return;
    for (const field of ['name', 'email', 'phone'] as const) {
      if (r[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'anonymous_with_contact' });
      }
    }
  });

export const reportInputSchema = z.object({
  incident: incidentSchema,
  location: locationSchema.optional(),
  children: z.array(childSchema).max(20).optional(),
  reporter: reporterSchema.prefault({ anonymous: true }),
});

/** What a submitter sends. */
export type ReportInput = z.input<typeof reportInputSchema>;
/** A validated tip, with defaults applied. */
export type Report = z.output<typeof reportInputSchema>;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type Gender = (typeof GENDERS)[number];
