import { api, query } from '../../api/client';
import type {
  Body,
  CaseFilter,
  CaseLink,
  CasePage,
  CaseRecord,
  Dashboard,
  Episode,
  EpisodeInput,
  Note,
  ObservationAdded,
  Ok,
  PosterApproval,
  SavedFilter,
  Task,
  TaskChange,
} from '../../api/types';

/** Shapes the case API answers with, from the generated schema. */
export type {
  CaseStatus,
  CaseRecord,
  Deadline,
  Episode,
  EpisodeInput,
  Observation,
  Task,
  TaskChange,
  DashboardDeadline,
  Dashboard,
  CaseLink,
  Note,
  TimelineItem,
  Indicator,
  Team,
  CaseFilter,
  SavedFilter,
  StaffEntry,
  PosterApproval,
} from '../../api/types';
export { StaleError } from '../../api/client';

const BASE = '/api/v1/cases';
const ref = (reference: string) => `${BASE}/${encodeURIComponent(reference)}`;

export const casesApi = {
  list: (filter: CaseFilter & { before?: string | null }, signal?: AbortSignal) =>
    api.get<CasePage>(
      `${BASE}${query({
        mine: filter.mine ? 'true' : undefined,
        status: filter.status,
        state: filter.state,
        name: filter.name,
        identifier: filter.identifier,
        before: filter.before ?? undefined,
      })}`,
      signal === undefined ? {} : { signal },
    ),
  savedFilters: () => api.get<Ok<'/api/v1/cases/saved-filters', 'get'>>(`${BASE}/saved-filters`),
  saveFilter: (name: string, filter: CaseFilter) => api.post<SavedFilter>(`${BASE}/saved-filters`, { name, filter }),
  deleteFilter: (id: string) => api.delete<null>(`${BASE}/saved-filters/${encodeURIComponent(id)}`),
  directory: () => api.get<Ok<'/api/v1/staff/directory', 'get'>>('/api/v1/staff/directory'),
  approvePoster: (reference: string, version: number) =>
    api.post<PosterApproval>(`${ref(reference)}/poster-approval`, { version }),
  posterUrl: (reference: string) => `${ref(reference)}/poster.pdf`,
  teams: () => api.get<Ok<'/api/v1/cases/teams', 'get'>>(`${BASE}/teams`),
  indicators: () => api.get<Ok<'/api/v1/cases/indicators', 'get'>>(`${BASE}/indicators`),
  create: (body: unknown) => api.post<CaseRecord>(BASE, body),
  get: (reference: string, signal?: AbortSignal) => api.get<CaseRecord>(ref(reference), signal === undefined ? {} : { signal }),
  update: (reference: string, body: unknown) => api.patch<CaseRecord>(ref(reference), body),
  episodes: (reference: string) => api.get<Ok<'/api/v1/cases/{reference}/episodes', 'get'>>(`${ref(reference)}/episodes`),
  addEpisode: (reference: string, body: EpisodeInput) => api.post<Episode>(`${ref(reference)}/episodes`, body),
  updateEpisode: (reference: string, id: string, body: EpisodeInput & { version: number }) =>
    api.put<Episode>(`${ref(reference)}/episodes/${encodeURIComponent(id)}`, body),
  observations: (reference: string) =>
    api.get<Ok<'/api/v1/cases/{reference}/observations', 'get'>>(`${ref(reference)}/observations`),
  addObservation: (reference: string, body: unknown) => api.post<ObservationAdded>(`${ref(reference)}/observations`, body),
  tasks: (reference: string) => api.get<Ok<'/api/v1/cases/{reference}/tasks', 'get'>>(`${ref(reference)}/tasks`),
  addTask: (reference: string, body: Body<'/api/v1/cases/{reference}/tasks', 'post'>) =>
    api.post<Task>(`${ref(reference)}/tasks`, body),
  updateTask: (reference: string, id: string, body: TaskChange) =>
    api.patch<Task>(`${ref(reference)}/tasks/${encodeURIComponent(id)}`, body),
  dashboard: (view: 'mine' | 'team' | undefined, signal?: AbortSignal) =>
    api.get<Dashboard>(`${BASE}/dashboard${query({ view, withinHours: '24' })}`, signal === undefined ? {} : { signal }),
  links: (reference: string) => api.get<Ok<'/api/v1/cases/{reference}/links', 'get'>>(`${ref(reference)}/links`),
  addLink: (reference: string, body: unknown) => api.post<CaseLink>(`${ref(reference)}/links`, body),
  notes: (reference: string) => api.get<Ok<'/api/v1/cases/{reference}/notes', 'get'>>(`${ref(reference)}/notes`),
  addNote: (reference: string, text: string) => api.post<Note>(`${ref(reference)}/notes`, { text }),
  timeline: (reference: string) => api.get<Ok<'/api/v1/cases/{reference}/timeline', 'get'>>(`${ref(reference)}/timeline`),
  requestClose: (reference: string, body: { version: number; reason: string; note?: string }) =>
    api.post<CaseRecord>(`${ref(reference)}/close-request`, body),
  approveClose: (reference: string, version: number) => api.post<CaseRecord>(`${ref(reference)}/close-approve`, { version }),
  rejectClose: (reference: string, version: number) => api.post<CaseRecord>(`${ref(reference)}/close-reject`, { version }),
};

/** The episode as it would be sent back: derived fields dropped, nulls left out. */
export function episodeInput(e: Episode): EpisodeInput {
  const out: EpisodeInput = { leftFrom: e.leftFrom, knownMissingAt: e.knownMissingAt };
  if (e.reportedToLawEnforcementAt !== null) out.reportedToLawEnforcementAt = e.reportedToLawEnforcementAt;
  if (e.reportedToClearinghouseAt !== null) out.reportedToClearinghouseAt = e.reportedToClearinghouseAt;
  if (e.lastSeen !== undefined) out.lastSeen = e.lastSeen;
  if (e.circumstances !== undefined) out.circumstances = e.circumstances;
  if (e.recovery !== undefined) out.recovery = e.recovery;
  if (e.returnInterview !== undefined) out.returnInterview = e.returnInterview;
  if (e.screening !== undefined) out.screening = e.screening;
  return out;
}
