/**
 * How each table would be placed on a Citus cluster (docs/scale.md). The schema must keep to the
 * rules this placement implies, and src/db/distribution.db.test.ts checks it on the migrated schema:
 *  - a unique key (primary key, unique constraint or index) of a distributed table includes its distribution column;
 *  - a foreign key between distributed tables joins co-located tables on their distribution columns;
 *  - a reference table refers only to reference tables; a local table never to a distributed one.
 * A table not named here is local (it stays on the coordinator).
 */
export type Placement =
  | { kind: 'distributed'; column: string; group: 'tips' | 'adverts' | 'esp' }
  | { kind: 'reference' }
  | { kind: 'local'; why: string };

const tips = (column: string): Placement => ({ kind: 'distributed', column, group: 'tips' });
const adverts = (column: string): Placement => ({ kind: 'distributed', column, group: 'adverts' });
const esp = (column: string): Placement => ({ kind: 'distributed', column, group: 'esp' });
const reference: Placement = { kind: 'reference' };

export const PLACEMENT: Readonly<Record<string, Placement>> = {
  // Tens of millions of tips a year: everything about one tip lives on the tip's shard.
  reports: tips('id'),
  tip_identifiers: tips('report_id'),
  tip_triage: tips('report_id'),
  tip_notes: tips('report_id'),
  tip_merges: tips('kept_id'),
  referrals: tips('report_id'),
  report_idempotency_keys: tips('report_id'),
  // ESP reports arrive before they become tips (report_id is filled later), so they shard on their own id.
  esp_reports: esp('id'),
  esp_files: esp('esp_report_id'),
  // Hundreds of millions of adverts: identifiers, links and leads beside their advert.
  adverts: adverts('id'),
  advert_identifiers: adverts('advert_id'),
  advert_links: adverts('advert_id'),
  leads: adverts('advert_id'),
  audit_entries: {
    kind: 'local',
    why: 'one hash chain, sealed in order by one sealer: partitioned by month on the coordinator, not spread over workers',
  },
  kysely_migration: { kind: 'local', why: 'the migrator’s own bookkeeping' },
  kysely_migration_lock: { kind: 'local', why: 'the migrator’s own bookkeeping' },
  sign_in_throttle: { kind: 'local', why: 'short-lived counters, written on every sign-in attempt' },
  staff_sessions: { kind: 'local', why: 'short-lived, written on every request; no table refers to it' },
  passkey_challenges: { kind: 'local', why: 'short-lived, seconds' },
  // Thousands to hundreds of thousands of rows: copied to every worker so any shard can join them.
  ...Object.fromEntries(
    [
      'staff_users',
      'staff_scopes',
      'staff_passkeys',
      'staff_reset_requests',
      'api_tokens',
      'agencies',
      'agency_areas',
      'agency_members',
      'providers',
      'provider_areas',
      'provider_services',
      'lexicon_entries',
      'triage_rule_sets',
      'report_drafts',
      'advert_hubs',
      'advert_networks',
      'advert_network_merges',
      'case_teams',
      'case_team_members',
      'cases',
      'case_access',
      'case_episodes',
      'case_identifiers',
      'case_links',
      'case_name_trigrams',
      'case_notes',
      'case_observations',
      'case_photos',
      'case_poster_approvals',
      'case_poster_requests',
      'case_revisions',
      'case_saved_filters',
      'case_tasks',
      'assistance_plans',
      'plan_templates',
      'plan_versions',
      'plan_participants',
      'plan_consents',
      'plan_progress',
      'plan_referrals',
      'plan_services',
      'families',
      'family_advocates',
      'family_cases',
      'family_contacts',
      'family_plans',
      'media_requests',
      'volunteers',
      'volunteer_stages',
      'peer_matches',
      'peer_calls',
      'review_requests',
      'review_comments',
      'review_consultations',
      'review_materials',
      'review_recommendations',
      'review_settings',
      'stats_missing_years',
      'stats_releases',
      'stats_rollups',
      'stats_tip_months',
      'training_certificates',
      'training_learners',
    ].map((table) => [table, reference]),
  ),
};

/**
 * Constraints that break the rules today, each with the reason it stays and the change that would
 * remove it. The test fails on any breach not listed here, and on a listing that no longer breaks.
 */
