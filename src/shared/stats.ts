/** The staff dashboards' sections, in the order the page shows them; the page asks for each on its own. */
export const STATS_SECTION_IDS = [
  'tips_by_month',
  'tips_by_channel',
  'tips_by_type',
  'tips_by_state',
  'missing_children',
  'referral_times',
  'referral_outcomes',
  'overdue_acknowledgements',
  'children',
  'reports_24h',
  'support',
] as const;
