import { api } from '../../api/client';
import type { MyFamilies, VolunteerRoster } from '../../api/types';

export type { MyFamilies, VolunteerRoster } from '../../api/types';

export interface CallInput {
  calledOn: string;
  minutes: number;
  topics: string[];
  followUpNeeded: boolean;
  note?: string;
}

const at = (id: string) => encodeURIComponent(id);

export const familyApi = {
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
