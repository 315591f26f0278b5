import type { z } from 'zod';
import type { providerResponse } from './directory.schema.ts';
import type { FoundProvider } from './directory.types.ts';

/** A provider as the API shows it; `code` is the import's key, the point stays inside. */
export function presentProvider({ provider: p, stale, distanceMiles }: FoundProvider): z.infer<typeof providerResponse> {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    zip: p.zip,
    languages: p.languages,
    services: p.services,
    areas: p.areas,
    verifiedAt: p.verifiedAt.toISOString(),
    stale,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.phone !== undefined ? { phone: p.phone } : {}),
    ...(p.email !== undefined ? { email: p.email } : {}),
    ...(p.website !== undefined ? { website: p.website } : {}),
    ...(p.addressLine !== undefined ? { addressLine: p.addressLine } : {}),
    ...(p.hours !== undefined ? { hours: p.hours } : {}),
    ...(p.accessibility !== undefined ? { accessibility: p.accessibility } : {}),
    ...(distanceMiles !== undefined ? { distanceMiles: Math.round(distanceMiles * 10) / 10 } : {}),
  };
}
