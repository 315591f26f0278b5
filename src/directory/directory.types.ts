import type { GenderServed, NeedDomain, ServiceAreaKind, ServiceKind } from '../shared/directory.ts';

export interface ProviderService {
  kind: ServiceKind;
  needs: NeedDomain[];
  minAge?: number;
  maxAge?: number;
  genders: GenderServed[];
  notes?: string;
}

export interface ServiceArea {
  kind: ServiceAreaKind;
  /** USPS state code, 5-digit county FIPS code or 5-digit ZIP code. */
  code: string;
  /** The area's state (the county's or ZIP code's for those). */
  state: string;
}

/** A provider as the import reads it and the directory stores it. */
export interface ProviderEntry {
  code: string;
  name: string;
  description?: string;
  phone?: string;
  email?: string;
  website?: string;
  addressLine?: string;
  zip: string;
  languages: string[];
  hours?: string;
  accessibility?: string;
  /** When the entry was last checked with the provider; the import's time when the file leaves it empty. */
  verifiedOn?: Date;
  services: ProviderService[];
  areas: ServiceArea[];
}

export interface Provider extends Omit<ProviderEntry, 'verifiedOn'> {
  id: string;
  lat: number;
  lon: number;
  verifiedAt: Date;
  updatedAt: Date;
}

/** A search: a place (a ZIP code, or a state alone) and what the child needs. */
export interface ProviderSearch {
  zip?: string;
  state?: string;
  need?: NeedDomain;
  service?: ServiceKind;
  language?: string;
  age?: number;
  gender?: GenderServed;
}

export interface FoundProvider {
  provider: Provider;
  /** Miles from the searched ZIP code's point; absent for a search by state alone. */
  distanceMiles?: number;
  stale: boolean;
}
