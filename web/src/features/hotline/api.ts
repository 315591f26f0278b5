import { api } from '../../api/client';
import type { Draft, Ok, SaveBody, Saved, Submitted } from '../../api/types';

export type { DraftReport, CallDetails, Draft, SaveBody } from '../../api/types';

const base = '/api/v1/hotline/drafts';
const one = (id: string): string => `${base}/${encodeURIComponent(id)}`;

export const hotlineApi = {
  start: (): Promise<Draft> => api.post<Draft>(base, {}),
  listOpen: (signal?: AbortSignal): Promise<Ok<'/api/v1/hotline/drafts', 'get'>> =>
    api.get<Ok<'/api/v1/hotline/drafts', 'get'>>(base, { signal }),
  get: (id: string, signal?: AbortSignal): Promise<Draft> => api.get<Draft>(one(id), { signal }),
  save: (id: string, body: SaveBody): Promise<Saved> => api.put<Saved>(one(id), body),
  submit: (id: string): Promise<Submitted> => api.post<Submitted>(`${one(id)}/submit`),
  discard: (id: string): Promise<void> => api.post<void>(`${one(id)}/discard`),
};
