/**
 * The draft is edited by path (`children.0.name`), the same paths the server uses in its errors,
 * so an error finds its field and a field's id is its path with dots turned into dashes.
 */

type Tree = Record<string, unknown> | unknown[];

export const fieldId = (path: string): string => path.replace(/\./g, '-');

export function getAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `root` with the value at `path` replaced (`undefined` removes it). */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return root;
  const container: Tree = Array.isArray(root) ? [...(root as unknown[])] : { ...((root ?? {}) as Record<string, unknown>) };
  const index = Array.isArray(container) ? Number(head) : head;
  const current = (container as Record<string | number, unknown>)[index];
  const next = rest.length === 0 ? value : setAt(current ?? (/^\d+$/.test(rest[0] ?? '') ? [] : {}), rest.join('.'), value);
  if (next === undefined && !Array.isArray(container)) delete (container as Record<string, unknown>)[head];
  else (container as Record<string | number, unknown>)[index] = next;
  return container as T;
}

/** A copy with the list at `path` missing item `index`. */
export function removeAt<T>(root: T, path: string, index: number): T {
  const list = getAt(root, path);
  if (!Array.isArray(list)) return root;
  const next = list.filter((_, i) => i !== index);
  return setAt(root, path, next.length === 0 ? undefined : next);
}

/** A copy with an empty item added to the list at `path`. */
export function appendAt<T>(root: T, path: string, item: Record<string, unknown> = {}): T {
  const list = getAt(root, path);
  return setAt(root, path, [...(Array.isArray(list) ? list : []), item]);
}

/** "10:42:13", the time of day a save was confirmed. */
export function clockTime(date: Date): string {
  return date.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
