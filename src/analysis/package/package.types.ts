/** What a referral hands a partner agency: everything they need to act, and no more about the child. */
export interface LeadPackage {
  /** The referral's reference, e.g. REF-2026-000123. */
  reference: string;
  /** The tip's reference, e.g. TIP-2026-004567. */
  tipReference?: string;
  createdAt: Date;
  referredAt: Date;
  urgency: { rule: string; explanation: string }[];
  incident: { type: string; occurredOn?: string; summary: string };
  places: LeadPlace[];
  /** Only what identifies the child well enough to find and protect them. */
  children: { approximateAge?: number; gender?: string; description?: string }[];
  persons: { role?: string; name?: string; approximateAge?: number; description?: string }[];
  /**
   * Identifiers found in the tip. `obfuscated`: the tip wrote it in disguise ("four oh five…",
   * "j0hn at mail") and extraction normalised it, so the agency may search both forms.
   */
  identifiers: { kind: string; value: string; obfuscated?: boolean }[];
  /** Without a reference: a case the referring analyst may not open (the reason says whom to ask). */
  linkedItems: { kind: 'report' | 'case' | 'advert'; reference?: string; reason: string }[];
  analystSummary: string;
  receivingAgency: { code: string; name: string; kind: string; phone?: string; email?: string };
  referringAnalyst: string;
  handlingNotice: string;
}

export interface LeadPlace {
  label?: string;
  address?: string;
  city?: string;
  county?: string;
  state?: string;
  zip?: string;
  tribalLand?: string;
  details?: string;
}

export const HANDLING_NOTICE = 'Sensitive: information about a child. Do not forward outside your agency.';
