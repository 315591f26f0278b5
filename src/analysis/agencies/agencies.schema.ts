import { z } from 'zod';
import { US_STATE_CODES } from '../../shared/places.ts';
import { AGENCY_KINDS, AREA_KINDS } from './agencies.types.ts';

const state = z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(US_STATE_CODES));
const placeText = z.string().trim().min(1).max(120);

export const agencyListQuery = z.object({
  state: state.optional().describe('USPS code: agencies covering anything in this state'),
  q: z.string().trim().min(1).max(100).optional().describe('part of the agency name or code'),
  inactive: z.enum(['true', 'false']).optional().describe('also list inactive agencies'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const proposeQuery = z
  .object({
    state: state.optional(),
    county: placeText.optional(),
    city: placeText.optional(),
    tribalLand: z.string().trim().min(1).max(200).optional(),
  })
  .refine((q) => q.state !== undefined || q.tribalLand !== undefined, {
    message: 'give at least a state or a tribal land',
    path: ['state'],
  });

export const areaResponse = z.object({
  kind: z.enum(AREA_KINDS),
  state: z.string().optional(),
  county: z.string().optional(),
  city: z.string().optional(),
  tribalLand: z.string().optional(),
});

export const agencyResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(AGENCY_KINDS),
  phone: z.string().optional(),
  email: z.string().optional(),
  active: z.boolean(),
  areas: z.array(areaResponse),
});

export const agencyListResponse = z.object({ items: z.array(agencyResponse) });

export const proposalResponse = z.object({
  items: z.array(z.object({ agency: agencyResponse, area: areaResponse, reason: z.string() })),
});

export const importBody = z.object({
  csv: z
    .string()
    .min(1, 'give the CSV text')
    .max(900_000, 'is larger than the 1 MB a request may carry; use `beacon agencies import`'),
  dryRun: z.boolean().default(false).describe('check and say what would change, without writing'),
});

const planned = z.object({ code: z.string(), name: z.string(), areas: z.number().int() });
export const importResponse = z.object({
  applied: z.boolean(),
  rows: z.number().int(),
  created: z.array(planned),
  updated: z.array(planned),
  unchanged: z.array(z.string()),
});
