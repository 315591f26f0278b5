import { api } from '../../api/client';

/** What has been typed so far: every part optional, values as the operator entered them. */
export type DraftReport = {
  incident?: { type?: string; description?: string; occurredOn?: string; escalationReason?: string };
  location?: { address?: string; city?: string; state?: string; zip?: string; details?: string };
  online?: { kind?: string; platform?: string; identifier?: string; details?: string }[];
  children?: {
    name?: string;
    description?: string;
    approximateAge?: number;
    gender?: string;
    missing?: boolean;
    school?: string;
    currentLocation?: string;
  }[];
  persons?: {
    role?: string;
    name?: string;
    description?: string;
    approximateAge?: number;
    identifiers?: { kind?: string; value?: string }[];
    vehicle?: { make?: string; model?: string; colour?: string; plate?: string; plateState?: string };
  }[];
  reporter?: {
    anonymous?: boolean;
    name?: string;
    email?: string;
    phone?: string;
    relationship?: string;
    consentToContact?: boolean;
  };
  additionalInfo?: string;
};

export type CallDetails = {
  language: string | null;
  callerType: string | null;
  callbackConsent: boolean | null;
};

export type Call = CallDetails & { startedAt: string; endedAt: string | null };

export type Draft = {
  id: string;
  status: 'draft' | 'submitted' | 'discarded';
  version: number;
  reference: string | null;
  call: Call;
  report: DraftReport;
  createdAt: string;
  updatedAt: string;
};

export type DraftSummary = { id: string; version: number; call: Call; updatedAt: string };

export type SaveBody = { version: number; report: DraftReport; call: CallDetails & { ended?: boolean } };

const base = '/api/v1/hotline/drafts';
const one = (id: string): string => `${base}/${encodeURIComponent(id)}`;

export const hotlineApi = {
  start: (): Promise<Draft> => api.post<Draft>(base, {}),
  listOpen: (signal?: AbortSignal): Promise<{ items: DraftSummary[] }> =>
    api.get<{ items: DraftSummary[] }>(base, { signal }),
  get: (id: string, signal?: AbortSignal): Promise<Draft> => api.get<Draft>(one(id), { signal }),
  save: (id: string, body: SaveBody): Promise<{ version: number; updatedAt: string }> =>
    api.put<{ version: number; updatedAt: string }>(one(id), body),
  submit: (id: string): Promise<{ reference: string }> =>
    api.post<{ reference: string }>(`${one(id)}/submit`),
  discard: (id: string): Promise<void> => api.post<void>(`${one(id)}/discard`),
};
