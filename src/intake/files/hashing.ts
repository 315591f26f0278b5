import { createHash } from 'node:crypto';

export interface FileHashes {
  sha256: string;
  /** MD5 only because clearinghouses and the national tipline still exchange it; never for security. */
  md5: string;
}

export function hashBytes(bytes: Uint8Array): FileHashes {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    md5: createHash('md5').update(bytes).digest('hex'),
  };
}
