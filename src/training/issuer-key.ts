import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface IssuerKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as published at the JWKS URL. */
  publicJwk: JWK;
}

/** Beside the encryption key file, never in the database: a database copy alone cannot forge certificates. */
export function issuerKeyFile(keyFile: string): string {
  return path.join(path.dirname(keyFile), 'training-issuer.jwk');
}

async function read(file: string): Promise<IssuerKey> {
  const jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.kid)
    throw new Error(`${path.basename(file)} is not an Ed25519 private key`);
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: jwk.kid,
    privateKey: (await importJWK(jwk, 'EdDSA')) as CryptoKey,
    publicJwk: { ...publicJwk, alg: 'EdDSA', use: 'sig' },
  };
}

/** Reads the deployment's credential signing key, making it on first use (mode 600, never overwritten). */
export async function loadIssuerKey(file: string): Promise<IssuerKey> {
  try {
    return await read(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = `training-${new Date().toISOString().slice(0, 10)}`;
  try {
    await writeFile(file, JSON.stringify({ ...jwk, kid }, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read(file);
}
