/**
 * A frame is the finest cross-classification of the counts behind a set of published tables
 * (e.g. state × category × age band). Every published figure is the sum of some of its cells.
 */
export const TOTAL = '*';

export type Key = readonly string[];
export type Table = readonly string[];

export interface Frame {
  readonly dims: readonly string[];
  readonly values: readonly (readonly string[])[];
  readonly counts: ReadonlyMap<string, number>;
}

export interface Line {
  readonly total: Key;
  readonly parts: readonly Key[];
}

export const keyId = (key: Key): string => key.join('\u001f');

export function cellsOf(frame: Frame): Key[] {
  return frame.values.reduce<Key[]>((keys, values) => keys.flatMap((key) => values.map((value) => [...key, value])), [[]]);
}

export function makeFrame(dims: readonly string[], values: readonly (readonly string[])[], count: (key: Key) => number): Frame {
  const frame = { dims, values, counts: new Map<string, number>() };
  for (const cell of cellsOf(frame)) frame.counts.set(keyId(cell), count(cell));
  return frame;
}

export const matches = (item: Key, cell: Key): boolean => item.every((value, i) => value === TOTAL || value === cell[i]);

export function valueOf(frame: Frame, item: Key): number {
  let sum = 0;
  for (const cell of cellsOf(frame)) if (matches(item, cell)) sum += frame.counts.get(keyId(cell)) ?? 0;
  return sum;
}

/** Every figure a table publishes: its cells and all its margins down to the grand total. */
export function itemsOf(frame: Frame, table: Table): Key[] {
  const positions = table.map((dim) => indexOfDim(frame, dim));
  let keys: string[][] = [frame.dims.map(() => TOTAL)];
  for (const i of positions) {
    keys = keys.flatMap((key) => [key, ...(frame.values[i] ?? []).map((value) => key.map((v, j) => (j === i ? value : v)))]);
  }
  return keys;
}

/** The additive relations a reader can see in a table: a margin and the figures it sums. */
export function linesOf(frame: Frame, table: Table): Line[] {
  const positions = table.map((dim) => indexOfDim(frame, dim));
  return itemsOf(frame, table).flatMap((total) =>
    positions
      .filter((i) => total[i] === TOTAL)
      .map((i) => ({ total, parts: (frame.values[i] ?? []).map((value) => total.map((v, j) => (j === i ? value : v))) })),
  );
}

export function uniqueItems(frame: Frame, tables: readonly Table[]): Key[] {
  const seen = new Map<string, Key>();
  for (const table of tables) for (const item of itemsOf(frame, table)) seen.set(keyId(item), item);
  return [...seen.values()];
}

function indexOfDim(frame: Frame, dim: string): number {
  const i = frame.dims.indexOf(dim);
  if (i < 0) throw new Error(`The frame has no dimension "${dim}".`);
  return i;
}
