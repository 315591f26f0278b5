import { api, query } from '../../api/client';
import type { Ok, PassedOnInput, ReferralBody } from '../../api/types';

export type { ProposedAgency, Referral, PassedOnInput, LeadPackageView, DirectoryAgency } from '../../api/types';
export const PASSED_ON_METHOD_LABELS: Record<string, string> = {
  phone: 'By phone',
  email: 'By email',
  fax: 'By fax',
  in_person: 'In person',
};
export const PASSED_ON_TO_ROLE_LABELS: Record<string, string> = {
  duty_officer: 'Duty officer',
  investigator: 'Investigator',
  supervisor: 'Supervisor',
  intake_desk: 'Intake desk',
  other: 'Someone else at the agency',
};

/** What the analyst says when referring to an agency that does not cover the tip's place. */
export type OutsideJurisdiction = Required<Pick<ReferralBody, 'confirmOutsideJurisdiction' | 'outsideJurisdictionReason'>>;

export const OUTSIDE_JURISDICTION_LABELS: Record<string, string> = {
  child_moved: "The child is now, or is expected to be, in the agency's area",
  person_there: "A person reported lives or operates in the agency's area",
  agency_involved: 'The agency already works on this matter',
  no_covering_agency: 'No agency in the directory covers the place in the tip',
  other: 'Another reason, given in the summary',
};

export const OUTCOME_LABELS: Record<string, string> = {
  investigation_opened: 'Investigation opened',
  child_located: 'Child located',
  no_action: 'No action taken',
  other: 'Other',
};
export const REFERRAL_STATUS_LABELS: Record<string, string> = {
  sent: 'Waiting for acknowledgement',
  passed_on: 'Passed on outside Beacon',
  acknowledged: 'Acknowledged',
  outcome_reported: 'Outcome reported',
};

export const referralsApi = {
  propose: (tip: string, signal?: AbortSignal) =>
    api.get<Ok<'/api/v1/triage/tips/{reference}/agencies', 'get'>>(`/api/v1/triage/tips/${encodeURIComponent(tip)}/agencies`, {
      signal,
    }),
  refer: (tip: string, agencyId: string, summary: string, outside?: OutsideJurisdiction) =>
    api.post<Ok<'/api/v1/triage/tips/{reference}/referrals', 'post'>>(
      `/api/v1/triage/tips/${encodeURIComponent(tip)}/referrals`,
      { agencyId, summary, ...outside },
    ),
  /** The whole directory, for an agency other than those proposed. */
  directory: (signal?: AbortSignal) =>
    api.get<Ok<'/api/v1/agencies', 'get'>>(`/api/v1/agencies${query({ limit: '500' })}`, { signal }),
  list: (params: { tip?: string; overdue?: boolean } = {}, signal?: AbortSignal) =>
    api.get<Ok<'/api/v1/referrals', 'get'>>(
      `/api/v1/referrals${query({ tip: params.tip, overdue: params.overdue ? 'true' : undefined })}`,
      { signal },
    ),
  get: (reference: string, signal?: AbortSignal) =>
    api.get<Ok<'/api/v1/referrals/{reference}', 'get'>>(`/api/v1/referrals/${encodeURIComponent(reference)}`, { signal }),
  passOn: (reference: string, input: PassedOnInput) =>
    api.post<Ok<'/api/v1/referrals/{reference}/passed-on', 'post'>>(
      `/api/v1/referrals/${encodeURIComponent(reference)}/passed-on`,
      input,
    ),
  acknowledge: (reference: string) =>
    api.post<Ok<'/api/v1/referrals/{reference}/acknowledge', 'post'>>(
      `/api/v1/referrals/${encodeURIComponent(reference)}/acknowledge`,
    ),
  outcome: (reference: string, outcome: string, note: string) =>
    api.post<Ok<'/api/v1/referrals/{reference}/outcome', 'post'>>(`/api/v1/referrals/${encodeURIComponent(reference)}/outcome`, {
      outcome,
      ...(note.trim() ? { note } : {}),
    }),
  /** Saves the lead package as a file; never opened in the page. */
  download: (reference: string, format: 'pdf' | 'json' | 'xml'): Promise<void> =>
    api.download(`/api/v1/referrals/${encodeURIComponent(reference)}/package${query({ format })}`, `${reference}.${format}`),
};
