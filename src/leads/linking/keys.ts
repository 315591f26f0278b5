/** The parts of an extraction that identify who posted an advert (structurally typed: any extractor will do). */
export interface IdentifierSource {
  phones: readonly { e164: string }[];
  emails: readonly { value: string }[];
  handles: readonly { platform: string | null; value: string }[];
}

const PDQ = /^[0-9a-f]{64}$/i;

/**
 * Linking keys, one namespace per kind so a handle never meets a phone with the same digits.
 * URLs are left out: most point at the site itself, not at the person posting.
 */
export function identifierKeys(found: IdentifierSource, pdq: readonly string[] = []): string[] {
  const keys = new Set<string>();
  for (const p of found.phones) keys.add(`tel:${p.e164}`);
  for (const e of found.emails) keys.add(`email:${e.value.trim().toLowerCase()}`);
  for (const h of found.handles)
    keys.add(`handle:${(h.platform ?? '').toLowerCase()}:${h.value.trim().replace(/^@/, '').toLowerCase()}`);
  for (const hash of pdq) if (PDQ.test(hash)) keys.add(`pdq:${hash.toLowerCase()}`);
  return [...keys];
}
