import type { Report } from '../../intake/index.ts';
import type { StaffActor } from '../../security/index.ts';
import { HANDLING_NOTICE, type LeadPackage } from '../package/index.ts';
import type { CaseMatch } from '../../cases/index.ts';
import type { TipWorkbench } from '../triage/tip.service.ts';

export interface PackageInput {
  referralReference: string;
  bench: TipWorkbench;
  report: Report;
  /** Open cases sharing the tip's identifiers, as the referring analyst may learn of them. */
  cases: readonly CaseMatch[];
  agency: { code: string; name: string; kind: string; phone: string | null; email: string | null };
  analyst: StaffActor;
  summary: string;
  referredAt: Date;
}

/**
 * What the agency receives: the account, the places, the children as described (no more), the
 * people reported, what Beacon found and linked, and why it was urgent. The reporter's identity
 * stays with the clearinghouse: an agency that needs it asks.
 */
export function buildLeadPackage(input: PackageInput): LeadPackage {
  const { bench, report } = input;
  const location = report.location;
  return {
    reference: input.referralReference,
    tipReference: bench.reference,
    createdAt: bench.receivedAt,
    referredAt: input.referredAt,
    urgency: bench.fired.map((r) => ({
      rule: r.label,
      explanation: r.code === 'linked_open_case' ? linkedCaseExplanation(input.cases) : r.because,
    })),
    incident: {
      type: report.incident.type,
      ...(report.incident.occurredOn ? { occurredOn: report.incident.occurredOn } : {}),
      summary: report.incident.description,
    },
    places: location ? [{ label: 'Where it happened', ...location }] : [],
    children: (report.children ?? []).map((c) => ({
      approximateAge: c.approximateAge,
      gender: c.gender,
      description:
        [c.description, c.currentLocation ? `Where now: ${c.currentLocation}` : ''].filter(Boolean).join('. ') || undefined,
    })),
    persons: (report.persons ?? []).map((p) => ({
      role: p.role,
      name: p.name,
      approximateAge: p.approximateAge,
      description: p.description,
    })),
    identifiers: bench.identifiers.map((i) => ({ kind: i.kind, value: i.value, obfuscated: i.obfuscated })),
    linkedItems: [
      ...input.cases.map((c) =>
        'reference' in c
          ? {
              kind: 'case' as const,
              reference: c.reference,
              reason: 'an open missing-child case holds an identifier found in this tip',
            }
          : {
              kind: 'case' as const,
              reason: `an open missing-child case the referring analyst may not open holds an identifier found in this tip; ask ${c.ask} at the clearinghouse`,
            },
      ),
      ...bench.linkedTips.map((t) => ({
        kind: 'report' as const,
        reference: t.reference,
        reason: `shares ${t.shared.map((s) => `${s.kind} ${s.value}`).join(', ')}`,
      })),
    ],
    analystSummary: input.summary,
    receivingAgency: {
      code: input.agency.code,
      name: input.agency.name,
      kind: input.agency.kind,
      ...(input.agency.phone ? { phone: input.agency.phone } : {}),
      ...(input.agency.email ? { email: input.agency.email } : {}),
    },
    referringAnalyst: input.analyst.email,
    handlingNotice: HANDLING_NOTICE,
  };
}

/**
 * The rule's stored reason names every case it matched when the tip arrived; the package names
 * only the cases the referring analyst may read now.
 */
function linkedCaseExplanation(cases: readonly CaseMatch[]): string {
  const named = cases.flatMap((c) => ('reference' in c ? [c.reference] : [])).slice(0, 3);
  const hidden = cases.some((c) => !('reference' in c));
  const parts = [
    ...(named.length > 0 ? [`case ${named.join(', ')}`] : []),
    // Never how many: the count of cases one cannot open is itself a clue.
    ...(hidden ? ['a case the referring analyst may not open'] : []),
  ];
  return parts.length > 0
    ? `Shares an identifier with ${parts.join(' and with ')}.`
    : 'Shared an identifier with an open case when the tip arrived.';
}
