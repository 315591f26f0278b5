/**
 * Words and clocks for the case screens. Survivor-informed language: "child", "missing episode",
 * "child sex trafficking victim/survivor"; the pattern is shown as facts, never as a score.
 */
import { clockWords, deadlineState } from '@shared/deadlines';
import type { Deadline } from './api';

export { DEADLINE_LABELS, durationText } from '@shared/deadlines';
export { US_STATES } from '@shared/places';

export const GENDERS: Readonly<Record<string, string>> = {
  female: 'Female',
  male: 'Male',
  transgender_female: 'Transgender female',
  transgender_male: 'Transgender male',
  non_binary: 'Non-binary',
  other: 'Another gender',
  unknown: 'Not known',
};

export const PLACEMENT_KINDS: Readonly<Record<string, string>> = {
  home: 'Family home',
  foster_family: 'Foster family',
  group_home: 'Group home',
  agency_custody: 'In the custody of an agency',
  other: 'Other placement',
};

export const LEFT_FROM: Readonly<Record<string, string>> = {
  home: 'Home',
  placement: 'Placement (foster family or group home)',
  facility: 'Facility',
};

export const SCREENING_OUTCOMES: Readonly<Record<string, string>> = {
  screened_no_indication: 'Screened: no indication of sex trafficking',
  indicators_present: 'Screened: signs of sex trafficking present',
  identified_victim: 'Identified as a child sex trafficking victim',
  declined: 'The child declined the screening',
};

export const OBSERVATION_SOURCES: Readonly<Record<string, string>> = {
  case_manager: 'Case manager',
  caregiver: 'Caregiver or foster parent',
  school: 'School',
  law_enforcement: 'Law enforcement',
  medical: 'Medical staff',
  the_child: 'The child',
  other: 'Other',
};

export const CLOSE_REASONS: Readonly<Record<string, string>> = {
  recovered: 'The child was recovered',
  returned_home: 'The child returned home',
  aged_out: 'The child aged out of care',
  deceased: 'The child died',
  other: 'Another reason',
};

export const STATUSES: Readonly<Record<string, string>> = {
  open: 'Open',
  closing_requested: 'Closing requested',
  closed: 'Closed',
};

export const LINK_KINDS: Readonly<Record<string, string>> = { tip: 'Tip', case: 'Another case', lead: 'Lead' };

export const DEADLINE_STATES: Readonly<Record<Deadline['state'], string>> = {
  due: 'Due',
  overdue: 'Overdue',
  met: 'Done on time',
  met_late: 'Done late',
};

/** Field names the server reports as changed, in words. */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  identity: 'Identity',
  description: 'Description',
  identifiers: 'Phones, emails and handles',
  placement: 'Placement',
  contacts: 'Contacts',
  assigneeId: 'Case manager',
  teamId: 'Team',
  state: 'State',
  restricted: 'Restricted',
  namedUserIds: 'Named users',
  status: 'Status',
  closing: 'Closing',
};

export const label = (map: Readonly<Record<string, string>>, code: string | null | undefined): string =>
  code === null || code === undefined ? '' : (map[code] ?? code);

export { formatDate, formatDateTime } from '../../components/format';

/** A `datetime-local` value ("2026-03-04T14:05") as an instant the API takes; null if empty. */
export function localToInstant(value: string): string | null {
  if (value.trim() === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The clock's state and its words, as the server would give them now (so the page can tick). */
export function clockText(d: Deadline, now: Date): { state: Deadline['state']; text: string } {
  const dueAt = new Date(d.dueAt);
  const metAt = d.metAt === null ? null : new Date(d.metAt);
  const state = deadlineState(dueAt, metAt, now);
  return { state, text: clockWords(state, dueAt, metAt, now) };
}
