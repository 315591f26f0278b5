import { api } from '../../api/client';
import type {
  Advert,
  LeadStatus,
  LeadTarget,
  LexiconEntryAdded,
  LexiconEntryInput,
  Network,
  Ok,
  SearchQuery,
} from '../../api/types';

export type {
  AdvertSummary,
  AdvertFlag,
  LeadTarget,
  Advert,
  NetworkIdentifier,
  Stop,
  Network,
  LeadStatus,
  Lead,
  SearchQuery,
} from '../../api/types';

const qs = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && String(v).trim() !== '') search.set(k, String(v).trim());
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

export const leadsApi = {
  search: (q: SearchQuery, signal?: AbortSignal) => api.get<Ok<'/api/v1/adverts', 'get'>>(`/api/v1/adverts${qs(q)}`, { signal }),
  advert: (id: number, signal?: AbortSignal) => api.get<Advert>(`/api/v1/adverts/${id}`, { signal }),
  network: (id: string, signal?: AbortSignal) => api.get<Network>(`/api/v1/networks/${encodeURIComponent(id)}`, { signal }),
  leads: (status: LeadStatus, signal?: AbortSignal) =>
    api.get<Ok<'/api/v1/leads', 'get'>>(`/api/v1/leads${qs({ status })}`, { signal }),
  decide: (id: number, decision: 'confirm' | 'dismiss', note?: string) =>
    api.post<Ok<'/api/v1/leads/{id}/decision', 'post'>>(`/api/v1/leads/${id}/decision`, { decision, ...(note ? { note } : {}) }),
};

export const KIND_LABELS: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  handle: 'Handle',
  url: 'Web address',
  age: 'Stated age',
  pdq: 'Image hash',
};
export const TARGET_LABELS: Record<LeadTarget['kind'], string> = { case: 'Missing-child case', tip: 'Tip' };
export const EVIDENCE_LABELS: Record<string, string> = {
  direct: 'Stated in the advert',
  predictive: 'Tested: predicts trafficking',
  descriptive: 'Seen in confirmed cases, not tested',
  practitioner: 'Practitioner guidance, not tested',
  'not-predictive': 'Tested: NOT predictive',
};

export type { Hub, LexiconEntryInput } from '../../api/types';

export const settingsApi = {
  hubs: (signal?: AbortSignal) => api.get<Ok<'/api/v1/hubs', 'get'>>('/api/v1/hubs', { signal }),
  saveHubs: (listed: string[], allowed: string[]) => api.put<Ok<'/api/v1/hubs', 'put'>>('/api/v1/hubs', { listed, allowed }),
  addEntry: (entry: LexiconEntryInput) => api.post<LexiconEntryAdded>('/api/v1/lexicon/entries', entry),
};
