/** Percentiles of latency samples in ms, rounded to 0.1 ms: what every benchmark here reports. */
export function stats(samples: readonly number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Number(s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)]!.toFixed(1));
  return { runs: s.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: Number(s.at(-1)!.toFixed(1)) };
}
