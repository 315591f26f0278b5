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

export const proposeQuery = z.object({
  state: state.optional(),
  county: placeText.optional(),
  city: placeText.optional(),
  tribalLand: z.string().trim().min(1).max(200).optional(),
}).refine((q) => q.state !== undefined || q.tribalLand !== undefined, { message: 'give at least a state or a tribal land', path: ['state'] });

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
