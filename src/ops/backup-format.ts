import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The backup file: a magic string, a clear header (salt, key check), then AES-256-GCM frames.
 * Each frame's nonce is its number plus a "last frame" flag, and every frame authenticates the
 * header: frames cannot be reordered, dropped, swapped between backups, or cut off at the end
 * without the reader noticing. The key is derived from the deployment's key file (never stored).
 */
const MAGIC = Buffer.from('BEACON-BACKUP\x01', 'latin1');
const TAG_BYTES = 16;
export const FRAME_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 4096;

export class BackupFormatError extends Error {}

interface Header {
  format: 1;
  salt: string;
  keyCheck: string;
  createdAt: string;
}

function derive(secret: Buffer, salt: Buffer, info: string, bytes: number): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, info, bytes));
}

function nonceOf(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 0);
  nonce.writeUInt32BE(last ? 1 : 0, 8);
  return nonce;
}

/** Turns plaintext into framed ciphertext; `emit` receives the bytes to write, in order. */
export class BackupSealer {
  private readonly key: Buffer;
  private readonly aad: Buffer;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  readonly header: Buffer;

  constructor(secret: Buffer, now = new Date()) {
    const salt = randomBytes(32);
    this.key = derive(secret, salt, 'beacon backup v1 encryption', 32);
    const header: Header = {
      format: 1,
      salt: salt.toString('base64'),
      keyCheck: derive(secret, salt, 'beacon backup v1 key check', 16).toString('base64'),
      createdAt: now.toISOString(),
    };
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    this.header = Buffer.concat([MAGIC, length, json]);
    this.aad = createHash('sha256').update(this.header).digest();
  }

  /** Frames ready to write after adding `data` (possibly none). */
  push(data: Buffer): Buffer[] {
    this.pending.push(data);
    this.pendingBytes += data.length;
    const out: Buffer[] = [];
    while (this.pendingBytes >= FRAME_BYTES) {
      const all = Buffer.concat(this.pending);
      out.push(this.frame(all.subarray(0, FRAME_BYTES), false));
      this.pending = [all.subarray(FRAME_BYTES)];
      this.pendingBytes = all.length - FRAME_BYTES;
    }
    return out;
  }

  /** The last frame: its flag is what tells a complete backup from a truncated one. */
  finish(): Buffer {
    return this.frame(Buffer.concat(this.pending), true);
  }

  private frame(plain: Buffer, last: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonceOf(this.index++, last));
    cipher.setAAD(this.aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const length = Buffer.alloc(5);
    length.writeUInt32BE(body.length);
    length.writeUInt8(last ? 1 : 0, 4);
    return Buffer.concat([length, body]);
  }
}

/** Reads exactly what is asked for from a byte source, or less at its end. */
export interface ByteSource {
  read(bytes: number): Promise<Buffer>;
}

/** Checks the header and key, then yields the plaintext frame by frame, each authenticated. */
export async function* openBackup(source: ByteSource, secret: Buffer): AsyncGenerator<Buffer> {
  const magic = await source.read(MAGIC.length);
  if (!magic.equals(MAGIC)) throw new BackupFormatError('this file is not a Beacon backup (its first bytes are wrong)');
  const lengthBytes = await source.read(4);
  if (lengthBytes.length < 4) throw new BackupFormatError('the backup is truncated: it ends inside its header');
  const headerLength = lengthBytes.readUInt32BE();
  if (headerLength > MAX_HEADER_BYTES) throw new BackupFormatError('the backup is damaged: its header length is impossible');
  const json = await source.read(headerLength);
  if (json.length < headerLength) throw new BackupFormatError('the backup is truncated: it ends inside its header');
  const header = parseHeader(json);
  const salt = Buffer.from(header.salt, 'base64');
  const check = derive(secret, salt, 'beacon backup v1 key check', 16);
  const expected = Buffer.from(header.keyCheck, 'base64');
  if (expected.length !== check.length || !timingSafeEqual(check, expected)) {
    throw new BackupFormatError(
      'this backup was made with another key file: restore needs the key file of the deployment that made it (BEACON_KEY_FILE)',
    );
  }
  const key = derive(secret, salt, 'beacon backup v1 encryption', 32);
  const aad = createHash('sha256')
    .update(Buffer.concat([MAGIC, lengthBytes, json]))
    .digest();
  for (let index = 0; ; index++) {
    const prefix = await source.read(5);
    if (prefix.length < 5)
      throw new BackupFormatError(`the backup is truncated: it ends after ${index} chunks, before its last one`);
    const length = prefix.readUInt32BE();
    const last = prefix.readUInt8(4) === 1;
    if (length < TAG_BYTES || length > FRAME_BYTES + TAG_BYTES) {
      throw new BackupFormatError(`the backup is damaged: chunk ${index + 1} has an impossible length`);
    }
    const body = await source.read(length);
    if (body.length < length) throw new BackupFormatError(`the backup is truncated: it ends inside chunk ${index + 1}`);
    yield decryptFrame(key, aad, index, last, body);
    if (last) break;
  }
  if ((await source.read(1)).length > 0)
    throw new BackupFormatError('the backup is damaged: there are bytes after its last chunk');
}

function decryptFrame(key: Buffer, aad: Buffer, index: number, last: boolean, body: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(index, last));
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BackupFormatError(`the backup is damaged: chunk ${index + 1} fails its integrity check`);
  }
}

function parseHeader(json: Buffer): Header {
  try {
    const header = JSON.parse(json.toString('utf8')) as Partial<Header>;
    if (header.format === 1 && typeof header.salt === 'string' && typeof header.keyCheck === 'string') return header as Header;
  } catch {
    // reported below
  }
  throw new BackupFormatError('the backup is damaged: its header is unreadable');
}
