import { api, ApiError, query, type FieldError } from '../../api/client';
import { authApi } from '../auth/api';

/** Shapes the case API answers with (see src/cases/cases.schema.ts). */
export type CaseStatus = 'open' | 'closing_requested' | 'closed';

export type Identity = {
  name: string;
  aliases?: string[];
  dateOfBirth?: string;
  approximateAge?: number;
  gender?: string;
  languages?: string[];
  tribalAffiliation?: string;
};
export type Placement = { kind: string; agencyName?: string; since?: string };
export type CaseDetails = {
  identity: Identity;
  description?: { hair?: string; eyes?: string; text?: string; heightCm?: number; weightKg?: number; marks?: { kind: string; location?: string; description?: string }[] };
  identifiers?: { kind: string; platform?: string; value: string }[];
  placement?: Placement;
  contacts?: Record<string, unknown>;
};

export type CaseRecord = {
  reference: string;
  status: CaseStatus;
  version: number;
  assigneeId: string | null;
  teamId: string | null;
  state: string | null;
  restricted: boolean;
  details: CaseDetails;
  episodeCount: number;
  pattern: { kind: string; text: string; count: number }[];
  closing: { reason: string | null; note: string | null; requestedBy: string | null; requestedAt: string | null; closedBy: string | null; closedAt: string | null };
  createdAt: string;
  updatedAt: string;
  abilities: string[];
};

export type CaseSummary = {
  reference: string;
  name: string;
  status: CaseStatus;
  assigneeId: string | null;
  teamId: string | null;
  state: string | null;
  restricted: boolean;
  episodeCount: number;
  updatedAt: string;
};

export type Deadline = { kind: string; dueAt: string; metAt: string | null; state: 'met' | 'met_late' | 'due' | 'overdue' };

export type Recovery = { recoveredAt: string; place?: string; recoveredBy?: string; how?: string };
export type ReturnInterview = { conductedAt: string; interviewer?: string; primaryFactors?: string; experiencesWhileAway?: string };
export type Screening = { screenedAt: string; screener: string; outcome: string; notes?: string; victimReportedAt?: string };
export type LastSeen = { place?: string; city?: string; state?: string; at?: string };

export type Episode = {
  id: string;
  version: number;
  leftFrom: string;
  knownMissingAt: string;
  reportedToLawEnforcementAt: string | null;
  reportedToClearinghouseAt: string | null;
  lastSeen?: LastSeen;
  circumstances?: string;
  recovery?: Recovery;
  returnInterview?: ReturnInterview;
  screening?: Screening;
  reviewedAt: string | null;
  deadlines: Deadline[];
  createdAt: string;
  updatedAt: string;
};

/** What an episode is written as (the response minus what the server derives). */
export type EpisodeInput = {
  leftFrom: string;
  knownMissingAt: string;
  reportedToLawEnforcementAt?: string;
  reportedToClearinghouseAt?: string;
  lastSeen?: LastSeen;
  circumstances?: string;
  recovery?: Recovery;
  returnInterview?: ReturnInterview;
  screening?: Screening;
};

export type Observation = {
  id: string; observedAt: string; observer: string; source: string; indicator: string; indicatorLabel: string; note?: string; taskId: string | null; createdAt: string;
};
export type Task = {
  id: string; caseReference: string; version: number; title: string; ownerId: string | null; dueAt: string | null; status: string; observationId: string | null;
  createdAt: string; doneAt: string | null;
};
export type TaskChange = { version: number; status?: 'open' | 'done' | 'cancelled'; title?: string; dueAt?: string | null; ownerId?: string | null };
export type DashboardDeadline = Deadline & { caseReference: string; episodeId: string };
export type Dashboard = { deadlines: DashboardDeadline[]; tasks: Task[] };
export type CaseLink = { id: string; kind: string; reference: string; reason: string; createdAt: string };
export type Suggestion = { term: string; start: number; end: number; suggestion: string; reason: string };
export type Note = { id: string; text: string; createdBy: string | null; createdAt: string; suggestions: Suggestion[] };
export type TimelineItem = { at: string; kind: string; id: string; summary: string };
export type Indicator = { code: string; group: string; label: string };
export type Team = { id: string; name: string; members: { userId: string; supervises: boolean }[] };
/** What the case list is narrowed by; a saved filter holds the same. */
export type CaseFilter = { mine?: boolean; status?: CaseStatus; state?: string; name?: string; identifier?: string };
export type SavedFilter = { id: string; name: string; filter: CaseFilter; createdAt: string };
export type StaffEntry = { id: string; displayName: string; role: string };
export type PosterApproval = { reference: string; caseVersion: number; approvedBy: string; approvedAt: string };

/** A 409 stale_version: someone else saved first. `current` is the record as it is now. */
export class StaleError<T> extends ApiError {
  constructor(message: string, readonly current: T, readonly changedFields: readonly string[]) {
    super(409, 'stale_version', message);
  }
}

const BASE = '/api/v1/cases';
const ref = (reference: string) => `${BASE}/${encodeURIComponent(reference)}`;

