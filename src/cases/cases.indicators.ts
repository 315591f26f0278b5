/**
 * Signs a case manager may record as dated observations. Each one prompts questions, follow-up or a
 * report; they are never counted into a number. Labels are our own wording of the published signs.
 */
export interface Indicator {
  code: string;
  group: 'physical' | 'behavioural';
  label: { en: string };
}

export const INDICATORS = [
  { code: 'abuse_signs', group: 'physical', label: { en: 'Signs of sexual or physical abuse' } },
  { code: 'neglect', group: 'physical', label: { en: 'Signs of neglect, such as being underfed' } },
  {
    code: 'untreated_health',
    group: 'physical',
    label: { en: 'Untreated or recurring health or dental problems, or a sexually transmitted infection' },
  },
  { code: 'controlling_adult', group: 'physical', label: { en: 'Kept close by an adult who controls them' } },
  {
    code: 'recovered_at_risk_place',
    group: 'physical',
    label: { en: 'Found at a hotel, street track, truck stop, strip club or similar place' },
  },
  { code: 'secret_phones', group: 'physical', label: { en: 'Hidden phones, or apps that give extra phone numbers' } },
  { code: 'unexplained_goods', group: 'physical', label: { en: 'Things they could not normally afford' } },
  { code: 'bulk_sexual_items', group: 'physical', label: { en: 'Condoms or lubricant in bulk' } },
  { code: 'housing_insecurity', group: 'physical', label: { en: 'Living from a suitcase, in motels or in a car' } },
  { code: 'cash_cards_keys', group: 'physical', label: { en: 'Unexplained cash, prepaid cards or hotel key cards' } },
  {
    code: 'tattoo_branding',
    group: 'physical',
    label: { en: 'Tattoos or branding they will not explain, or that match other victims’' },
  },
  {
    code: 'travel_while_missing',
    group: 'physical',
    label: { en: 'Talks of travel to other cities or states while missing, or did not know where they were' },
  },
  { code: 'drug_use', group: 'physical', label: { en: 'Dependence on drugs, or frequent use of party drugs' } },
  { code: 'repeated_running', group: 'behavioural', label: { en: 'Runs away again and again' } },
  { code: 'school_absence', group: 'behavioural', label: { en: 'Absent from school without explanation' } },
  { code: 'sleeping_in_class', group: 'behavioural', label: { en: 'Often asleep in class' } },
  { code: 'dropped_activities', group: 'behavioural', label: { en: 'Gave up activities they used to enjoy' } },
  { code: 'cut_off_family', group: 'behavioural', label: { en: 'Suddenly cut off from family and friends' } },
  { code: 'behaviour_change', group: 'behavioural', label: { en: 'Marked change in behaviour, online or offline' } },
  { code: 'avoids_questions', group: 'behavioural', label: { en: 'Avoids questions or lets someone else answer' } },
  { code: 'fear_of_authority', group: 'behavioural', label: { en: 'Frightened of, or hostile to, people in authority' } },
  { code: 'hides_identity', group: 'behavioural', label: { en: 'Will not say who they are, or keeps a hidden online profile' } },
  { code: 'escort_ads', group: 'behavioural', label: { en: 'Mentions escort adverts or dating sites and apps' } },
  {
    code: 'commercial_sex_language',
    group: 'behavioural',
    label: { en: 'Uses words or emojis tied to commercial sex (“the life”, “the game”)' },
  },
] as const satisfies readonly Indicator[];

export type IndicatorCode = (typeof INDICATORS)[number]['code'];
export const INDICATOR_CODES = INDICATORS.map((i) => i.code) as [IndicatorCode, ...IndicatorCode[]];

export function indicatorLabel(code: string): string {
  return INDICATORS.find((i) => i.code === code)?.label.en ?? code;
}
