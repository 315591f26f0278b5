import type { Report } from '../../intake/index.ts';
import type { StaffActor } from '../../security/actor.ts';
import { HANDLING_NOTICE, type LeadPackage } from '../package/index.ts';
import type { TipWorkbench } from '../triage/tip.service.ts';

export interface PackageInput {
  referralReference: string;
  bench: TipWorkbench;
  report: Report;
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
    urgency: bench.fired.map((r) => ({ rule: r.label, explanation: r.because })),
    incident: { type: report.incident.type, ...(report.incident.occurredOn ? { occurredOn: report.incident.occurredOn } : {}), summary: report.incident.description },
    places: location ? [{ label: 'Where it happened', ...location }] : [],
    children: (report.children ?? []).map((c) => ({ approximateAge: c.approximateAge, gender: c.gender, description: [c.description, c.currentLocation ? `Where now: ${c.currentLocation}` : ''].filter(Boolean).join('. ') || undefined })),
    persons: (report.persons ?? []).map((p) => ({ role: p.role, name: p.name, approximateAge: p.approximateAge, description: p.description })),
    identifiers: bench.identifiers.map((i) => ({ kind: i.kind, value: i.value, obfuscated: i.obfuscated })),
    linkedItems: [
      ...bench.linkedCases.map((reference) => ({ kind: 'case' as const, reference, reason: 'an open missing-child case holds an identifier found in this tip' })),
      ...bench.linkedTips.map((t) => ({ kind: 'report' as const, reference: t.reference, reason: `shares ${t.shared.map((s) => `${s.kind} ${s.value}`).join(', ')}` })),
    ],
    analystSummary: input.summary,
    receivingAgency: { code: input.agency.code, name: input.agency.name, kind: input.agency.kind, ...(input.agency.phone ? { phone: input.agency.phone } : {}), ...(input.agency.email ? { email: input.agency.email } : {}) },
    referringAnalyst: input.analyst.email,
    handlingNotice: HANDLING_NOTICE,
  };
}

/** Stored as JSON, the dates come back as text. */
export function revivePackage(stored: LeadPackage): LeadPackage {
  return { ...stored, createdAt: new Date(stored.createdAt), referredAt: new Date(stored.referredAt) };
}
