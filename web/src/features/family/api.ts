import { api } from '../../api/client';
import type {
  AdvocacyFamilies,
  AdvocacyFamily,
  FamiliesToMatch,
  MyFamilies,
  VolunteerRoster,
  VolunteerShortlist,
} from '../../api/types';

export type { AdvocacyFamily, FamiliesToMatch, MyFamilies, VolunteerRoster, VolunteerShortlist } from '../../api/types';

export interface CallInput {
  calledOn: string;
  minutes: number;
  topics: string[];
  followUpNeeded: boolean;
  note?: string;
}

const at = (id: string) => encodeURIComponent(id);

export interface MediaRequestInput {
  caseReference: string;
  requestedOn: string;
  outlet: string;
  asked: string;
  answeredBy: string | null;
  agreedWithFamily: string | null;
}

const advocacy = (id: string) => `/api/v1/advocacy/families/${encodeURIComponent(id)}`;

export const familyApi = {
  familiesToMatch: (signal?: AbortSignal) => api.get<FamiliesToMatch>('/api/v1/families', signal ? { signal } : {}),
  shortlist: (familyId: string) => api.get<VolunteerShortlist>(`/api/v1/families/${at(familyId)}/shortlist`),
  confirm: (familyId: string, volunteerId: string) =>
    api.post<{ id: string }>(`/api/v1/families/${at(familyId)}/matches`, { volunteerId }),
  recordConsent: (matchId: string, consentOn: string) =>
    api.post<{ id: string }>(`/api/v1/matches/${at(matchId)}/consent`, { consentOn }),
  advocacyFamilies: (signal: AbortSignal) => api.get<AdvocacyFamilies>('/api/v1/advocacy/families', { signal }),
  advocacyFamily: (id: string, signal?: AbortSignal) => api.get<AdvocacyFamily>(advocacy(id), signal ? { signal } : {}),
  recordContact: (id: string, contact: { contactedOn: string; summary: string; followUpOn: string | null }) =>
    api.post<{ id: string }>(`${advocacy(id)}/contacts`, contact),
  recordMediaRequest: (id: string, request: MediaRequestInput) =>
    api.post<{ id: string }>(`${advocacy(id)}/media-requests`, request),
  myFamilies: (signal: AbortSignal) => api.get<MyFamilies>('/api/v1/my/families', { signal }),
  logCall: (matchId: string, call: CallInput) => api.post<{ id: string }>(`/api/v1/my/families/${at(matchId)}/calls`, call),
  roster: (signal?: AbortSignal) => api.get<VolunteerRoster>('/api/v1/volunteers', signal ? { signal } : {}),
  recordStage: (volunteerId: string, stage: string, completedOn: string, validUntil: string | null) =>
    api.post<{ id: string }>(`/api/v1/volunteers/${at(volunteerId)}/stages`, { stage, completedOn, validUntil }),
};

export const STAGE_LABELS: Readonly<Record<string, string>> = {
  application: 'Application',
  background_check: 'Background check',
  training: 'Beacon training',
  interview: 'Interview',
  confidentiality: 'Confidentiality agreement',
};

export const NEED_LABELS: Readonly<Record<string, string>> = {
  search_information: 'Information about the search',
  emotional_support: 'Emotional support',
  mental_health_care: 'Mental-health care',
  media_requests: 'Media requests',
  travel: 'Travel',
  reunification_preparation: 'Reunification preparation',
  legal_help: 'Legal help',
};
