import { api } from '../../api/client';
import type {
  AdvocacyFamilies,
  AdvocacyFamily,
  FamiliesToMatch,
  FamilyAdvocates,
  MyFamilies,
  VolunteerRoster,
  VolunteerShortlist,
} from '../../api/types';

export type {
  AdvocacyFamily,
  FamilyAdvocates,
  FamiliesToMatch,
  MyFamilies,
  VolunteerRoster,
  VolunteerShortlist,
} from '../../api/types';

export interface CallInput {
  calledOn: string;
  minutes: number;
  topics: string[];
  followUpNeeded: boolean;
  note?: string;
}

const at = (id: string) => encodeURIComponent(id);

export interface NewVolunteer {
  name: string;
  languages: string[];
  regions: string[];
  livedExperience: string[];
  preferences: string[];
  familyLimit: number;
  accountEmail?: string;
}

export interface NewFamily {
  details: {
    name: string;
    contacts: { label: string; value: string; sharedWithVolunteer: boolean }[];
    noteForVolunteer: string | null;
  };
  region: string;
  languages: string[];
  experience: string[];
  preferences: string[];
}

/** A comma-separated field as a list of its non-empty parts. */
export const listOf = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

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
  endMatch: (matchId: string, endedOn: string, reason: string) =>
    api.post<{ id: string }>(`/api/v1/matches/${at(matchId)}/end`, { endedOn, reason }),
  recordCheckIn: (matchId: string, checkedOn: string, concernRaised: boolean) =>
    api.post<{ id: string }>(`/api/v1/matches/${at(matchId)}/check-ins`, { checkedOn, concernRaised }),
  addVolunteer: (volunteer: NewVolunteer) => api.post<{ id: string }>('/api/v1/volunteers', volunteer),
  addFamily: (family: NewFamily) => api.post<{ id: string }>('/api/v1/families', family),
  linkCase: (familyId: string, reference: string) =>
    api.post<{ id: string }>(`/api/v1/families/${at(familyId)}/cases`, { reference }),
  advocates: (familyId: string, signal?: AbortSignal) =>
    api.get<FamilyAdvocates>(`/api/v1/families/${at(familyId)}/advocates`, signal ? { signal } : {}),
  assignAdvocate: (familyId: string, userId: string) =>
    api.post<{ id: string }>(`/api/v1/families/${at(familyId)}/advocates`, { userId }),
  unassignAdvocate: (familyId: string, userId: string) =>
    api.delete<{ id: string }>(`/api/v1/families/${at(familyId)}/advocates/${at(userId)}`),
  savePlan: (familyId: string, plan: AdvocacyFamily['plan']) => api.put<{ id: string }>(`${advocacy(familyId)}/plan`, plan),
  providersIn: (state: string) => api.get<{ items: { id: string; name: string }[] }>(`/api/v1/providers?state=${at(state)}`),
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

export const EXPERIENCE_LABELS: Readonly<Record<string, string>> = {
  family_abduction: 'Family abduction',
  runaway: 'Runaway',
  exploitation: 'Exploitation',
  recovery: 'Recovery',
};

export const END_REASONS: Readonly<Record<string, string>> = {
  family_request: 'The family asked to end it',
  volunteer_request: 'The volunteer asked to end it',
  goals_met: 'The family no longer needs it',
  no_contact: 'No contact for a long time',
  other: 'Another reason',
};
