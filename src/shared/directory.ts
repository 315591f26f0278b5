/**
 * The resource directory's vocabularies, shared by the server (its tables and checks) and the staff
 * app (its search form). Needs are the domains of a victim assistance plan.
 */
// One vocabulary with the plans: a directory search by need is a search by the plan's need domain.
export { NEED_DOMAINS, SERVICE_KINDS, type NeedDomain, type ServiceKind } from './recovery.ts';

/** Who a service takes: services for boys and for transgender and non-binary youth are named, not assumed. */
export const GENDERS_SERVED = ['girls', 'boys', 'transgender_nonbinary'] as const;
export type GenderServed = (typeof GENDERS_SERVED)[number];

export const SERVICE_AREA_KINDS = ['state', 'county', 'zip'] as const;
export type ServiceAreaKind = (typeof SERVICE_AREA_KINDS)[number];

/** An entry not verified for this long is shown as stale. */
export const STALE_AFTER_DAYS = 365;
