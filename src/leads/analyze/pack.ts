import type { BatchResult, PackedResult } from './protocol.ts';

export function packResult(r: BatchResult): PackedResult {
  const read = r.outcomes.filter((o) => o.ok);
  const keyEnd = new Int32Array(read.length);
  const keys: string[] = [];
  read.forEach((o, i) => {
    for (const k of o.keys) keys.push(k);
    keyEnd[i] = keys.length;
  });
  return {
    batch: r.batch,
    json: read.map((o) => o.json).join('\n'),
    ids: read.map((o) => o.id),
    postedAt: read.map((o) => o.postedAt),
    city: read.map((o) => o.city),
    state: read.map((o) => o.state),
    site: read.map((o) => o.site),
    keys,
    keyEnd,
    errors: r.outcomes.flatMap((o) => (o.ok ? [] : [{ line: o.line, field: o.field, message: o.message }])),
  };
}
