import type { ColumnType, Generated } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AgenciesTable {
  id: string;
  code: string;
  name: string;
  kind: 'law_enforcement' | 'icac_task_force' | 'child_welfare' | 'prosecutor' | 'service_provider' | 'other';
  phone: string | null;
  email: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AgencyAreasTable {
  id: string;
  agency_id: string;
  area_kind: 'state' | 'county' | 'city' | 'tribal';
  state: string | null;
  county: string | null;
  city: string | null;
  tribal_land: string | null;
  match_key: string;
}

export interface AgencyMembersTable {
  staff_id: string;
  agency_id: string;
  created_at: GeneratedTimestamp;
}

/** The agency directory's tables (part of the analysis module). */
export interface AgenciesTables {
  agencies: AgenciesTable;
  agency_areas: AgencyAreasTable;
  agency_members: AgencyMembersTable;
}
