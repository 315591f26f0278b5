import { ApiError, api, query } from '../../api/client';

export type Channel = 'web_form' | 'api' | 'hotline' | 'esp';

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
  missing?: boolean;
  school?: string;
  currentLocation?: string;
};

export type TipOnlinePlace = { kind: string; platform?: string; identifier: string; details?: string };

export type TipVehicle = { make?: string; model?: string; colour?: string; plate?: string; plateState?: string };

export type TipPerson = {
  role: string;
  name?: string;
  description?: string;
  approximateAge?: number;
  identifiers?: { kind: string; value: string }[];
  vehicle?: TipVehicle;
};

export type TipReport = {
  incident: { type: string; description: string; occurredOn?: string; escalationReason?: string };
  location?: { address?: string; city?: string; state?: string; zip?: string; details?: string };
  online?: TipOnlinePlace[];
  children?: TipChild[];
  persons?: TipPerson[];
  additionalInfo?: string;
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
  /** The hotline call the tip came from, as the operator recorded it; null for other channels. */
  call: TipCall | null;
  abilities: string[];
};
export type TipCall = { startedAt: string; endedAt: string | null; language: string | null; callerType: string | null; callbackConsent: boolean | null };

export const PAGE_SIZE = 50;

export const intakeApi = {
  listNew: (before: string | null, signal?: AbortSignal): Promise<TipPage> =>
    api.get<TipPage>(`/api/v1/reports${query({ status: 'new', limit: PAGE_SIZE, before })}`, {
      signal,
    }),

  get: (reference: string, signal?: AbortSignal): Promise<TipDetail> =>
    api.get<TipDetail>(`/api/v1/reports/${encodeURIComponent(reference)}`, { signal }),

  /** Fetches a tip's export (the session cookie goes with it) and hands it to the browser as a file. */
  download: async (reference: string, format: ExportFormat): Promise<void> => {
    const url = `/api/v1/reports/${encodeURIComponent(reference)}/export${query({ format })}`;
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', 'The Beacon server could not be reached.');
    }
    if (!response.ok) throw await downloadError(response);
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${reference}.${format === 'json' ? 'json' : 'xml'}`;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked after the click has been handled, so the download has its data.
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  },
};

export type ExportFormat = 'cybertipline-xml' | 'json';

async function downloadError(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not JSON: the status alone says enough.
  }
  return new ApiError(response.status, code, message);
}

/** A file an electronic service provider sent with a tip: hashes and details, never the bytes. */
export type TipFile = {
  id: string;
  name: string | null;
  /** Detected from the file's bytes. */
  type: string;
  size: number;
  sha256: string;
  md5: string;
  uploadedAt: string;
  description: string | null;
  publiclyAvailable: boolean | null;
  locationSeen: string | null;
  gps: { latitude: number; longitude: number } | null;
  /** False when only the hashes are kept (hash-only mode): nothing to download. */
  kept: boolean;
  /** True when a download is a copy without its metadata (JPEG, PNG). */
  metadataStripped: boolean;
};

export type TipFiles = { files: TipFile[]; abilities: string[] };

export const filesApi = {
  list: (reference: string, signal?: AbortSignal): Promise<TipFiles> =>
    api.get<TipFiles>(`/api/v1/reports/${encodeURIComponent(reference)}/files`, { signal }),

  /** Fetches the cleaned copy and saves it as a file; it is never shown in the page. */
  download: async (reference: string, fileId: string): Promise<void> => {
    const url = `/api/v1/reports/${encodeURIComponent(reference)}/files/${encodeURIComponent(fileId)}/content`;
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', 'The Beacon server could not be reached.');
    }
    if (!response.ok) throw await downloadError(response);
    const named = /filename="([\w.-]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
    // Saved as a generic binary so the browser never opens it in a tab by itself.
    const blob = new Blob([await response.arrayBuffer()], { type: 'application/octet-stream' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = named?.[1] ?? `file-${fileId}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  },
};
