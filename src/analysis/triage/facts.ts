import type { Report } from '../../intake/index.ts';
import type { TipFacts } from './rules.ts';

/**
 * Words that place the harm in the present. Kept short and literal: each match is shown to the
 * analyst as the reason, so a phrase that fires wrongly is easy to see and remove.
 */
const DANGER_NOW = [
  /\bright now\b/i,
  /\btonight\b/i,
  /\bat this moment\b/i,
  /\bas we speak\b/i,
  /\bis (?:with|in) (?:him|her|them) now\b/i,
  /\bcurrently being\b/i,
  /\bhappening now\b/i,
  /\bahora mismo\b/i,
  /\besta noche\b/i,
  /\ben este momento\b/i,
];

export function dangerNowIn(texts: readonly (string | undefined)[]): { phrase: string } | null {
  for (const text of texts) {
    if (!text) continue;
    for (const pattern of DANGER_NOW) {
      const match = pattern.exec(text);
      if (match) return { phrase: match[0] };
    }
  }
  return null;
}

/** Narrative fields of a tip, with where each came from (for highlighting and for the rules). */
export function narrativeOf(report: Report): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [{ field: 'incident.description', text: report.incident.description }];
  const add = (field: string, text: string | undefined) => {
    if (text) out.push({ field, text });
  };
  add('incident.escalationReason', report.incident.escalationReason);
  add('location.details', report.location?.details);
  report.children?.forEach((c, i) => {
    add(`children.${i}.description`, c.description);
    add(`children.${i}.currentLocation`, c.currentLocation);
  });
  report.persons?.forEach((p, i) => add(`persons.${i}.description`, p.description));
  report.online?.forEach((o, i) => add(`online.${i}.details`, o.details));
  add('additionalInfo', report.additionalInfo);
  return out;
}

/** The facts that come from the tip itself; what Beacon knows about its identifiers is added by the caller. */
export function factsOfReport(report: Report): Omit<TipFacts, 'openCasesSharingIdentifier' | 'otherTipsSharingIdentifier'> {
  const children = report.children ?? [];
  return {
    escalationReason: report.incident.escalationReason?.trim() || null,
    dangerNow: dangerNowIn(narrativeOf(report).map((n) => n.text)),
    childAges: children.flatMap((c) => (c.approximateAge === undefined ? [] : [c.approximateAge])),
    childReportedMissing: children.some((c) => c.missing === true),
    childLocationNow: children.some((c) => Boolean(c.currentLocation?.trim())),
  };
}
