import { fileTypeFromBuffer } from 'file-type';

/** Types an ESP may upload, recognised by their first bytes, never by the name or declared type. */
export const BINARY_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'video/mp4'] as const;
/** Chat exports: text has no magic bytes, so these are taken on the declared type plus a UTF-8 check. */
export const TEXT_TYPES = ['text/plain', 'application/json'] as const;

export type TypeCheck = { kind: 'ok'; mime: string } | { kind: 'not_allowed' } | { kind: 'mismatch'; detected: string };

// Declared types that say nothing about the content, so they cannot disagree with it.
const GENERIC = new Set(['application/octet-stream', '']);

function baseType(declared: string | undefined): string {
  return (declared ?? '').split(';')[0]!.trim().toLowerCase();
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides what a file is from its bytes. A file whose declared type names a different allowed type
 * than its bytes (a PDF sent as image/png) is refused too: something upstream is confused or lying.
 */
export async function checkFileType(bytes: Uint8Array, declaredType: string | undefined): Promise<TypeCheck> {
  const declared = baseType(declaredType);
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    if (!(BINARY_TYPES as readonly string[]).includes(detected.mime)) return { kind: 'not_allowed' };
    if (!GENERIC.has(declared) && declared !== detected.mime) return { kind: 'mismatch', detected: detected.mime };
    return { kind: 'ok', mime: detected.mime };
  }
  if ((TEXT_TYPES as readonly string[]).includes(declared) && bytes.length > 0 && isUtf8Text(bytes)) {
    if (declared === 'application/json' && !isJson(bytes)) return { kind: 'not_allowed' };
    return { kind: 'ok', mime: declared };
  }
  return { kind: 'not_allowed' };
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(Buffer.from(bytes).toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
