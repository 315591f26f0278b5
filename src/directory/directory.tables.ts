import type { ColumnType, Generated } from 'kysely';
import type { GenderServed, NeedDomain, ServiceAreaKind, ServiceKind } from '../shared/directory.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** An organisation offering help; its contact details are the organisation's, not a person's, so they are kept in clear. */
export interface ProvidersTable {
  id: string;
  /** The administrator's stable key: the CSV import updates providers by it. */
  code: string;
  name: string;
  description: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  address_line: string | null;
  zip: string;
  /** The ZIP code's point (from the bundled ZIP table), for distances. */
  lat: number;
  lon: number;
  languages: ColumnType<string[], string[], string[]>;
  hours: string | null;
  accessibility: string | null;
  verified_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProviderServicesTable {
  id: Generated<string>;
  provider_id: string;
  kind: ServiceKind;
  needs: ColumnType<NeedDomain[], NeedDomain[], NeedDomain[]>;
  min_age: number | null;
  max_age: number | null;
  genders: ColumnType<GenderServed[], GenderServed[], GenderServed[]>;
  notes: string | null;
}

/** Where a provider serves: a whole state, a county (5-digit FIPS) or a ZIP code; `state` is kept for every kind. */
export interface ProviderAreasTable {
  provider_id: string;
  kind: ServiceAreaKind;
  code: string;
  state: string;
}

export interface DirectoryTables {
  providers: ProvidersTable;
  provider_services: ProviderServicesTable;
  provider_areas: ProviderAreasTable;
}
