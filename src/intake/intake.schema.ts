import { z } from 'zod';
import { isoDate } from '../core/dates.ts';
import { US_STATE_CODES } from '../shared/places.ts';

/**
 * The tip model shared by the public form, the JSON API and (later) the operator screen and
 * exports. Every part is optional except a description of what was seen.
 */
export const INCIDENT_TYPES = ['child_sex_trafficking', 'child_sex_tourism', 'online_enticement', 'other'] as const;

export const GENDERS = ['female', 'male', 'transgender', 'nonbinary', 'unknown'] as const;

export const ONLINE_KINDS = ['web_page', 'chat', 'email', 'social_platform', 'phone_text', 'other'] as const;
export const PERSON_ROLES = ['trafficker', 'buyer', 'other'] as const;
export const IDENTIFIER_KINDS = ['phone', 'email', 'username', 'url', 'other'] as const;

export const REPORTER_RELATIONSHIPS = ['family', 'friend', 'professional', 'neighbour', 'self', 'other'] as const;

const text = (max: number) => z.string().trim().max(max);
// No transforms anywhere in the model: the same schema validates input and encodes API responses.
const optionalText = (max: number) => text(max).optional();

// A day in the past or today anywhere on Earth (36 hours of slack for the reporter's time zone).
const pastDate = isoDate.refine((v) => Date.parse(v) <= Date.now() + 36 * 3600 * 1000, { message: 'date_future' });

export const incidentSchema = z.object({
  type: z.enum(INCIDENT_TYPES).default('child_sex_trafficking'),
  description: text(20_000).min(10),
  occurredOn: pastDate.optional(),
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
  missing: z.boolean().optional(),
  school: optionalText(200),
  currentLocation: optionalText(500),
});

/** Where online it happened: a web page, a chat, an email address, a profile, a phone number. */
export const onlineSchema = z.object({
  kind: z.enum(ONLINE_KINDS),
  platform: optionalText(120),
  identifier: text(500).min(1),
  details: optionalText(2_000),
});

export const identifierSchema = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  value: text(500).min(1),
});

export const vehicleSchema = z.object({
  make: optionalText(60),
  model: optionalText(60),
  colour: optionalText(40),
  plate: optionalText(20),
  plateState: z.enum(US_STATE_CODES).optional(),
});

/** Someone the reporter is worried about: a trafficker, a buyer, anyone else involved. */
export const personSchema = z.object({
  role: z.enum(PERSON_ROLES).default('other'),
  name: optionalText(200),
  description: optionalText(2_000),
  approximateAge: z.number().int().min(0).max(120).optional(),
  identifiers: z.array(identifierSchema).max(20).optional(),
  vehicle: vehicleSchema.optional(),
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

const hasText = (v: string | undefined) => v !== undefined && v.trim() !== '';

/**
 * Actionable: besides the description, something to act on — a place, an online or personal
 * identifier, or a description of a child.
 */
export function isActionable(r: {
  location?:
    | {
        address?: string | undefined;
        city?: string | undefined;
        state?: string | undefined;
        zip?: string | undefined;
        details?: string | undefined;
      }
    | undefined;
  online?: unknown[] | undefined;
  persons?: { identifiers?: unknown[] | undefined; vehicle?: { plate?: string | undefined } | undefined }[] | undefined;
  children?: { name?: string | undefined; description?: string | undefined; approximateAge?: number | undefined }[] | undefined;
}): boolean {
  const l = r.location;
  const place = l !== undefined && [l.address, l.city, l.state, l.zip, l.details].some(hasText);
  const online = (r.online?.length ?? 0) > 0;
  const identifier = (r.persons ?? []).some((p) => (p.identifiers?.length ?? 0) > 0 || hasText(p.vehicle?.plate));
  const child = (r.children ?? []).some((c) => hasText(c.name) || hasText(c.description) || c.approximateAge !== undefined);
  return place || online || identifier || child;
}

export const reportInputSchema = z
  .object({
    incident: incidentSchema,
    location: locationSchema.optional(),
    online: z.array(onlineSchema).max(50).optional(),
    children: z.array(childSchema).max(20).optional(),
    persons: z.array(personSchema).max(20).optional(),
    reporter: reporterSchema.prefault({ anonymous: true }),
    additionalInfo: optionalText(20_000),
  })
  .superRefine((r, ctx) => {
    if (!isActionable(r)) ctx.addIssue({ code: 'custom', path: ['location'], message: 'not_actionable' });
  })
  .meta({ id: 'Report' });

/** What a submitter sends. */
export type ReportInput = z.input<typeof reportInputSchema>;
/** What the hotline operator recorded about the call a tip came from; set by the server, never by a submitter. */
export const hotlineCallSchema = z.object({
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  language: z.string().nullable().describe('BCP 47 tag of the language the call was held in'),
  callerType: z.string().nullable(),
  callbackConsent: z.boolean().nullable(),
});
export type HotlineCall = z.output<typeof hotlineCallSchema>;

/** A validated tip, with defaults applied; `call` only on a tip taken by the hotline. */
export type Report = z.output<typeof reportInputSchema> & { call?: HotlineCall };
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type Gender = (typeof GENDERS)[number];
export type OnlineKind = (typeof ONLINE_KINDS)[number];
export type PersonRole = (typeof PERSON_ROLES)[number];
