/**
 * Human labels for the codes the API uses. Words follow survivor-informed language: "child",
 * "tip", "report", "child sex trafficking victim/survivor"; never stigmatising terms.
 */
import { US_STATES } from '@shared/places';

export const INCIDENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  child_sex_trafficking: 'Child sex trafficking',
  child_sex_tourism: 'Child sex tourism',
  online_enticement: 'Online enticement of a child',
  other: 'Other concern',
};

export const GENDER_LABELS: Readonly<Record<string, string>> = {
  female: 'Female',
  male: 'Male',
  transgender: 'Transgender',
  nonbinary: 'Nonbinary',
  unknown: 'Not known',
};

export const RELATIONSHIP_LABELS: Readonly<Record<string, string>> = {
  family: 'Family member',
  friend: 'Friend',
  professional: 'Professional (teacher, nurse, social worker…)',
  neighbour: 'Neighbour',
  self: 'The child themself',
  other: 'Other',
};

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  web_form: 'Online form',
  api: 'Partner system (API)',
  hotline: 'Hotline call',
};

export const ONLINE_KIND_LABELS: Readonly<Record<string, string>> = {
  web_page: 'Web page',
  chat: 'Chat or messaging app',
  email: 'Email',
  social_platform: 'Social media',
  phone_text: 'Phone or text message',
  other: 'Other online place',
};

export const PERSON_ROLE_LABELS: Readonly<Record<string, string>> = {
  trafficker: 'Possible trafficker',
  buyer: 'Possible buyer',
  other: 'Other person involved',
};

export const IDENTIFIER_KIND_LABELS: Readonly<Record<string, string>> = {
  phone: 'Phone',
  email: 'Email',
  username: 'Username',
  url: 'Web address',
  other: 'Other identifier',
};

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  new: 'New',
};

export const US_STATE_NAMES: Readonly<Record<string, string>> = US_STATES;

/** A label for a code; an unknown code is shown readably rather than hidden. */
function label(labels: Readonly<Record<string, string>>, code: string): string {
  const known = labels[code];
  if (known !== undefined) return known;
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const incidentTypeLabel = (code: string): string => label(INCIDENT_TYPE_LABELS, code);
export const genderLabel = (code: string): string => label(GENDER_LABELS, code);
export const relationshipLabel = (code: string): string => label(RELATIONSHIP_LABELS, code);
export const channelLabel = (code: string): string => label(CHANNEL_LABELS, code);
export const statusLabel = (code: string): string => label(STATUS_LABELS, code);
export const stateName = (code: string): string => US_STATE_NAMES[code] ?? code;
export const onlineKindLabel = (code: string): string => label(ONLINE_KIND_LABELS, code);
export const personRoleLabel = (code: string): string => label(PERSON_ROLE_LABELS, code);
export const identifierKindLabel = (code: string): string => label(IDENTIFIER_KIND_LABELS, code);
