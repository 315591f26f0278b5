import type { Db } from '../../database.ts';
import type { UsStateCode } from '../../shared/places.ts';
import { type Actor, answer, auditedChange, type AuditNote, authorize, findUserByEmail, refuse } from '../../security/index.ts';
import { parseAgencyCsv, type CsvProblem, type DirectoryEntry } from './agencies.csv.ts';
import {
  addMember,
  agenciesByCode,
  agenciesCovering,
  insertAgency,
  listAgencyRows,
  lockDirectory,
  replaceAgency,
} from './agencies.repo.ts';
import type { Agency, Place, ProposedAgency } from './agencies.types.ts';
import { areaKey, proposeAgencies } from './jurisdiction.ts';

export interface AgenciesDeps {
  db: Db;
}

export interface ImportPlan {
  create: DirectoryEntry[];
  update: { before: Agency; after: DirectoryEntry }[];
  unchanged: string[];
}

export type ImportOutcome =
  { kind: 'invalid'; problems: CsvProblem[] } | { kind: 'ok'; plan: ImportPlan; rows: number; applied: boolean };

const areaIds = (areas: DirectoryEntry['areas']) =>
  areas
    .map((a) => `${a.kind}|${a.state ?? ''}|${areaKey(a)}|${a.county ?? ''}|${a.city ?? ''}|${a.tribalLand ?? ''}`)
    .sort()
    .join('\n');

function sameAgency(before: Agency, after: DirectoryEntry): boolean {
  return (
    before.name === after.name &&
    before.kind === after.kind &&
    before.phone === after.phone &&
    before.email === after.email &&
    before.active === after.active &&
    areaIds(before.areas) === areaIds(after.areas)
  );
}

/** What an import would do: agencies are matched by code; agencies absent from the file are left as they are. */
export function planImport(existing: readonly Agency[], incoming: readonly DirectoryEntry[]): ImportPlan {
  const byCode = new Map(existing.map((a) => [a.code, a]));
  const plan: ImportPlan = { create: [], update: [], unchanged: [] };
  for (const entry of incoming) {
    const before = byCode.get(entry.code);
    if (!before) plan.create.push(entry);
    else if (sameAgency(before, entry)) plan.unchanged.push(entry.code);
    else plan.update.push({ before, after: entry });
  }
  return plan;
}

/**
 * Validates the whole CSV, then in one transaction creates or updates every agency in it and
 * replaces their areas, audited. Nothing is written if any row has a problem, or on a dry run.
 */
export async function importAgencies(
  deps: AgenciesDeps,
  actor: Actor,
  csv: string,
  opts: { dryRun: boolean },
): Promise<ImportOutcome> {
  if (actor.kind !== 'system') authorize(actor, 'agency.manage');
  const parsed = parseAgencyCsv(csv);
  if (parsed.kind === 'invalid') return parsed;
  const codes = parsed.agencies.map((a) => a.code);
  if (opts.dryRun) {
    return {
      kind: 'ok',
      plan: planImport(await agenciesByCode(deps.db, codes), parsed.agencies),
      rows: parsed.rows,
      applied: false,
    };
  }
  // One entry per agency created or updated, then one for the import as a whole.
  const plan = await auditedChange(deps.db, { actor }, { action: 'agency.import' }, async (trx) => {
    await lockDirectory(trx);
    const planned = planImport(await agenciesByCode(trx, codes), parsed.agencies);
    const notes: AuditNote[] = [];
    for (const entry of planned.create) {
      const id = await insertAgency(trx, entry);
      notes.push({
        action: 'agency.create',
        target: { type: 'agency', id },
        details: { code: entry.code, areas: entry.areas.length },
      });
    }
    for (const { before, after } of planned.update) {
      await replaceAgency(trx, before.id, after);
      notes.push({
        action: 'agency.update',
        target: { type: 'agency', id: before.id },
        details: { code: after.code, areas: after.areas.length },
      });
    }
    notes.push({
      details: {
        rows: parsed.rows,
        created: planned.create.length,
        updated: planned.update.length,
        unchanged: planned.unchanged.length,
      },
    });
    return answer(planned, notes);
  });
  return { kind: 'ok', plan, rows: parsed.rows, applied: true };
}

export async function listAgencies(
  deps: AgenciesDeps,
  actor: Actor,
  filter: { state?: UsStateCode; q?: string; includeInactive?: boolean; limit?: number },
): Promise<Agency[]> {
  if (actor.kind !== 'system') authorize(actor, 'agency.read');
  return listAgencyRows(deps.db, { ...filter, limit: filter.limit ?? 500 });
}

/** The ranking of `proposeAgencies`, over only the agencies the index finds for the place. */
export async function proposeAgenciesFor(db: Db, place: Place): Promise<ProposedAgency[]> {
  return proposeAgencies(place, await agenciesCovering(db, place));
}

export type MemberOutcome =
  { kind: 'ok'; added: boolean } | { kind: 'no_such_agency' } | { kind: 'no_such_staff' } | { kind: 'not_partner' };

/** Links a partner user to their agency, so referrals to the agency reach them. Audited. */
export async function addAgencyMember(
  deps: AgenciesDeps,
  actor: Actor,
  input: { staffEmail: string; agencyCode: string },
): Promise<MemberOutcome> {
  if (actor.kind !== 'system') authorize(actor, 'agency.manage');
  return auditedChange<MemberOutcome>(deps.db, { actor }, { action: 'agency.member_add' }, async (trx) => {
    const staff = await findUserByEmail(trx, input.staffEmail);
    if (!staff) return refuse({ kind: 'no_such_staff' });
    if (staff.role !== 'partner') return refuse({ kind: 'not_partner' });
    const [agency] = await agenciesByCode(trx, [input.agencyCode.toUpperCase()]);
    if (!agency) return refuse({ kind: 'no_such_agency' });
    const added = await addMember(trx, staff.id, agency.id);
    // A member already there: nothing changed, nothing recorded.
    return added
      ? answer({ kind: 'ok', added }, { target: { type: 'agency', id: agency.id }, details: { staffId: staff.id } })
      : refuse({ kind: 'ok', added });
  });
}
