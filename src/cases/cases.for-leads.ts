import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { blindIndex, type Keyring } from '../security/index.ts';

type Q = Kysely<Database>;

/** A name an advert gives its subject ("I'm Jade"), with where and when the advert was posted. */
export interface PersonaQuery {
  name: string;
  state: string | null;
  postedAt: Date | null;
}

/** Why a persona matched: the whole name or alias, one of its words, or close (trigram similarity ≥ 0.5). */
export type NameAgreement = 'equal' | 'word' | 'close';

export interface PersonaMatch {
  persona: number;
  reference: string;
  alias: boolean;
  agreement: NameAgreement;
  similarity: number;
}

/** Closer than this (pg_trgm's formula over the keyed trigrams) counts as a "close" name. */
export const CLOSE_NAME = 0.5;
/** A persona this short ("Al": 3 trigrams) matches a word of a name by chance too often. */
const MIN_WORD_TRIGRAMS = 5;

/**
 * For the leads module: open missing-child cases in the advert's state, with a missing episode
 * covering the day it was posted (from going missing to recovery, or still missing), whose name or
 * an alias equals, contains as a word, or is close to the persona name. Names are compared as
 * keyed trigram tokens (the database holds no name); only the case reference leaves here.
 */
export async function missingCasesNamed(db: Q, keyring: Keyring, personas: readonly PersonaQuery[]): Promise<PersonaMatch[]> {
  const placed = personas.map((p, i) => ({ ...p, i })).filter((p) => p.state !== null);
  if (placed.length === 0) return [];
  const index = blindIndex(keyring.indexKey);
  const queries = placed.map((p) => ({ ...p, tokens: new Set(index.nameTrigrams(p.name)), at: p.postedAt ?? new Date() }));
  const states = [...new Set(placed.map((p) => p.state!))];
  const times = queries.map((q) => q.at.getTime());
  const names = await candidateNames(db, states, new Date(Math.min(...times)), new Date(Math.max(...times)));
  const out: PersonaMatch[] = [];
  for (const q of queries) {
    if (q.tokens.size === 0) continue;
    const seen = new Set<string>();
    for (const n of names) {
      if (
        n.state !== q.state ||
        seen.has(n.reference) ||
        !n.periods.some(([from, to]) => from <= q.at && (to === null || q.at <= to))
      )
        continue;
      const agreement = agree(q.tokens, n.tokens);
      if (!agreement) continue;
      seen.add(n.reference);
      out.push({ persona: q.i, reference: n.reference, alias: n.nameNo > 0, ...agreement });
    }
  }
  return out;
}

function agree(q: ReadonlySet<number>, n: readonly number[]): { agreement: NameAgreement; similarity: number } | null {
  let shared = 0;
  for (const t of n) if (q.has(t)) shared++;
  const similarity = shared / (q.size + n.length - shared);
  if (similarity === 1) return { agreement: 'equal', similarity };
  if (shared === q.size && q.size >= MIN_WORD_TRIGRAMS) return { agreement: 'word', similarity };
  return similarity >= CLOSE_NAME ? { agreement: 'close', similarity } : null;
}

interface CandidateName {
  reference: string;
  state: string;
  nameNo: number;
  tokens: number[];
  periods: [Date, Date | null][];
}

/** Each name and alias (as tokens) of open cases in these states with an episode overlapping [from, to]. */
async function candidateNames(db: Q, states: readonly string[], from: Date, to: Date): Promise<CandidateName[]> {
  const { rows } = await sql<{
    reference: string;
    state: string;
    name_no: number;
    tokens: number[];
    periods: [string, string | null][];
  }>`
    with missing as (
      select c.id, c.reference, c.state,
        json_agg(json_build_array(e.known_missing_at, e.recovered_at)) as periods
      from cases c join case_episodes e on e.case_id = c.id
      where c.status <> 'closed' and c.state = any(${[...states]}::text[])
        and e.known_missing_at <= ${to}::timestamptz and (e.recovered_at is null or e.recovered_at >= ${from}::timestamptz)
      group by c.id, c.reference, c.state)
    select m.reference, m.state, t.name_no, t.tokens, m.periods
    from missing m cross join lateral (
      select name_no, array_agg(token) as tokens from case_name_trigrams where case_id = m.id group by name_no) t
    order by m.reference, t.name_no`.execute(db);
  return rows.map((r) => ({
    reference: r.reference,
    state: r.state,
    nameNo: r.name_no,
    tokens: r.tokens,
    periods: r.periods.map(([a, b]) => [new Date(a), b === null ? null : new Date(b)]),
  }));
}
