/** Peer-support calls counted by month, for the statistics module to read through a port. */
export interface MonthlyCount {
  /** yyyy-mm */
  month: string;
  calls: number;
  minutes: number;
}

export function monthlyCallCounts(calls: readonly { calledOn: string; minutes: number }[]): MonthlyCount[] {
  const byMonth = new Map<string, MonthlyCount>();
  for (const call of calls) {
    const month = call.calledOn.slice(0, 7);
    const row = byMonth.get(month) ?? { month, calls: 0, minutes: 0 };
    row.calls += 1;
    row.minutes += call.minutes;
    byMonth.set(month, row);
  }
  return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
}
