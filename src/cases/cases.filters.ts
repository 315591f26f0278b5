import { randomUUID } from 'node:crypto';
import {
  type Actor,
  answer,
  auditedChange,
  auditedRead,
  authorize,
  open,
  refuse,
  type RequestContext,
  seal,
} from '../security/index.ts';
import { parseWith } from './cases.checks.ts';
import * as repo from './cases.repo.ts';
import { caseFilterQuery } from './cases.sealed.ts';
import { savedFilterBody, type CaseFilterInput } from './cases.schema.ts';
import type { CasesDeps, Invalid, NotFound } from './cases.service.ts';

/**
 * Saved case-list filters, per user. A filter may hold a child's name, so it is sealed like the
 * case itself; only its label (chosen by the user) is in clear.
 */

export interface SavedFilter {
  id: string;
  name: string;
  filter: CaseFilterInput;
  createdAt: Date;
}

/** The filters are unsealed for the answer, so the look is recorded (how many, never what they hold). */
export async function listSavedFilters(deps: CasesDeps, ctx: RequestContext): Promise<SavedFilter[]> {
  const { actor } = ctx;
  authorize(actor, 'case.read');
  return auditedRead(deps.db, ctx, { action: 'case.filter_list' }, async (trx) => {
    const rows = await repo.savedFiltersOf(trx, actor.id);
    const filters = rows.map((r) => ({
      id: r.id,
      name: r.name,
      filter: open(deps.keyring, caseFilterQuery, r.query_enc),
      createdAt: new Date(r.created_at),
    }));
    return answer(filters, { details: { count: rows.length } });
  });
}

export async function saveFilter(
  deps: CasesDeps,
  ctx: RequestContext,
  body: unknown,
): Promise<{ kind: 'ok'; saved: SavedFilter } | Invalid> {
  const { actor } = ctx;
  authorize(actor, 'case.read');
  const parsed = parseWith(savedFilterBody, body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const { name, filter } = parsed.value;
  return auditedChange(deps.db, ctx, { action: 'case.filter_save' }, async (trx) => {
    const row = await repo.saveFilter(trx, {
      id: randomUUID(),
      user_id: actor.id,
      name,
      query_enc: seal(deps.keyring, caseFilterQuery, filter),
    });
    return answer({ kind: 'ok', saved: { id: row.id, name: row.name, filter, createdAt: new Date(row.created_at) } } as const, {
      target: { type: 'case_filter', id: row.id },
    });
  });
}

export async function deleteSavedFilter(deps: CasesDeps, ctx: RequestContext, id: string): Promise<{ kind: 'ok' } | NotFound> {
  const { actor } = ctx;
  authorize(actor, 'case.read');
  return auditedChange<{ kind: 'ok' } | NotFound>(
    deps.db,
    ctx,
    { action: 'case.filter_delete', target: { type: 'case_filter', id } },
    async (trx) => {
      // Another user's filter reads as missing, as a case out of scope does.
      if (!(await repo.deleteFilter(trx, actor.id, id))) return refuse({ kind: 'not_found' });
      return answer({ kind: 'ok' });
    },
  );
}

export interface DirectoryEntry {
  id: string;
  displayName: string;
  role: string;
}

/** Names to show beside ids (task owners, assignees): the people in my case teams, never the whole staff list. */
export async function staffDirectory(deps: CasesDeps, actor: Actor): Promise<DirectoryEntry[]> {
  authorize(actor, 'case.read');
  const rows = await repo.teamDirectory(deps.db, actor.id);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}
