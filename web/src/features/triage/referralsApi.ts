import { ApiError, api, query } from '../../api/client';

export type ProposedAgency = { id: string; code: string; name: string; kind: string; phone: string | null; reason: string };
export type Referral = {
  reference: string;
  tipReference: string;
  agencyName: string;
  status: string;
  sentAt: string;
  acknowledgeBy: string;
  overdue: boolean;
  acknowledgedAt: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  outcomeAt: string | null;
  /** Why the analyst confirmed an agency that does not cover the tip's place; null when it covers it. */
  outsideJurisdiction: string | null;
  /** `onBeacon`: someone at the agency signs in; when not, nobody can acknowledge and the analyst records how it was passed on. */
  agency: { phone: string | null; email: string | null; onBeacon: boolean };
  passedOn: PassedOn | null;
};
export type PassedOn = { method: string; at: string; toRole: string; note: string | null; recordedAt: string };
export type PassedOnInput = { method: string; at: string; toRole: string; note?: string };
export const PASSED_ON_METHOD_LABELS: Record<string, string> = { phone: 'By phone', email: 'By email', fax: 'By fax', in_person: 'In person' };
export const PASSED_ON_TO_ROLE_LABELS: Record<string, string> = {
  duty_officer: 'Duty officer', investigator: 'Investigator', supervisor: 'Supervisor', intake_desk: 'Intake desk', other: 'Someone else at the agency',
};

/** What the clearinghouse sent, as the server stores it (see src/analysis/package/package.types.ts). */
export type LeadPackageView = {
  reference: string;
  tipReference?: string;
  createdAt: string;
  referredAt: string;
  urgency: { rule: string; explanation: string }[];
  incident: { type: string; occurredOn?: string; summary: string };
  places: { label?: string; address?: string; city?: string; county?: string; state?: string; zip?: string; tribalLand?: string; details?: string }[];
  children: { approximateAge?: number; gender?: string; description?: string }[];
  persons: { role?: string; name?: string; approximateAge?: number; description?: string }[];
  identifiers: { kind: string; value: string; obfuscated?: boolean }[];
  linkedItems: { kind: string; reference?: string; reason: string }[];
  analystSummary: string;
  referringAnalyst: string;
};
export type DirectoryAgency = { id: string; code: string; name: string; active: boolean };
/** What the analyst says when referring to an agency that does not cover the tip's place. */
export type OutsideJurisdiction = { confirmOutsideJurisdiction: true; outsideJurisdictionReason: string };

export const OUTSIDE_JURISDICTION_LABELS: Record<string, string> = {
  child_moved: 'The child is now, or is expected to be, in the agency\'s area',
  person_there: 'A person reported lives or operates in the agency\'s area',
  agency_involved: 'The agency already works on this matter',
  no_covering_agency: 'No agency in the directory covers the place in the tip',
  other: 'Another reason, given in the summary',
};

export const OUTCOME_LABELS: Record<string, string> = {
  investigation_opened: 'Investigation opened', child_located: 'Child located', no_action: 'No action taken', other: 'Other',
};
export const REFERRAL_STATUS_LABELS: Record<string, string> = { sent: 'Waiting for acknowledgement', passed_on: 'Passed on outside Beacon', acknowledged: 'Acknowledged', outcome_reported: 'Outcome reported' };

export const referralsApi = {
  propose: (tip: string, signal?: AbortSignal) => api.get<{ items: ProposedAgency[] }>(`/api/v1/triage/tips/${encodeURIComponent(tip)}/agencies`, { signal }),
  refer: (tip: string, agencyId: string, summary: string, outside?: OutsideJurisdiction) =>
    api.post<{ reference: string }>(`/api/v1/triage/tips/${encodeURIComponent(tip)}/referrals`, { agencyId, summary, ...outside }),
  /** The whole directory, for an agency other than those proposed. */
  directory: (signal?: AbortSignal) => api.get<{ items: DirectoryAgency[] }>(`/api/v1/agencies${query({ limit: '500' })}`, { signal }),
  list: (params: { tip?: string; overdue?: boolean } = {}, signal?: AbortSignal) =>
    api.get<{ items: Referral[] }>(`/api/v1/referrals${query({ tip: params.tip, overdue: params.overdue ? 'true' : undefined })}`, { signal }),
  get: (reference: string, signal?: AbortSignal) => api.get<{ referral: Referral; package: LeadPackageView }>(`/api/v1/referrals/${encodeURIComponent(reference)}`, { signal }),
  passOn: (reference: string, input: PassedOnInput) => api.post<{ status: string }>(`/api/v1/referrals/${encodeURIComponent(reference)}/passed-on`, input),
  acknowledge: (reference: string) => api.post<{ status: string }>(`/api/v1/referrals/${encodeURIComponent(reference)}/acknowledge`),
  outcome: (reference: string, outcome: string, note: string) =>
    api.post<{ status: string }>(`/api/v1/referrals/${encodeURIComponent(reference)}/outcome`, { outcome, ...(note.trim() ? { note } : {}) }),
  /** Saves the lead package as a file; never opened in the page. */
  download: async (reference: string, format: 'pdf' | 'json' | 'xml'): Promise<void> => {
    let response: Response;
    try {
      response = await fetch(`/api/v1/referrals/${encodeURIComponent(reference)}/package${query({ format })}`, { credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', 'The Beacon server could not be reached.');
    }
    if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, 'The lead package could not be downloaded.');
    const blob = new Blob([await response.arrayBuffer()], { type: 'application/octet-stream' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${reference}.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  },
};
