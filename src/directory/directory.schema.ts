import { z } from 'zod';
import { GENDERS_SERVED, NEED_DOMAINS, SERVICE_AREA_KINDS, SERVICE_KINDS } from '../shared/directory.ts';
import { US_STATE_CODES } from '../shared/places.ts';

const upper = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);

export const providerSearchQuery = z
  .object({
    need: z.enum(NEED_DOMAINS).optional().describe('a need domain of the assistance plan'),
    service: z.enum(SERVICE_KINDS).optional(),
    zip: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'must be a 5-digit ZIP code')
      .optional()
      .describe('the place to search from: providers serving this ZIP code, its county or its state, nearest first'),
    state: z.preprocess(upper, z.enum(US_STATE_CODES)).optional().describe('USPS code: providers serving anywhere in this state'),
    language: z.string().trim().min(2).max(40).optional().describe('a language the provider speaks, e.g. Spanish'),
    age: z.coerce.number().int().min(0).max(30).optional().describe("the child's age: a service whose ages include it"),
    gender: z.enum(GENDERS_SERVED).optional().describe('a service that takes this group'),
  })
  .refine((q) => q.zip !== undefined || q.state !== undefined, { message: 'give a zip (or a state)', path: ['zip'] });

const service = z.object({
  kind: z.enum(SERVICE_KINDS),
  needs: z.array(z.enum(NEED_DOMAINS)),
  minAge: z.number().int().optional(),
  maxAge: z.number().int().optional(),
  genders: z.array(z.enum(GENDERS_SERVED)),
  notes: z.string().optional(),
});

export const providerResponse = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    website: z.string().optional(),
    addressLine: z.string().optional(),
    zip: z.string(),
    languages: z.array(z.string()),
    hours: z.string().optional(),
    accessibility: z.string().optional(),
    services: z.array(service),
    areas: z.array(z.object({ kind: z.enum(SERVICE_AREA_KINDS), code: z.string(), state: z.string() })),
    verifiedAt: z.string(),
    stale: z.boolean().describe('not verified for more than a year'),
    distanceMiles: z.number().optional().describe("miles from the searched ZIP code's point, to one decimal"),
  })
  .meta({ id: 'Provider' });

export const providerListResponse = z.object({ items: z.array(providerResponse) });

export const providerParams = z.object({ id: z.uuid() });

export const providerImportBody = z.object({
  csv: z
    .string()
    .min(1, 'give the CSV text')
    .max(900_000, 'is larger than the 1 MB a request may carry; use `beacon directory import`'),
});

export const providerImportResponse = z.object({
  rows: z.number().int(),
  created: z.array(z.string()),
  updated: z.array(z.string()),
});

export const verifiedResponse = z.object({ id: z.uuid(), verifiedAt: z.string(), stale: z.literal(false) });
