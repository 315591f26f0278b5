import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Config, FileStoreSettings } from '../../core/config.ts';
import { open as openSealed, seal, type Keyring } from '../../security/index.ts';
import { espFileDataKey } from '../intake.sealed.ts';

const MAGIC = Buffer.from('BCNF\x01', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface StoredFile {
  storageKey: string;
  /** The file's own AES-256 key, sealed by the keyring (so rotation re-wraps it in the database). */
  dataKeyEnc: string;
}

/** Where sealed files live: a folder or an S3-compatible bucket. Only ever sees ciphertext. */
export interface BlobStore {
  write(key: string, sealed: Buffer): Promise<void>;
  read(key: string): Promise<Buffer>;
  /** Removing a key already gone is not an error. */
  delete(key: string): Promise<void>;
}

// Keys are always `<uuid>.enc`; anything else would be a bug or tampering, never a path to follow.
function checkedKey(storageKey: string): string {
  if (!/^[0-9a-f-]{36}\.enc$/.test(storageKey)) throw new Error('bad storage key');
  return storageKey;
}

/** Sealed files under `<dataDir>/files/`, written to a temporary name, synced, then renamed. */
export class DiskBlobs implements BlobStore {
  constructor(readonly dir: string) {}

  async write(key: string, sealed: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const final = this.pathOf(key);
    const tmp = `${final}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, final);
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return path.join(this.dir, checkedKey(key));
  }
}

/** Sealed files in an S3-compatible bucket (AWS, MinIO, Garage, Ceph): path-style, so any endpoint works. */
export class S3Blobs implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly settings: Extract<FileStoreSettings, { kind: 's3' }>) {
    this.client = new S3Client({
      region: settings.region,
      forcePathStyle: true,
      // MinIO, Garage and Ceph releases predating the SDK's default checksums refuse or ignore them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
    });
  }

  async write(key: string, sealed: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: checkedKey(key),
        Body: sealed,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: checkedKey(key) }));
    if (!object.Body) throw new Error('empty object');
    return Buffer.from(await object.Body.transformToByteArray());
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: checkedKey(key) }));
  }
}

/**
 * Uploaded files, encrypted at rest. Each file has its own random key (envelope encryption): the
 * stored bytes never need re-encrypting when the keyring rotates, and the file id is bound in as
 * associated data so one file cannot be swapped for another. Given a folder, files go under
 * `<dataDir>/files/`.
 */
export class FileStore {
  private readonly blobs: BlobStore;

  constructor(
    where: string | BlobStore,
    private readonly keyring: Keyring,
  ) {
    this.blobs = typeof where === 'string' ? new DiskBlobs(path.join(where, 'files')) : where;
  }

  async put(fileId: string, bytes: Uint8Array): Promise<StoredFile> {
    const dataKey = randomBytes(32);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(Buffer.from(`esp_files:${fileId}`));
    const sealed = Buffer.concat([MAGIC, iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
    // The key is the id alone: object names in a bucket are visible to whoever runs the store.
    const storageKey = `${fileId}.enc`;
    await this.blobs.write(storageKey, sealed);
    return { storageKey, dataKeyEnc: seal(this.keyring, espFileDataKey, dataKey.toString('base64')) };
  }

  async get(fileId: string, stored: StoredFile): Promise<Buffer> {
    const sealed = await this.blobs.read(stored.storageKey);
    if (!sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a Beacon file');
    const dataKey = Buffer.from(openSealed(this.keyring, espFileDataKey, stored.dataKeyEnc), 'base64');
    const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const body = sealed.subarray(MAGIC.length + IV_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv);
    decipher.setAAD(Buffer.from(`esp_files:${fileId}`));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  }

  async remove(storageKey: string): Promise<void> {
    await this.blobs.delete(storageKey);
  }
}

/** The store the configuration names: the data folder by default, or an S3-compatible bucket. */
export function fileStoreFor(config: Pick<Config, 'dataDir' | 'fileStore'>, keyring: Keyring): FileStore {
  return new FileStore(blobStoreFor(config), keyring);
}

/** The sealed bytes alone, for backups (src/ops), which copy ciphertext without opening it. */
export function blobStoreFor(config: Pick<Config, 'dataDir' | 'fileStore'>): BlobStore {
  return config.fileStore.kind === 's3' ? new S3Blobs(config.fileStore) : new DiskBlobs(path.join(config.dataDir, 'files'));
}
