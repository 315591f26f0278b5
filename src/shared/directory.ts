/**
 * The resource directory's vocabularies, shared by the server (its tables and checks) and the staff
 * app (its search form). Needs are the domains of a victim assistance plan.
 */
export const SERVICE_KINDS = [
  'shelter',
  'medical',
  'mental_health',
  'legal',
  'education',
  'drop_in',
  'anti_trafficking',
  'other',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const NEED_DOMAINS = [
  'safety_placement',
  'medical_dental',
  'mental_health',
  'substance_use',
  'education',
  'legal_rights',
  'identity_documents',
  'family_relationships',
  'independent_living',
] as const;
export type NeedDomain = (typeof NEED_DOMAINS)[number];

/** Who a service takes: services for boys and for transgender and non-binary youth are named, not assumed. */
export const GENDERS_SERVED = ['girls', 'boys', 'transgender_nonbinary'] as const;
export type GenderServed = (typeof GENDERS_SERVED)[number];

export const SERVICE_AREA_KINDS = ['state', 'county', 'zip'] as const;
export type ServiceAreaKind = (typeof SERVICE_AREA_KINDS)[number];

/** An entry not verified for this long is shown as stale. */
export const STALE_AFTER_DAYS = 365;
