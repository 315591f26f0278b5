import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Field encryption: AES-256-GCM with keys kept in a file outside the database.
 * A ciphertext reads `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url parts), so every value
 * names the key that sealed it and rotation can re-encrypt row by row while the server runs.
 */
interface KeyFile {
  version: 1;
  current: string;
  keys: Record<string, string>;
  /** The blind-index key (search tokens over encrypted fields). Never rotated by `keys rotate`: tokens would change. */
  index?: string;
}

export class KeyringError extends Error {}

const PREFIX = 'v1';
const RELOAD_CHECK_MS = 2_000;

export class Keyring {
  private keys = new Map<string, Buffer>();
  private currentId = '';
  private loadedMtimeMs = 0;
  private checkedAt = 0;
  private blindKey: Buffer | undefined;

  private constructor(private readonly file: string) {}

  /** Loads the key file, creating it (mode 0600) with a fresh key if it does not exist. */
  static async open(file: string): Promise<Keyring> {
    if (!existsSync(file)) await writeKeyFile(file, newKeyFile(), 'wx').catch(ignoreExisting);
    await addIndexKeyIfMissing(file);
    const ring = new Keyring(file);
    ring.load();
    return ring;
  }

  get currentKeyId(): string {
    this.reloadIfChanged();
    return this.currentId;
  }

  encrypt(plaintext: string, context: string): string {
    const keyId = this.currentKeyId;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [PREFIX, keyId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string, context: string): string {
    const [prefix, keyId, ivText, bodyText] = sealed.split('.');
    if (prefix !== PREFIX || !keyId || !ivText || !bodyText) throw new KeyringError('not a Beacon ciphertext');
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Every key id in the key file, the current one included. */
  get keyIds(): string[] {
    this.reloadIfChanged();
    return [...this.keys.keys()];
  }

  static keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }

  /** Key for blind-index tokens (see blind-index.ts); separate from the encryption keys. */
  get indexKey(): Buffer {
    if (!this.blindKey) throw new KeyringError('key file has no index key');
    return this.blindKey;
  }

  private key(keyId: string): Buffer {
    let key = this.keys.get(keyId);
    if (!key) {
      // A rotation in another process may have added it since we loaded the file.
      this.load();
      key = this.keys.get(keyId);
    }
    if (!key) throw new KeyringError(`unknown encryption key ${keyId}`);
    return key;
  }

  private reloadIfChanged(): void {
    const now = Date.now();
    if (now - this.checkedAt < RELOAD_CHECK_MS) return;
    this.checkedAt = now;
    if (statSync(this.file).mtimeMs !== this.loadedMtimeMs) this.load();
  }

  private load(): void {
    const stat = statSync(this.file);
    if ((stat.mode & 0o077) !== 0) {
      throw new KeyringError(
        `key file ${this.file} can be read by other users; it must be readable by its owner only: chmod 600 ${this.file}`,
      );
    }
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as KeyFile;
    if (parsed.version !== 1 || !parsed.keys[parsed.current]) throw new KeyringError('key file is malformed');
    this.keys = new Map(Object.entries(parsed.keys).map(([id, k]) => [id, decodeKey(k)]));
    this.currentId = parsed.current;
    this.blindKey = parsed.index ? decodeKey(parsed.index) : undefined;
    this.loadedMtimeMs = stat.mtimeMs;
  }
}

function decodeKey(text: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new KeyringError('encryption keys must be 32 bytes');
  return key;
}

function newKeyId(): string {
  return `k${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(2).toString('hex')}`;
}

function newKeyFile(): KeyFile {
  const id = newKeyId();
  return {
    version: 1,
    current: id,
    keys: { [id]: randomBytes(32).toString('base64') },
    index: randomBytes(32).toString('base64'),
  };
}

function ignoreExisting(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EEXIST') throw error;
}

/**
 * Key files made before blind indexes lack the index key. Several processes may start at once,
 * so the upgrade happens under an exclusive lock file and re-reads the file inside it.
 */
async function addIndexKeyIfMissing(file: string): Promise<void> {
  if ((JSON.parse(readFileSync(file, 'utf8')) as KeyFile).index) return;
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      ignoreExisting(error as NodeJS.ErrnoException);
      if (attempt > 50)
        throw new KeyringError(`key file lock ${path.basename(lock)} is held; remove it if no Beacon process is running`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
    if (!parsed.index) await writeKeyFile(file, { ...parsed, index: randomBytes(32).toString('base64') }, 'w');
  } finally {
    await unlink(lock);
  }
}

async function writeKeyFile(file: string, content: KeyFile, flag: 'wx' | 'w'): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const data = JSON.stringify(content, null, 2);
  if (flag === 'wx') {
    await writeFile(file, data, { mode: 0o600, flag: 'wx' });
    return;
  }
  await writeFile(tmp, data, { mode: 0o600 });
  await rename(tmp, file);
}

/** Adds a new current key; old keys stay so existing ciphertexts still open. Returns the new id. */
export async function addKey(file: string): Promise<string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const id = newKeyId();
  parsed.keys[id] = randomBytes(32).toString('base64');
  parsed.current = id;
  await writeKeyFile(file, parsed, 'w');
  return id;
}

/** Removes every key but the current one and those in `keep` (callers first check what stored values still use). */
export async function retireKeys(file: string, keep: string[]): Promise<string[]> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const retired = Object.keys(parsed.keys).filter((id) => id !== parsed.current && !keep.includes(id));
  for (const id of retired) delete parsed.keys[id];
  await writeKeyFile(file, parsed, 'w');
  return retired;
}
