import { api, query } from '../../api/client';

export type Priority = 'routine' | 'elevated' | 'high' | 'immediate';
export type Reason = { code: string; label: string; because: string };
export type FiredRule = Reason & { priority: Priority; why: string };
export type LinkKind = 'phone' | 'email' | 'handle' | 'url';

export type QueueItem = {
  reference: string;
  receivedAt: string;
  channel: string;
  incidentType: string;
  state: string | null;
  city: string | null;
  childAges: number[];
  status: string;
  priority: Priority;
  reasons: Reason[];
  dueAt: string;
  overdue: boolean;
  assigneeId: string | null;
};
export type QueuePage = { items: QueueItem[]; nextCursor: string | null };
export type QueueView = 'open' | 'mine' | 'closing_requested' | 'referred' | 'linked_to_case' | 'closed';

export type Mark = { span: { start: number; end: number }; kind: string; value: string; obfuscated: boolean };
export type Highlight = { field: string; text: string; marks: Mark[] };

export type Workbench = {
  reference: string;
  status: string;
  priority: Priority;
  fired: FiredRule[];
  rulesVersion: number;
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  assigneeId: string | null;
  closeReason: string | null;
  closeNote: string | null;
  /** The case this tip was linked to, if the reader may open it; else only whom to ask. */
  linkedCase: string | null;
  linkedCaseYouCannotOpen: { matchesCaseYouCannotOpen: true; ask: string } | null;
  version: number;
  identifiers: { kind: LinkKind; value: string; obfuscated: boolean }[];
  highlights: Highlight[];
  linkedTips: { reference: string; receivedAt: string; status: string; shared: { kind: LinkKind; value: string }[] }[];
  /** Open cases sharing an identifier that the reader may open. */
  linkedCases: string[];
  /** Matching cases the reader may not open: no reference, only whom to ask. */
  casesYouCannotOpen: { matchesCaseYouCannotOpen: true; ask: string }[];
  linkedAdverts: { id: number; sourceId: string; site: string | null; city: string | null; state: string | null; postedAt: string | null; shared: { kind: string; value: string }[] }[];
  duplicates: { reference: string; receivedAt: string; state: string | null; city: string | null; status: string; nameSimilarity: number }[];
  mergedInto: string | null;
  mergedHere: string[];
  notes: { id: string; authorId: string; createdAt: string; text: string }[];
};

export type TipAction =
  | { action: 'start_review' }
  | { action: 'assign'; assigneeId: string | null }
  | { action: 'link_case'; caseReference: string }
  | { action: 'request_close'; reason: string; note?: string }
  | { action: 'decide_close'; approve: boolean }
  | { action: 'reopen' };

const tip = (reference: string) => `/api/v1/triage/tips/${encodeURIComponent(reference)}`;

export const triageApi = {
  queue: (view: QueueView, cursor: string | null, signal?: AbortSignal): Promise<QueuePage> =>
    api.get<QueuePage>(`/api/v1/triage/queue${query({ view, limit: 50, cursor })}`, { signal }),
  workbench: (reference: string, signal?: AbortSignal): Promise<Workbench> => api.get<Workbench>(tip(reference), { signal }),
  act: (reference: string, action: TipAction): Promise<{ status: string }> => api.post(`${tip(reference)}/actions`, action),
  addNote: (reference: string, text: string): Promise<{ id: string }> => api.post(`${tip(reference)}/notes`, { text }),
  merge: (kept: string, duplicate: string): Promise<unknown> => api.post(`${tip(kept)}/merge`, { duplicate }),
  undoMerge: (duplicate: string): Promise<unknown> => api.delete(`${tip(duplicate)}/merge`),
};

export const PRIORITY_LABELS: Record<Priority, string> = { immediate: 'Immediate', high: 'High', elevated: 'Elevated', routine: 'Routine' };
export const TIP_STATUS_LABELS: Record<string, string> = {
  new: 'New', in_review: 'In review', referred: 'Referred', linked_to_case: 'Linked to a case', closing_requested: 'Closure awaiting review',
  closed: 'Closed', merged: 'Merged into another tip',
};
export const CLOSE_REASON_LABELS: Record<string, string> = {
  no_action_needed: 'No action needed', duplicate: 'Duplicate', spam: 'Spam or abuse of the form', insufficient_information: 'Not enough information to act',
  outside_mandate: 'Outside our mandate', other: 'Other',
};
export const KIND_LABELS: Record<string, string> = { phone: 'Phone', email: 'Email', handle: 'Handle', url: 'Web address', age: 'Age', place: 'Place' };
