import { mkdtemp, readFile, stat, chmod, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addKey, Keyring } from './crypto.ts';

async function freshRing() {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'beacon-crypto-')), 'beacon.key');
  return { file, ring: await Keyring.open(file) };
}

describe('Keyring', () => {
  it('creates the key file readable by its owner only', async () => {
    const { file } = await freshRing();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('round-trips text and names the key beside the ciphertext', async () => {
    const { ring } = await freshRing();
    const sealed = ring.encrypt('Marisol Quintanilla-Test saw a child at the bus station', 'reports.body_enc');
    expect(sealed).not.toContain('Marisol');
    expect(Keyring.keyIdOf(sealed)).toBe(ring.currentKeyId);
    expect(ring.decrypt(sealed, 'reports.body_enc')).toBe('Marisol Quintanilla-Test saw a child at the bus station');
  });

  it('adds one index key to an older key file, once, even when processes start together', async () => {
    const { file, ring } = await freshRing();
    const old = JSON.parse(await readFile(file, 'utf8')) as { index?: string };
    delete old.index;
    await writeFile(file, JSON.stringify(old), { mode: 0o600 });
    const rings = await Promise.all([Keyring.open(file), Keyring.open(file), Keyring.open(file)]);
    const keys = rings.map((r) => r.indexKey.toString('hex'));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).not.toBe(ring.indexKey.toString('hex'));
    expect((await Keyring.open(file)).indexKey.toString('hex')).toBe(keys[0]);
  });

  it('keeps the index key through a rotation', async () => {
    const { file, ring } = await freshRing();
    await addKey(file);
    expect((await Keyring.open(file)).indexKey.equals(ring.indexKey)).toBe(true);
  });

  it('uses a fresh nonce each time', async () => {
    const { ring } = await freshRing();
    expect(ring.encrypt('same', 'ctx')).not.toBe(ring.encrypt('same', 'ctx'));
  });

  it('refuses a ciphertext moved to another field or altered by one character', async () => {
    const { ring } = await freshRing();
    const sealed = ring.encrypt('secret', 'reports.body_enc');
    expect(() => ring.decrypt(sealed, 'staff_users.totp_secret_enc')).toThrow();
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect(() => ring.decrypt(sealed.slice(0, -2) + last + sealed.slice(-1), 'reports.body_enc')).toThrow();
  });

  it('opens old ciphertexts after a new key is added by another process', async () => {
    const { file, ring } = await freshRing();
    const before = ring.encrypt('kept', 'ctx');
    const other = await Keyring.open(file);
    const newId = await addKey(file);
    const after = (await Keyring.open(file)).encrypt('new', 'ctx');
    expect(Keyring.keyIdOf(after)).toBe(newId);
    // The first ring has never seen newId: it reloads the file on demand.
    expect(ring.decrypt(after, 'ctx')).toBe('new');
    expect(other.decrypt(before, 'ctx')).toBe('kept');
    expect(JSON.parse(await readFile(file, 'utf8')).current).toBe(newId);
  });

  it('refuses a key file others can read', async () => {
    const { file } = await freshRing();
    await chmod(file, 0o644);
    await expect(Keyring.open(file)).rejects.toThrow(/chmod 600/);
  });
});
