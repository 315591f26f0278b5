import { api } from '../../api/client';

export type Span = { start: number; end: number };
export type AdvertSummary = {
  id: number;
  sourceId: string;
  postedAt: string | null;
  city: string | null;
  state: string | null;
  site: string | null;
  title: string | null;
  network: string | null;
};
export type Evidence = { level: string; meaning: string; predictive: boolean };
/** Where a lexicon entry came from: the built-in lexicon with its published sources, or an analyst here. */
export type Provenance = { kind: 'built_in' | 'organisation'; sources: { citation: string; url: string | null }[] };
export type AdvertFlag = { code: string; category: string; matched: string; span: Span; why: string; evidence: Evidence; provenance: Provenance };
export type AdvertMark = { kind: string; value: string; obfuscated: boolean; span: Span };
export type LeadTarget = { kind: 'case' | 'tip'; reference: string };
export type Advert = AdvertSummary & {
  url: string | null;
  text: string;
  marks: AdvertMark[];
  flags: AdvertFlag[];
  pdq: string[];
  identifiers: { kind: string; value: string; key: string }[];
  leads: { id: number; target: LeadTarget; matched: { kind: string; value: string }; status: string }[];
};
export type NetworkIdentifier = { kind: string; value: string; key: string; adverts: number[] };
export type Stop = { city: string | null; state: string | null; firstSeen: string; lastSeen: string; adverts: number[] };
export type Network = {
  id: string;
  requested: string;
  size: number;
  truncated: boolean;
  /** Members outside the reader's jurisdictions: counted, not shown. */
  withheld: number;
  members: Omit<AdvertSummary, 'network'>[];
  identifiers: NetworkIdentifier[];
  hubsExcluded: NetworkIdentifier[];
  movement: Stop[];
};
export type LeadStatus = 'new' | 'confirmed' | 'dismissed';
export type Lead = {
  id: number;
  status: LeadStatus;
  createdAt: string;
  decidedAt: string | null;
  target: LeadTarget;
  matched: { kind: string; value: string };
  advert: Omit<AdvertSummary, 'title'>;
};
export type SearchQuery = { q?: string; phone?: string; city?: string; state?: string; network?: string };

const qs = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v.trim() !== '') search.set(k, v.trim());
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

export const leadsApi = {
  search: (q: SearchQuery, signal?: AbortSignal) => api.get<{ items: AdvertSummary[] }>(`/api/v1/adverts${qs(q)}`, { signal }),
  advert: (id: number, signal?: AbortSignal) => api.get<Advert>(`/api/v1/adverts/${id}`, { signal }),
  network: (id: string, signal?: AbortSignal) => api.get<Network>(`/api/v1/networks/${encodeURIComponent(id)}`, { signal }),
  leads: (status: LeadStatus, signal?: AbortSignal) => api.get<{ items: Lead[] }>(`/api/v1/leads${qs({ status })}`, { signal }),
  decide: (id: number, decision: 'confirm' | 'dismiss', note?: string) => api.post<{ status: string }>(`/api/v1/leads/${id}/decision`, { decision, ...(note ? { note } : {}) }),
};

export const KIND_LABELS: Record<string, string> = { phone: 'Phone', email: 'Email', handle: 'Handle', url: 'Web address', age: 'Stated age', pdq: 'Image hash' };
export const TARGET_LABELS: Record<LeadTarget['kind'], string> = { case: 'Missing-child case', tip: 'Tip' };
export const EVIDENCE_LABELS: Record<string, string> = {
  direct: 'Stated in the advert',
  predictive: 'Tested: predicts trafficking',
  descriptive: 'Seen in confirmed cases, not tested',
  practitioner: 'Practitioner guidance, not tested',
  'not-predictive': 'Tested: NOT predictive',
};

export type Hub = { key: string; reason: string; adverts: number | null; addedAt: string };
export type LexiconEntryInput = { code: string; kind: 'phrase' | 'pattern' | 'emoji'; match: string; category: string; note?: string };

export const settingsApi = {
  hubs: (signal?: AbortSignal) => api.get<{ items: Hub[] }>('/api/v1/hubs', { signal }),
  saveHubs: (listed: string[], allowed: string[]) => api.put<{ items: Hub[] }>('/api/v1/hubs', { listed, allowed }),
  addEntry: (entry: LexiconEntryInput) => api.post<{ id: string; code: string; evidence: string }>('/api/v1/lexicon/entries', entry),
};
