import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { open, type Actor, type Keyring, type Permission } from '../security/index.ts';
import { caseScope } from './cases.policy.ts';
import * as repo from './cases.repo.ts';
import { caseBody } from './cases.sealed.ts';

type Q = Kysely<Database>;

/** What a victim assistance plan needs to know of its case; nothing else of the case leaves here. */
export interface CaseForPlan {
  id: string;
  reference: string;
  status: 'open' | 'closing_requested' | 'closed';
  state: string | null;
  /** The latest recovery on the case, if the child was recovered. */
  recoveredAt: Date | null;
  child: {
    fullName: string;
    firstName: string;
    dateOfBirth?: string;
    approximateAge?: number;
    gender?: string;
    languages: string[];
    placement?: string;
    guardianContact?: string;
  };
}

/** One case in the actor's reach (under this permission), as a plan sees it; undefined when out of reach. */
export async function caseForPlan(
  q: Q,
  keyring: Keyring,
  actor: Actor,
  permission: Permission,
  where: { reference: string } | { id: string },
): Promise<CaseForPlan | undefined> {
  const scope = caseScope(actor, permission);
  const row = 'reference' in where ? await repo.findCase(q, scope, where.reference) : await repo.findCaseById(q, scope, where.id);
  if (!row) return undefined;
  const details = open(keyring, caseBody, row.body_enc);
  const recovered = await repo.latestRecovery(q, row.id);
  const guardian = details.contacts.guardian;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    state: row.state,
    recoveredAt: recovered,
    child: {
      fullName: details.identity.name,
      firstName: details.identity.name.split(/\s+/)[0] ?? details.identity.name,
      ...(details.identity.dateOfBirth ? { dateOfBirth: details.identity.dateOfBirth } : {}),
      ...(details.identity.approximateAge !== undefined ? { approximateAge: details.identity.approximateAge } : {}),
      ...(details.identity.gender ? { gender: details.identity.gender } : {}),
      languages: details.identity.languages,
      ...(details.placement ? { placement: details.placement.kind.replaceAll('_', ' ') } : {}),
      ...(guardian?.phone || guardian?.email
        ? { guardianContact: [guardian.phone, guardian.email].filter(Boolean).join(', ') }
        : {}),
    },
  };
}

/**
 * Episodes by year missing (UTC), state, where the child went missing from, and whether the episode
 * counts as likely involving trafficking. The rule, documented in docs/statistics.md: the
 * trafficking screening after recovery found indicators or identified the child as a victim. It is
 * a count of screening results, never a guess about a child. For the statistics rollup.
 */
export async function missingEpisodeCounts(q: Q) {
  const rows = await q
    .selectFrom('case_episodes as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select([
      sql<number>`extract(year from e.known_missing_at at time zone 'UTC')::int`.as('year'),
      sql<string>`coalesce(c.state, 'unknown')`.as('state'),
      'e.left_from',
      sql<boolean>`coalesce(e.screening_outcome in ('indicators_present', 'identified_victim'), false)`.as('likely'),
    ])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .groupBy([sql`1`, sql`2`, 'e.left_from', sql`4`])
    .execute();
  return rows.map((r) => ({ year: r.year, state: r.state, leftFrom: r.left_from, likely: r.likely, count: Number(r.count) }));
}
