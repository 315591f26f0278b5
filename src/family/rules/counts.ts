/**
 * Monthly counts for the statistics module: families supported, matches in force and peer-support
 * calls. Counts only; nothing that says who. A family is supported in a month when a match with it
 * is in force at some point of the month or an advocate recorded a contact with it then.
 */
export interface FamilyMonth {
  /** yyyy-mm */
  month: string;
  familiesSupported: number;
  activeMatches: number;
  peerCalls: number;
}

export interface SupportActivity {
  matches: readonly { familyId: string; startedOn: string; endedOn: string | null }[];
  contacts: readonly { familyId: string; contactedOn: string }[];
  calls: readonly { calledOn: string }[];
}

/** Every month from `from` to `to` (yyyy-mm, inclusive), oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

const inForceDuring = (match: { startedOn: string; endedOn: string | null }, month: string) =>
  match.startedOn.slice(0, 7) <= month && (match.endedOn === null || match.endedOn.slice(0, 7) >= month);

export function monthlyFamilySupport(activity: SupportActivity, from: string, to: string): FamilyMonth[] {
  return monthsBetween(from, to).map((month) => {
    const matches = activity.matches.filter((m) => inForceDuring(m, month));
    const families = new Set([
      ...matches.map((m) => m.familyId),
      ...activity.contacts.filter((c) => c.contactedOn.startsWith(month)).map((c) => c.familyId),
    ]);
    return {
      month,
      familiesSupported: families.size,
      activeMatches: matches.length,
      peerCalls: activity.calls.filter((c) => c.calledOn.startsWith(month)).length,
    };
  });
}
