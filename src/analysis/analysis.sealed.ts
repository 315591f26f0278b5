import { z } from 'zod';
import { sealedColumn, type SealedColumn, type SealedPlace } from '../security/index.ts';
import type { LeadPackage } from './package/index.ts';

const opt = z.string().optional();
/** A lead package as stored: JSON, so its dates come back as text and are read back as dates. */
const storedLeadPackage = z.object({
  reference: z.string(),
  tipReference: opt,
  createdAt: z.coerce.date(),
  referredAt: z.coerce.date(),
  urgency: z.array(z.object({ rule: z.string(), explanation: z.string() })),
  incident: z.object({ type: z.string(), occurredOn: opt, summary: z.string() }),
  places: z.array(
    z.object({ label: opt, address: opt, city: opt, county: opt, state: opt, zip: opt, tribalLand: opt, details: opt }),
  ),
  children: z.array(z.object({ approximateAge: z.number().optional(), gender: opt, description: opt })),
  persons: z.array(z.object({ role: opt, name: opt, approximateAge: z.number().optional(), description: opt })),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string(), obfuscated: z.boolean().optional() })),
  linkedItems: z.array(z.object({ kind: z.enum(['report', 'case', 'advert']), reference: opt, reason: z.string() })),
  analystSummary: z.string(),
  receivingAgency: z.object({ code: z.string(), name: z.string(), kind: z.string(), phone: opt, email: opt }),
  referringAnalyst: z.string(),
  handlingNotice: z.string(),
});

export const tipNoteBody = sealedColumn({
  table: 'tip_notes',
  idColumn: 'id',
  column: 'body_enc',
  context: 'tip_notes.body_enc',
  plaintext: 'text',
});
export const tipCloseNote = sealedColumn({
  table: 'tip_triage',
  idColumn: 'report_id',
  column: 'close_note_enc',
  context: 'tip_triage.close_note_enc',
  plaintext: 'text',
});
export const referralPackage: SealedColumn<LeadPackage> = sealedColumn({
  table: 'referrals',
  idColumn: 'id',
  column: 'package_enc',
  context: 'referrals.package_enc',
  plaintext: storedLeadPackage,
});
export const referralOutcomeNote = sealedColumn({
  table: 'referrals',
  idColumn: 'id',
  column: 'outcome_note_enc',
  context: 'referrals.outcome_note_enc',
  plaintext: 'text',
});
export const referralPassedOnNote = sealedColumn({
  table: 'referrals',
  idColumn: 'id',
  column: 'passed_on_note_enc',
  context: 'referrals.passed_on_note_enc',
  plaintext: 'text',
});

/** The analysis module's encrypted columns (key rotation re-encrypts them). */
export const analysisSealedColumns: readonly SealedPlace[] = [
  tipNoteBody,
  tipCloseNote,
  referralPackage,
  referralOutcomeNote,
  referralPassedOnNote,
];
