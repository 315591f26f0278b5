import type { UsStateCode } from '../../shared/places.ts';

/** Law enforcement first: when two agencies cover a place equally, this order ranks them. */
export const AGENCY_KINDS = [
  'law_enforcement',
  'icac_task_force',
  'prosecutor',
  'child_welfare',
  'service_provider',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Most specific last: a city is a smaller area than a county, a county than a state. */
export const AREA_KINDS = ['state', 'county', 'tribal', 'city'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export interface AgencyArea {
  kind: AreaKind;
  /** Absent only for tribal land, which may cross state lines. */
  state?: UsStateCode;
  county?: string;
  city?: string;
  tribalLand?: string;
}

export interface AgencyDetails {
  code: string;
  name: string;
  kind: AgencyKind;
  /** E.164, e.g. +14055550100. */
  phone?: string;
  email?: string;
  active: boolean;
}

/** An agency as the directory holds it, with every area it covers. */
export interface Agency extends AgencyDetails {
  id: string;
  areas: AgencyArea[];
}

/** Where a tip points, as far as the tip says. */
export interface Place {
  state?: string;
  county?: string;
  city?: string;
  tribalLand?: string;
}

export interface ProposedAgency {
  agency: Agency;
  /** The most specific area of the agency that covers the place. */
  area: AgencyArea;
  reason: string;
}
