/** The kinds of material the survivor experts review; other modules submit theirs under these names. */
export const MATERIAL_KINDS = [
  'plan_template',
  'public_page_text',
  'language_list',
  'training_module',
  'lead_package_wording',
] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const isMaterialKind = (v: string): v is MaterialKind => (MATERIAL_KINDS as readonly string[]).includes(v);

/** The key of the language suggestion list for case notes among `language_list` materials. */
export const LANGUAGE_LIST_KEY = 'case-notes';
