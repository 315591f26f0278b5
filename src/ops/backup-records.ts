import { BackupFormatError } from './backup-format.ts';

/**
 * What the encrypted frames carry: typed records, each `[type][u32 length][payload]`.
 * M meta · T table start · R rows · E table end · S sequences · F file start · D file bytes ·
 * G file end · Z end of backup. JSON payloads except D.
 */
export type RecordType = 'M' | 'T' | 'R' | 'E' | 'S' | 'F' | 'D' | 'G' | 'Z';
const TYPES = new Set<string>(['M', 'T', 'R', 'E', 'S', 'F', 'D', 'G', 'Z']);

export interface BackupRecord {
  type: RecordType;
  payload: Buffer;
}

export function encodeRecord(type: RecordType, payload: Buffer | object): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Splits the plaintext stream back into records; a record cut short means a damaged backup. */
export async function* decodeRecords(plain: AsyncIterable<Buffer>): AsyncGenerator<BackupRecord> {
  let buffered: Buffer = Buffer.alloc(0);
  for await (const chunk of plain) {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 5) {
      const type = buffered.toString('latin1', 0, 1);
      if (!TYPES.has(type)) throw new BackupFormatError('the backup is damaged: it holds a record of an unknown kind');
      const length = buffered.readUInt32BE(1);
      if (buffered.length < 5 + length) break;
      yield { type: type as RecordType, payload: buffered.subarray(5, 5 + length) };
      buffered = buffered.subarray(5 + length);
    }
  }
  if (buffered.length > 0) throw new BackupFormatError('the backup is damaged: its last record is incomplete');
}

export function jsonOf<T>(record: BackupRecord): T {
  return JSON.parse(record.payload.toString('utf8')) as T;
}

/** Parents before children, so rows load in an order foreign keys accept; cycles keep name order. */
export function loadOrder(tables: readonly string[], references: ReadonlyArray<{ child: string; parent: string }>): string[] {
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of references) {
    if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const remaining = [...tables].sort();
  while (remaining.length > 0) {
    const next = remaining.findIndex((t) => [...parents.get(t)!].every((p) => placed.has(p)));
    const [table] = remaining.splice(next === -1 ? 0 : next, 1);
    ordered.push(table!);
    placed.add(table!);
  }
  return ordered;
}
