import { api, query } from '../../api/client';
import type { ExportFormat, TipDetail, TipFiles, TipPage } from '../../api/types';

export type {
  TipPage,
  TipChild,
  TipOnlinePlace,
  TipVehicle,
  TipPerson,
  TipReport,
  TipDetail,
  TipCall,
  TipFile,
  TipFiles,
  ExportFormat,
} from '../../api/types';

export const PAGE_SIZE = 50;

export const intakeApi = {
  listNew: (before: string | null, signal?: AbortSignal): Promise<TipPage> =>
    api.get<TipPage>(`/api/v1/reports${query({ status: 'new', limit: PAGE_SIZE, before })}`, {
      signal,
    }),

  get: (reference: string, signal?: AbortSignal): Promise<TipDetail> =>
    api.get<TipDetail>(`/api/v1/reports/${encodeURIComponent(reference)}`, { signal }),

  /** Fetches a tip's export (the session cookie goes with it) and hands it to the browser as a file. */
  download: (reference: string, format: ExportFormat): Promise<void> =>
    api.download(
      `/api/v1/reports/${encodeURIComponent(reference)}/export${query({ format })}`,
      `${reference}.${format === 'json' ? 'json' : 'xml'}`,
    ),
};

export const filesApi = {
  list: (reference: string, signal?: AbortSignal): Promise<TipFiles> =>
    api.get<TipFiles>(`/api/v1/reports/${encodeURIComponent(reference)}/files`, { signal }),

  /** Fetches the cleaned copy and saves it as a file; it is never shown in the page. */
  download: (reference: string, fileId: string): Promise<void> =>
    api.download(
      `/api/v1/reports/${encodeURIComponent(reference)}/files/${encodeURIComponent(fileId)}/content`,
      `file-${fileId}`,
    ),
};
