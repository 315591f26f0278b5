import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Keyring } from '../../security/index.ts';
import { FileStore } from './storage.ts';
import { patternPng } from './test-images.ts';

async function store() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-files-'));
  const keyring = await Keyring.open(path.join(dir, 'beacon.key'));
  return { dir, files: new FileStore(dir, keyring) };
}

describe('FileStore', () => {
  it('keeps files encrypted on disk and gives them back intact', async () => {
    const { dir, files } = await store();
    const id = randomUUID();
    const bytes = patternPng({ metadata: true });
    const stored = await files.put(id, bytes);
    const onDisk = await readFile(path.join(dir, 'files', stored.storageKey));
    expect(onDisk.includes(bytes.subarray(0, 16))).toBe(false);
    expect(onDisk.includes(Buffer.from('synthetic-person-0002'))).toBe(false);
    expect((await stat(path.join(dir, 'files', stored.storageKey))).mode & 0o077).toBe(0);
    expect((await files.get(id, stored)).equals(bytes)).toBe(true);
    expect(await readdir(path.join(dir, 'files'))).toEqual([stored.storageKey]);
  });

  it('refuses a file swapped in under another id or altered on disk', async () => {
    const { dir, files } = await store();
    const [a, b] = [randomUUID(), randomUUID()];
    const sa = await files.put(a, Buffer.from('first file'));
    const sb = await files.put(b, Buffer.from('second file'));
    await expect(files.get(b, { ...sb, storageKey: sa.storageKey })).rejects.toThrow();
    const file = path.join(dir, 'files', sa.storageKey);
    const bytes = await readFile(file);
    bytes[bytes.length - 20]! ^= 1;
    await writeFile(file, bytes);
    await expect(files.get(a, sa)).rejects.toThrow();
  });

  it('removes files and ignores ones already gone', async () => {
    const { dir, files } = await store();
    const stored = await files.put(randomUUID(), Buffer.from('x'));
    await files.remove(stored.storageKey);
    await files.remove(stored.storageKey);
    expect(await readdir(path.join(dir, 'files'))).toEqual([]);
    await expect(files.remove('../beacon.key')).rejects.toThrow('bad storage key');
  });
});
