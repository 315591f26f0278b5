import { api } from '../../api/client';
import type {
  Consultation,
  ConsultationBody,
  ConsultationTotals,
  ReviewCatalogue,
  ReviewProposal,
  ReviewRecommendation,
  ReviewRequest,
  ReviewRequestSummary,
} from '../../api/types';

const at = (id: string) => encodeURIComponent(id);
const request = (id: string) => `/api/v1/review/requests/${at(id)}`;

export const reviewApi = {
  requests: async (signal: AbortSignal): Promise<ReviewRequestSummary[]> =>
    (await api.get<{ items: ReviewRequestSummary[] }>('/api/v1/review/requests', { signal })).items,
  request: (id: string, signal: AbortSignal) => api.get<ReviewRequest>(request(id), { signal }),
  comment: (id: string, fromLine: number, toLine: number, body: string) =>
    api.post<ReviewRequest>(`${request(id)}/comments`, { fromLine, toLine, body }),
  recommend: (id: string, recommendation: ReviewRecommendation) =>
    api.post<ReviewRequest>(`${request(id)}/recommendation`, { recommendation }),
  answer: (id: string, commentId: string, answer: string) =>
    api.post<ReviewRequest>(`${request(id)}/comments/${at(commentId)}/answer`, { answer }),
  publish: (id: string) => api.post<ReviewRequest>(`${request(id)}/publish`),
  propose: (body: ReviewProposal) => api.post<{ id: string }>('/api/v1/review/requests', body),
  catalogue: (signal: AbortSignal) => api.get<ReviewCatalogue>('/api/v1/review/materials', { signal }),
  setRequired: (kind: string, required: boolean) => api.put<unknown>(`/api/v1/review/settings/${at(kind)}`, { required }),
  myTime: async (signal: AbortSignal): Promise<Consultation[]> =>
    (await api.get<{ items: Consultation[] }>('/api/v1/review/consultations', { signal })).items,
  logTime: (body: ConsultationBody) => api.post<Consultation>('/api/v1/review/consultations', body),
  totals: async (signal: AbortSignal): Promise<ConsultationTotals> =>
    (await api.get<{ items: ConsultationTotals }>('/api/v1/review/consultations/totals', { signal })).items,
};

export const KIND_LABELS: Readonly<Record<string, string>> = {
  plan_template: 'Plan template',
  public_page_text: 'Public page text',
  language_list: 'Language suggestion list',
  training_module: 'Training module',
  lead_package_wording: 'Lead package wording',
};

export const BLOCK_LABELS: Readonly<Record<string, string>> = {
  unanswered_comments: 'Every comment needs an answer.',
  no_approval: 'At least one expert must recommend approval.',
};
