import type { Report } from '../../intake/index.ts';
import type { StaffActor } from '../../security/actor.ts';
import { HANDLING_NOTICE, type LeadPackage } from '../package/index.ts';
import type { CaseMatches } from '../analyser.ts';
import type { TipWorkbench } from '../triage/tip.service.ts';

export interface PackageInput {
  referralReference: string;
  bench: TipWorkbench;
  report: Report;
  /** Open cases sharing the tip's identifiers, as the referring analyst may learn of them. */
  cases: CaseMatches;
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
    urgency: bench.fired.map((r) => ({ rule: r.label, explanation: r.code === 'linked_open_case' ? linkedCaseExplanation(input.cases) : r.because })),
    incident: { type: report.incident.type, ...(report.incident.occurredOn ? { occurredOn: report.incident.occurredOn } : {}), summary: report.incident.description },
    places: location ? [{ label: 'Where it happened', ...location }] : [],
    children: (report.children ?? []).map((c) => ({ approximateAge: c.approximateAge, gender: c.gender, description: [c.description, c.currentLocation ? `Where now: ${c.currentLocation}` : ''].filter(Boolean).join('. ') || undefined })),
    persons: (report.persons ?? []).map((p) => ({ role: p.role, name: p.name, approximateAge: p.approximateAge, description: p.description })),
    identifiers: bench.identifiers.map((i) => ({ kind: i.kind, value: i.value, obfuscated: i.obfuscated })),
    linkedItems: [
      ...input.cases.readable.map((reference) => ({ kind: 'case' as const, reference, reason: 'an open missing-child case holds an identifier found in this tip' })),
      ...input.cases.unreadable.map((u) => ({ kind: 'case' as const, reason: unreadableCaseReason(u) })),
      ...bench.linkedTips.map((t) => ({ kind: 'report' as const, reference: t.reference, reason: `shares ${t.shared.map((s) => `${s.kind} ${s.value}`).join(', ')}` })),
    ],
    analystSummary: input.summary,
    receivingAgency: { code: input.agency.code, name: input.agency.name, kind: input.agency.kind, ...(input.agency.phone ? { phone: input.agency.phone } : {}), ...(input.agency.email ? { email: input.agency.email } : {}) },
    referringAnalyst: input.analyst.email,
    handlingNotice: HANDLING_NOTICE,
  };
}

const askWhom = (contact: string | null) => (contact ? `ask ${contact} at the clearinghouse` : 'ask a supervisor at the clearinghouse');

function unreadableCaseReason(u: CaseMatches['unreadable'][number]): string {
  const what = u.cases === 1 ? 'an open missing-child case' : `${u.cases} open missing-child cases`;
  return `${what} the referring analyst may not open ${u.cases === 1 ? 'holds' : 'hold'} an identifier found in this tip; ${askWhom(u.contact)}`;
}

/**
 * The rule's stored reason names every case it matched when the tip arrived; the package names
 * only the cases the referring analyst may read now.
 */
function linkedCaseExplanation(cases: CaseMatches): string {
  const named = cases.readable.slice(0, 3);
  const hidden = cases.unreadable.reduce((n, u) => n + u.cases, 0);
  const parts = [
    ...(named.length > 0 ? [`case ${named.join(', ')}`] : []),
    ...(hidden > 0 ? [`${hidden === 1 ? 'a case' : `${hidden} cases`} the referring analyst may not open`] : []),
  ];
  return parts.length > 0 ? `Shares an identifier with ${parts.join(' and with ')}.` : 'Shared an identifier with an open case when the tip arrived.';
}

/** Stored as JSON, the dates come back as text. */
export function revivePackage(stored: LeadPackage): LeadPackage {
  return { ...stored, createdAt: new Date(stored.createdAt), referredAt: new Date(stored.referredAt) };
}
