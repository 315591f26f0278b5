/** Words for the operator screen that the intake labels do not already cover. */

export const CALLER_TYPE_LABELS: Readonly<Record<string, string>> = {
  child: 'A child or young person',
  parent_guardian: 'Parent or guardian',
  professional: 'Professional (teacher, nurse, social worker…)',
  member_of_public: 'Member of the public',
  other: 'Other',
};

/** Languages a call is taken in, as BCP 47 tags; `und` when none of these. */
export const CALL_LANGUAGE_LABELS: Readonly<Record<string, string>> = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  ht: 'Haitian Creole',
  pt: 'Portuguese',
  zh: 'Chinese',
  vi: 'Vietnamese',
  ko: 'Korean',
  tl: 'Tagalog',
  ar: 'Arabic',
  ru: 'Russian',
  ase: 'American Sign Language (relay)',
  und: 'Another language',
};

export const ONLINE_KIND_LABELS: Readonly<Record<string, string>> = {
  web_page: 'Web page',
  chat: 'Chat or instant message',
  email: 'Email',
  social_platform: 'Social media or app',
  phone_text: 'Phone or text message',
  other: 'Other',
};

export const PERSON_ROLE_LABELS: Readonly<Record<string, string>> = {
  trafficker: 'Suspected trafficker',
  buyer: 'Suspected buyer',
  other: 'Other person involved',
};

export const IDENTIFIER_KIND_LABELS: Readonly<Record<string, string>> = {
  phone: 'Phone number',
  email: 'Email address',
  username: 'Username or handle',
  url: 'Web address',
  other: 'Other',
};

/** Field names by path, with list positions written as `#`. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  incident: 'What happened',
  'incident.type': 'Type of concern',
  'incident.description': 'What the caller saw or heard',
  'incident.occurredOn': 'When it happened',
  'incident.escalationReason': 'Why a child may be in danger now',
  location: 'Where',
  'location.address': 'Street address',
  'location.city': 'City',
  'location.state': 'State',
  'location.zip': 'ZIP code',
  'location.details': 'More about the place',
  'online.#.kind': 'Kind of online place',
  'online.#.platform': 'Platform or app',
  'online.#.identifier': 'Address, username or number',
  'online.#.details': 'More about it',
  'children.#.name': 'Name',
  'children.#.approximateAge': 'Approximate age',
  'children.#.gender': 'Gender',
  'children.#.missing': 'Missing',
  'children.#.description': 'Description',
  'children.#.school': 'School',
  'children.#.currentLocation': 'Where the child is now',
  'persons.#.role': 'Role',
  'persons.#.name': 'Name',
  'persons.#.approximateAge': 'Approximate age',
  'persons.#.description': 'Description',
  'persons.#.identifiers.#.kind': 'Kind of identifier',
  'persons.#.identifiers.#.value': 'Identifier',
  'persons.#.vehicle.make': 'Vehicle make',
  'persons.#.vehicle.model': 'Vehicle model',
  'persons.#.vehicle.colour': 'Vehicle colour',
  'persons.#.vehicle.plate': 'License plate',
  'persons.#.vehicle.plateState': 'Plate state',
  'reporter.anonymous': 'Caller stays anonymous',
  'reporter.name': 'Caller’s name',
  'reporter.email': 'Caller’s email',
  'reporter.phone': 'Caller’s phone',
  'reporter.relationship': 'Caller’s relationship to the child',
  'reporter.consentToContact': 'Caller agrees to be contacted',
  additionalInfo: 'Additional information',
};

const LIST_NAMES: Readonly<Record<string, string>> = {
  online: 'Online place',
  children: 'Child',
  persons: 'Person',
  identifiers: 'identifier',
};

/** "Child 2: Approximate age" for `children.1.approximateAge`. */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  const generic = parts.map((p) => (/^\d+$/.test(p) ? '#' : p)).join('.');
  const name = FIELD_LABELS[generic] ?? path;
  const where: string[] = [];
  parts.forEach((p, i) => {
    const list = parts[i - 1];
    if (/^\d+$/.test(p) && list !== undefined) where.push(`${LIST_NAMES[list] ?? list} ${Number(p) + 1}`);
  });
  return where.length === 0 ? name : `${where.join(', ')}: ${name}`;
}
