import { api, query, type RequestOptions } from '../../api/client';

export const ROLE_LABELS: Readonly<Record<string, string>> = {
  admin: 'Administrator', supervisor: 'Supervisor', analyst: 'Analyst', case_manager: 'Case manager', partner: 'Partner agency', operator: 'Hotline operator',
};

export type StaffMember = {
  id: string; email: string; displayName: string; role: string; organisation: string; jurisdictions: string[];
  disabled: boolean; passwordSet: boolean; totp: boolean; passkeys: number; createdAt: string; lastSignedInAt: string | null;
};
export type ResetKind = 'password' | 'second_factor';
export type ResetRequest = {
  id: string; kind: ResetKind; userId: string; userEmail: string; requestedBy: string; requestedByEmail: string;
  createdAt: string; expiresAt: string; status: 'open' | 'approved' | 'cancelled' | 'expired'; approvedByEmail: string | null;
};
export type SignIn = { at: string; outcome: 'signed_in' | 'wrong_password' | 'wrong_code' | 'passkey_refused'; method: string | null; userId: string | null; email: string | null };
export type ApiToken = { id: string; organisation: string; scopes: string[]; label: string | null; createdAt: string; revokedAt: string | null };
export type Agency = { id: string; code: string; name: string; kind: string; active: boolean; areas: { kind: string; state?: string; county?: string; city?: string; tribalLand?: string }[] };
export type ImportResult = { applied: boolean; rows: number; created: { code: string; name: string }[]; updated: { code: string; name: string }[]; unchanged: string[] };

const opts = (signal?: AbortSignal): RequestOptions => (signal === undefined ? {} : { signal });
const base = '/api/v1/admin';
const at = (id: string) => encodeURIComponent(id);

export const adminApi = {
  staff: async (signal?: AbortSignal) => (await api.get<{ items: StaffMember[] }>(`${base}/staff`, opts(signal))).items,
  invite: (body: { email: string; role: string; displayName?: string; jurisdictions: string[] }) =>
    api.post<{ id: string; setupUrl: string }>(`${base}/staff`, body),
  update: (id: string, body: { role?: string; jurisdictions?: string[] }) => api.patch<{ ok: true }>(`${base}/staff/${at(id)}`, body),
  disable: (id: string) => api.post<{ ok: true }>(`${base}/staff/${at(id)}/disable`),
  enable: (id: string) => api.post<{ ok: true }>(`${base}/staff/${at(id)}/enable`),
  requestReset: (id: string, kind: ResetKind) => api.post<{ id: string }>(`${base}/staff/${at(id)}/reset-requests`, { kind }),
  resets: async (signal?: AbortSignal) => (await api.get<{ items: ResetRequest[] }>(`${base}/reset-requests`, opts(signal))).items,
  approve: (id: string) => api.post<{ kind: ResetKind; setupUrl: string | null }>(`${base}/reset-requests/${at(id)}/approve`),
  cancel: (id: string) => api.post<{ ok: true }>(`${base}/reset-requests/${at(id)}/cancel`),
  signIns: async (signal?: AbortSignal) => (await api.get<{ items: SignIn[] }>(`${base}/sign-ins${query({ limit: 200 })}`, opts(signal))).items,
  tokens: async (signal?: AbortSignal) => (await api.get<{ items: ApiToken[] }>(`${base}/tokens`, opts(signal))).items,
  createToken: (body: { organisation: string; label?: string }) => api.post<{ id: string; token: string }>(`${base}/tokens`, body),
  revokeToken: (id: string) => api.post<{ ok: true }>(`${base}/tokens/${at(id)}/revoke`),
  agencies: async (signal?: AbortSignal) => (await api.get<{ items: Agency[] }>(`/api/v1/agencies${query({ inactive: 'true', limit: 500 })}`, opts(signal))).items,
  importAgencies: (csv: string, dryRun: boolean) => api.post<ImportResult>('/api/v1/agencies/import', { csv, dryRun }),
};

/** "OK, TX" or "tx ok" → ["OK", "TX"]. */
export function statesOf(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter((s) => s !== ''))].sort();
}

export const when = (iso: string | null): string => (iso === null ? 'Never' : new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }));
