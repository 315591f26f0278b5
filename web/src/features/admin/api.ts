import { api, query } from '../../api/client';
import { formatDateTime } from '../../components/format';
import type {
  AgencyImport,
  Invite,
  Invited,
  Ok,
  ResetApproved,
  ResetKind,
  ResetRequested,
  StaffChange,
  StaffRole,
  TokenBody,
  TokenCreated,
} from '../../api/types';

export type { AgencyImport, ApiToken, ResetKind, ResetRequest, StaffMember, StaffRole } from '../../api/types';

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  admin: 'Administrator',
  supervisor: 'Supervisor',
  analyst: 'Analyst',
  case_manager: 'Case manager',
  partner: 'Partner agency',
  operator: 'Hotline operator',
  recovery: 'Recovery specialist',
  plan_participant: 'Plan participant',
  expert: 'Survivor expert',
  volunteer: 'Volunteer',
  family_advocate: 'Family advocate',
  trainer: 'Trainer',
};
const isRole = (value: string): value is StaffRole => Object.hasOwn(ROLE_LABELS, value);
/** The role a select chose; it offers only ROLE_LABELS' keys, so the fallback is never reached. */
export const roleOf = (value: string): StaffRole => (isRole(value) ? value : 'analyst');

/** Jurisdictions as the admin typed them: the server refuses a code that is not a US state (400, with the field). */
type Typed<B> = Omit<B, 'jurisdictions'> & { jurisdictions: string[] };

const base = '/api/v1/admin';
const at = (id: string) => encodeURIComponent(id);

export const adminApi = {
  staff: async (signal: AbortSignal) => (await api.get<Ok<'/api/v1/admin/staff', 'get'>>(`${base}/staff`, { signal })).items,
  invite: (body: Typed<Invite>) => api.post<Invited>(`${base}/staff`, body),
  update: (id: string, body: Typed<StaffChange>) =>
    api.patch<Ok<'/api/v1/admin/staff/{id}', 'patch'>>(`${base}/staff/${at(id)}`, body),
  disable: (id: string) => api.post<Ok<'/api/v1/admin/staff/{id}/disable', 'post'>>(`${base}/staff/${at(id)}/disable`),
  enable: (id: string) => api.post<Ok<'/api/v1/admin/staff/{id}/enable', 'post'>>(`${base}/staff/${at(id)}/enable`),
  requestReset: (id: string, kind: ResetKind) => api.post<ResetRequested>(`${base}/staff/${at(id)}/reset-requests`, { kind }),
  resets: async (signal: AbortSignal) =>
    (await api.get<Ok<'/api/v1/admin/reset-requests', 'get'>>(`${base}/reset-requests`, { signal })).items,
  approve: (id: string) => api.post<ResetApproved>(`${base}/reset-requests/${at(id)}/approve`),
  cancel: (id: string) =>
    api.post<Ok<'/api/v1/admin/reset-requests/{id}/cancel', 'post'>>(`${base}/reset-requests/${at(id)}/cancel`),
  signIns: async (signal: AbortSignal) =>
    (await api.get<Ok<'/api/v1/admin/sign-ins', 'get'>>(`${base}/sign-ins${query({ limit: 200 })}`, { signal })).items,
  tokens: async (signal: AbortSignal) => (await api.get<Ok<'/api/v1/admin/tokens', 'get'>>(`${base}/tokens`, { signal })).items,
  createToken: (body: TokenBody) => api.post<TokenCreated>(`${base}/tokens`, body),
  revokeToken: (id: string) => api.post<Ok<'/api/v1/admin/tokens/{id}/revoke', 'post'>>(`${base}/tokens/${at(id)}/revoke`),
  failedJobs: async (signal: AbortSignal) =>
    (await api.get<Ok<'/api/v1/admin/jobs/failed', 'get'>>(`${base}/jobs/failed`, { signal })).items,
  retryJob: (id: string) => api.post<Ok<'/api/v1/admin/jobs/failed/retry', 'post'>>(`${base}/jobs/failed/retry`, { id }),
  agencies: async (signal: AbortSignal) =>
    (await api.get<Ok<'/api/v1/agencies', 'get'>>(`/api/v1/agencies${query({ inactive: 'true', limit: 500 })}`, { signal }))
      .items,
  importAgencies: (csv: string, dryRun: boolean) => api.post<AgencyImport>('/api/v1/agencies/import', { csv, dryRun }),
};

/** "OK, TX" or "tx ok" → ["OK", "TX"]. */
export function statesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim().toUpperCase())
        .filter((s) => s !== ''),
    ),
  ].sort();
}

export const when = (iso: string | null): string => (iso === null ? 'Never' : formatDateTime(iso));