/**
 * Writes go through here rather than the shared client because a 409 carries the current record,
 * which the shared client's error drops. The CSRF token is read fresh from the session (which also
 * keeps the shared client's copy current).
 */
async function write<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown): Promise<T> {
  const { csrfToken } = await authApi.session();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The Beacon server could not be reached.');
  }
  let data: unknown = null;
  try {
    data = await response.json();
  } catch {
    // Not JSON: the status alone speaks.
  }
  if (response.ok) return data as T;
  const e = (data as { error?: { code?: unknown; message?: unknown; errors?: unknown; changedFields?: unknown } } | null)?.error ?? {};
  const code = typeof e.code === 'string' ? e.code : `http_${response.status}`;
  const message = typeof e.message === 'string' ? e.message : response.statusText;
  if (response.status === 409 && code === 'stale_version') {
    const changed = Array.isArray(e.changedFields) ? e.changedFields.filter((f): f is string => typeof f === 'string') : [];
    throw new StaleError(message, (data as { current: unknown }).current, changed);
  }
  const fieldErrors = Array.isArray(e.errors) ? (e.errors as FieldError[]).filter((x) => typeof x?.path === 'string' && typeof x?.message === 'string') : [];
  throw new ApiError(response.status, code, message, fieldErrors);
}

type Items<T> = { items: T[] };

export const casesApi = {
  list: (filter: CaseFilter & { before?: string | null }, signal?: AbortSignal) =>
    api.get<{ items: CaseSummary[]; nextCursor: string | null }>(
      `${BASE}${query({
        mine: filter.mine ? 'true' : undefined, status: filter.status, state: filter.state, name: filter.name, identifier: filter.identifier,
        before: filter.before ?? undefined,
      })}`,
      signal === undefined ? {} : { signal },
    ),
  savedFilters: () => api.get<Items<SavedFilter>>(`${BASE}/saved-filters`),
  saveFilter: (name: string, filter: CaseFilter) => write<SavedFilter>('POST', `${BASE}/saved-filters`, { name, filter }),
  deleteFilter: (id: string) => api.delete<null>(`${BASE}/saved-filters/${encodeURIComponent(id)}`),
  directory: () => api.get<Items<StaffEntry>>('/api/v1/staff/directory'),
  approvePoster: (reference: string, version: number) => write<PosterApproval>('POST', `${ref(reference)}/poster-approval`, { version }),
  posterUrl: (reference: string) => `${ref(reference)}/poster.pdf`,
  teams: () => api.get<Items<Team>>(`${BASE}/teams`),
  indicators: () => api.get<Items<Indicator>>(`${BASE}/indicators`),
  create: (body: unknown) => write<CaseRecord>('POST', BASE, body),
  get: (reference: string, signal?: AbortSignal) => api.get<CaseRecord>(ref(reference), signal === undefined ? {} : { signal }),
  update: (reference: string, body: unknown) => write<CaseRecord>('PATCH', ref(reference), body),
  episodes: (reference: string) => api.get<Items<Episode>>(`${ref(reference)}/episodes`),
  addEpisode: (reference: string, body: EpisodeInput) => write<Episode>('POST', `${ref(reference)}/episodes`, body),
  updateEpisode: (reference: string, id: string, body: EpisodeInput & { version: number }) =>
    write<Episode>('PUT', `${ref(reference)}/episodes/${encodeURIComponent(id)}`, body),
  observations: (reference: string) => api.get<Items<Observation>>(`${ref(reference)}/observations`),
  addObservation: (reference: string, body: unknown) => write<{ observation: Observation; task: Task | null }>('POST', `${ref(reference)}/observations`, body),
  tasks: (reference: string) => api.get<Items<Task>>(`${ref(reference)}/tasks`),
  addTask: (reference: string, body: { title: string; dueAt?: string; ownerId?: string }) => write<Task>('POST', `${ref(reference)}/tasks`, body),
  updateTask: (reference: string, id: string, body: TaskChange) => write<Task>('PATCH', `${ref(reference)}/tasks/${encodeURIComponent(id)}`, body),
  dashboard: (view: 'mine' | 'team' | undefined, signal?: AbortSignal) =>
    api.get<Dashboard>(`${BASE}/dashboard${query({ view, withinHours: '24' })}`, signal === undefined ? {} : { signal }),
  links: (reference: string) => api.get<Items<CaseLink>>(`${ref(reference)}/links`),
  addLink: (reference: string, body: unknown) => write<CaseLink>('POST', `${ref(reference)}/links`, body),
  notes: (reference: string) => api.get<Items<Note>>(`${ref(reference)}/notes`),
  addNote: (reference: string, text: string) => write<Note>('POST', `${ref(reference)}/notes`, { text }),
  timeline: (reference: string) => api.get<Items<TimelineItem>>(`${ref(reference)}/timeline`),
  requestClose: (reference: string, body: { version: number; reason: string; note?: string }) => write<CaseRecord>('POST', `${ref(reference)}/close-request`, body),
  approveClose: (reference: string, version: number) => write<CaseRecord>('POST', `${ref(reference)}/close-approve`, { version }),
  rejectClose: (reference: string, version: number) => write<CaseRecord>('POST', `${ref(reference)}/close-reject`, { version }),
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
