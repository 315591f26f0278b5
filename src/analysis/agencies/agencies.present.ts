import type { z } from 'zod';
import type { Agency, AgencyArea, ProposedAgency } from './agencies.types.ts';
import type { agencyResponse, areaResponse } from './agencies.schema.ts';

export function presentArea(a: AgencyArea): z.infer<typeof areaResponse> {
  return {
    kind: a.kind,
    ...(a.state ? { state: a.state } : {}),
    ...(a.county ? { county: a.county } : {}),
    ...(a.city ? { city: a.city } : {}),
    ...(a.tribalLand ? { tribalLand: a.tribalLand } : {}),
  };
}

export function presentAgency(a: Agency): z.infer<typeof agencyResponse> {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    active: a.active,
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.email ? { email: a.email } : {}),
    areas: a.areas.map(presentArea),
  };
}

export const presentProposal = (p: ProposedAgency) => ({
  agency: presentAgency(p.agency),
  area: presentArea(p.area),
  reason: p.reason,
});
