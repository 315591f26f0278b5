import { api, query } from '../../api/client';

export type Channel = 'web_form' | 'api';

export type TipSummary = {
  reference: string;
  /** ISO date-time. */
  receivedAt: string;
  channel: Channel;
  incidentType: string;
  state: string | null;
  city: string | null;
  childAges: number[];
  escalated: boolean;
  status: string;
};

export type TipPage = { items: TipSummary[]; nextCursor: string | null };

export type TipChild = {
  name?: string;
  description?: string;
  approximateAge?: number;
  gender?: string;
};

export type TipReport = {
  incident: { type: string; description: string; occurredOn?: string; escalationReason?: string };
  location?: { address?: string; city?: string; state?: string; zip?: string; details?: string };
  children?: TipChild[];
  reporter: {
    anonymous: boolean;
    name?: string;
    email?: string;
    phone?: string;
    relationship?: string;
    consentToContact: boolean;
  };
};

export type TipDetail = {
  reference: string;
  receivedAt: string;
  channel: Channel;
  status: string;
  report: TipReport;
  abilities: string[];
};

export const PAGE_SIZE = 50;

export const intakeApi = {
  listNew: (before: string | null, signal?: AbortSignal): Promise<TipPage> =>
    api.get<TipPage>(`/api/v1/reports${query({ status: 'new', limit: PAGE_SIZE, before })}`, {
      signal,
    }),

  get: (reference: string, signal?: AbortSignal): Promise<TipDetail> =>
    api.get<TipDetail>(`/api/v1/reports/${encodeURIComponent(reference)}`, { signal }),
};
