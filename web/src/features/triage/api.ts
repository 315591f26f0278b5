import { api, query } from '../../api/client';
import type { Ok, Priority, QueuePage, QueueView, TipAction, Workbench } from '../../api/types';

export type { Priority, QueueItem, QueuePage, QueueView, Highlight, Workbench, TipAction } from '../../api/types';

const tip = (reference: string) => `/api/v1/triage/tips/${encodeURIComponent(reference)}`;

export const triageApi = {
  queue: (view: QueueView, cursor: string | null, signal?: AbortSignal): Promise<QueuePage> =>
    api.get<QueuePage>(`/api/v1/triage/queue${query({ view, limit: 50, cursor })}`, { signal }),
  workbench: (reference: string, signal?: AbortSignal): Promise<Workbench> => api.get<Workbench>(tip(reference), { signal }),
  act: (reference: string, action: TipAction): Promise<Ok<'/api/v1/triage/tips/{reference}/actions', 'post'>> =>
    api.post(`${tip(reference)}/actions`, action),
  addNote: (reference: string, text: string): Promise<Ok<'/api/v1/triage/tips/{reference}/notes', 'post'>> =>
    api.post(`${tip(reference)}/notes`, { text }),
  merge: (kept: string, duplicate: string): Promise<unknown> => api.post(`${tip(kept)}/merge`, { duplicate }),
  undoMerge: (duplicate: string): Promise<unknown> => api.delete(`${tip(duplicate)}/merge`),
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  immediate: 'Immediate',
  high: 'High',
  elevated: 'Elevated',
  routine: 'Routine',
};
export const TIP_STATUS_LABELS: Record<string, string> = {
  new: 'New',
  in_review: 'In review',
  referred: 'Referred',
  linked_to_case: 'Linked to a case',
  closing_requested: 'Closure awaiting review',
  closed: 'Closed',
  merged: 'Merged into another tip',
};
export const CLOSE_REASON_LABELS: Record<string, string> = {
  no_action_needed: 'No action needed',
  duplicate: 'Duplicate',
  spam: 'Spam or abuse of the form',
  insufficient_information: 'Not enough information to act',
  outside_mandate: 'Outside our mandate',
  other: 'Other',
};
export const KIND_LABELS: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  handle: 'Handle',
  url: 'Web address',
  age: 'Age',
  place: 'Place',
};
