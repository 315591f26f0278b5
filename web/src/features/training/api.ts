import { api } from '../../api/client';
import type { NewTrainingSession, TrainingBooking, TrainingSession } from '../../api/types';

const session = (id: string) => `/api/v1/training/sessions/${encodeURIComponent(id)}`;

export const trainingApi = {
  sessions: async (signal: AbortSignal): Promise<TrainingSession[]> =>
    (await api.get<{ sessions: TrainingSession[] }>('/api/v1/training/sessions', { signal })).sessions,
  create: (body: NewTrainingSession) => api.post<TrainingSession>('/api/v1/training/sessions', body),
  session: (id: string, signal: AbortSignal) =>
    api.get<{ session: TrainingSession; roster: TrainingBooking[] }>(session(id), { signal }),
  cancel: (id: string, booking: string) =>
    api.post<{ promoted: number }>(`${session(id)}/bookings/${encodeURIComponent(booking)}/cancel`),
  attendance: (id: string, marks: { booking: string; mark: 'attended' | 'no_show' }[]) =>
    api.post<{ certificates: number }>(`${session(id)}/attendance`, { marks }),
};

export const AUDIENCES: Readonly<Record<string, string>> = {
  education: 'Education',
  health_care: 'Health care',
  child_welfare: 'Child welfare and foster care',
  law_enforcement: 'Law enforcement',
};

/** Times are entered and shown in UTC, as the invitations are written. */
export const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