const LOOKUP =
  'global uniqueness of a number people quote; it comes from a sequence, so it cannot collide. On Citus the constraint moves to a lookup table (the number → the row) distributed by the number.';
const IDEMPOTENCY =
  'looked up by its key alone; on Citus the table is distributed by the key hash in a group of its own, and the link to the tip is checked by the service.';
const MERGES =
  'merges are rare staff actions naming two tips that may live on different shards; on Citus tip_merges becomes a reference table and the service checks both tips exist.';

export const KNOWN_BREACHES: Readonly<Record<string, string>> = {
  reports_reference_key: LOOKUP,
  tip_triage_reference_key: LOOKUP,
  referrals_reference_key: LOOKUP,
  report_idempotency_keys_pkey: IDEMPOTENCY,
  esp_reports_idempotency_key_hash_key: IDEMPOTENCY,
  tip_merges_pkey: MERGES,
  tip_merges_active: MERGES,
  tip_merges_duplicate_id_fkey: MERGES,
  adverts_source_id_key:
    'imports skip adverts already seen by their source id (on conflict (source_id)); on Citus a lookup table distributed by source id answers "seen?" before the insert.',
  esp_reports_report_id_fkey:
    'an ESP report becomes a tip after it arrives, on another shard; on Citus the foreign key is dropped and the service links the two in one transaction.',
};

export interface Catalog {
  /** Table name to its NOT NULL columns. */
  notNull: Record<string, string[]>;
  /** Primary keys, unique constraints and unique indexes; an expression key part is null. */
  uniques: Array<{ name: string; table: string; columns: Array<string | null> }>;
  foreignKeys: Array<{ name: string; child: string; childColumns: string[]; parent: string; parentColumns: string[] }>;
}

export interface Breach {
  /** The constraint or index (or, for a misdeclared table, the table). */
  name: string;
  rule: string;
}

const placed = (placement: Readonly<Record<string, Placement>>, table: string): Placement =>
  placement[table] ?? { kind: 'local', why: 'not declared' };

/** Every way the schema breaks the rules of its declared placement. */
export function distributionBreaches(catalog: Catalog, placement: Readonly<Record<string, Placement>>): Breach[] {
  const found: Breach[] = [];
  for (const [table, p] of Object.entries(placement)) {
    if (p.kind !== 'distributed') continue;
    if (!(table in catalog.notNull)) found.push({ name: table, rule: 'is declared but does not exist' });
    else if (!catalog.notNull[table]!.includes(p.column))
      found.push({ name: table, rule: `distribution column ${p.column} must exist and be NOT NULL` });
  }
  for (const u of catalog.uniques) {
    const p = placed(placement, u.table);
    if (p.kind === 'distributed' && !u.columns.includes(p.column)) {
      found.push({ name: u.name, rule: `unique key on ${u.table} must include its distribution column ${p.column}` });
    }
  }
  for (const fk of catalog.foreignKeys) {
    const rule = foreignKeyRule(fk, placed(placement, fk.child), placed(placement, fk.parent));
    if (rule) found.push({ name: fk.name, rule });
  }
  return found;
}

function foreignKeyRule(fk: Catalog['foreignKeys'][number], child: Placement, parent: Placement): string | undefined {
  const link = `${fk.child} → ${fk.parent}`;
  if (child.kind === 'reference' && parent.kind !== 'reference')
    return `${link}: a reference table may refer only to reference tables`;
  if (child.kind === 'local' && parent.kind === 'distributed')
    return `${link}: a local table may not refer to a distributed table`;
  if (child.kind !== 'distributed' || parent.kind === 'reference') return undefined;
  if (parent.kind === 'local') return `${link}: a distributed table may not refer to a local table`;
  if (parent.group !== child.group)
    return `${link}: foreign key between tables that are not co-located (${child.group}, ${parent.group})`;
  const at = fk.childColumns.indexOf(child.column);
  if (at === -1 || fk.parentColumns[at] !== parent.column) {
    return `${link}: foreign key must join the distribution columns (${fk.child}.${child.column} = ${fk.parent}.${parent.column})`;
  }
  return undefined;
}
