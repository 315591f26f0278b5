import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Keyring } from '../../security/crypto.ts';

export const DATA_KEY_CONTEXT = 'esp_files.data_key_enc';
const MAGIC = Buffer.from('BCNF\x01', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface StoredFile {
  storageKey: string;
  /** The file's own AES-256 key, sealed by the keyring (so rotation re-wraps it in the database). */
  dataKeyEnc: string;
}

/**
 * Uploaded files, encrypted at rest under `<dataDir>/files/`. Each file has its own random key
 * (envelope encryption): the bytes on disk never need re-encrypting when the keyring rotates, and
 * the file id is bound in as associated data so one file cannot be swapped for another.
 */
export class FileStore {
  readonly dir: string;

  constructor(dataDir: string, private readonly keyring: Keyring) {
    this.dir = path.join(dataDir, 'files');
  }

  async put(fileId: string, bytes: Uint8Array): Promise<StoredFile> {
    const dataKey = randomBytes(32);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(Buffer.from(`esp_files:${fileId}`));
    const sealed = Buffer.concat([MAGIC, iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
    const storageKey = `${fileId}.enc`;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const final = this.pathOf(storageKey);
    const tmp = `${final}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, final);
    return { storageKey, dataKeyEnc: this.keyring.encrypt(dataKey.toString('base64'), DATA_KEY_CONTEXT) };
  }

  async get(fileId: string, stored: StoredFile): Promise<Buffer> {
    const sealed = await readFile(this.pathOf(stored.storageKey));
    if (!sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a Beacon file');
    const dataKey = Buffer.from(this.keyring.decrypt(stored.dataKeyEnc, DATA_KEY_CONTEXT), 'base64');
    const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const body = sealed.subarray(MAGIC.length + IV_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv);
    decipher.setAAD(Buffer.from(`esp_files:${fileId}`));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  }

  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  private pathOf(storageKey: string): string {
    // Keys are always `<uuid>.enc`; anything else would be a bug or tampering, never a path to follow.
    if (!/^[0-9a-f-]{36}\.enc$/.test(storageKey)) throw new Error('bad storage key');
    return path.join(this.dir, storageKey);
  }
}
