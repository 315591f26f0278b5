/** Every copy the app keeps in the browser tab (hotline drafts while typing) is named `beacon.…`. */
export const LOCAL_COPY_PREFIX = 'beacon.';

/**
 * Forgets this tab's copies when nobody is signed in any more (signed out, session ended or found
 * ended on load): on a shared workstation the next person must not find a caller's words.
 */
export function forgetLocalCopies(
  storage: Pick<Storage, 'length' | 'key' | 'removeItem'> | undefined = safeSessionStorage(),
): void {
  if (storage === undefined) return;
  const names: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const name = storage.key(i);
    if (name !== null && name.startsWith(LOCAL_COPY_PREFIX)) names.push(name);
  }
  for (const name of names) storage.removeItem(name);
}

function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // storage disabled: nothing was kept
  }
}
