import highsExport from 'highs';
import { cellsOf, keyId, matches, valueOf, type Frame, type Key } from './frame.ts';

export interface Range {
  readonly low: number;
  readonly high: number;
}

// The package's types describe its CommonJS build; the ESM build that Node loads exports the loader as default.
const highsLoader = highsExport as unknown as typeof highsExport.default;
type Highs = Awaited<ReturnType<typeof highsLoader>>;
let solver: Promise<Highs> | undefined;
const highs = (): Promise<Highs> => (solver ??= highsLoader());

/**
 * For each hidden figure, the smallest and largest value it could take given every published
 * figure (all of them true sums of the same non-negative cells) and what the release says of hidden
 * ones (`bounded`: "fewer than 11" is the range 1–10): what a reader with a solver learns.
 * `integer` asks for whole-number cells: exact. The linear relaxation is solved first and is already
 * exact when its optimum is a whole-number filling (always so for two-way tables); only otherwise is
 * the integer program solved, because it is far slower.
 */
export async function hiddenRanges(
  frame: Frame,
  published: readonly Key[],
  hidden: readonly Key[],
  options: { integer?: boolean; bounded?: readonly (Range & { item: Key })[] } = {},
): Promise<Map<string, Range>> {
  const h = await highs();
  const cells = cellsOf(frame);
  const model = h.createModel();
  try {
    model.options.set({ output_flag: false, presolve: 'off' });
    model.addVars(new Float64Array(cells.length), new Float64Array(cells.length).fill(h.infinity));
    for (const item of published) {
      const indices = cellIndices(cells, item);
      const value = valueOf(frame, item);
      model.addRow(value, value, { indices, values: indices.map(() => 1) });
    }
    for (const { item, low, high } of options.bounded ?? []) {
      const indices = cellIndices(cells, item);
      model.addRow(low, high, { indices, values: indices.map(() => 1) });
    }
    const ranges = new Map<string, Range>();
    let previous: number[] = [];
    for (const item of hidden) {
      const indices = cellIndices(cells, item);
      setCosts(model, previous, 0);
      setCosts(model, indices, 1);
      previous = indices;
      const low = optimum(h, model, h.constants.objectiveSense.minimize, options.integer ?? false);
      const high = optimum(h, model, h.constants.objectiveSense.maximize, options.integer ?? false);
      ranges.set(keyId(item), { low, high });
    }
    return ranges;
  } finally {
    model.dispose();
  }
}

type Model = ReturnType<Highs['createModel']>;

function setCosts(model: Model, indices: readonly number[], cost: number): void {
  if (indices.length > 0)
    model.changeColsCost(
      { kind: 'set', indices },
      indices.map(() => cost),
    );
}

type Sense = Parameters<Model['changeObjectiveSense']>[0];

function optimum(h: Highs, model: Model, sense: Sense, integer: boolean): number {
  model.changeObjectiveSense(sense);
  const relaxed = solve(h, model, sense);
  if (!integer || !Number.isFinite(relaxed) || isWhole(model.getSolution().colValue)) return relaxed;
  const columns = { kind: 'range', from: 0, to: model.getDimensions().numCols - 1 } as const;
  model.changeColsIntegrality(columns, new Int32Array(columns.to + 1).fill(h.constants.variableType.integer));
  try {
    return solve(h, model, sense);
  } finally {
    model.clearIntegrality();
  }
}

function solve(h: Highs, model: Model, sense: Sense): number {
  const status = model.run().modelStatus;
  if (status === h.constants.modelStatus.unbounded) return sense === h.constants.objectiveSense.maximize ? Infinity : 0;
  if (status !== h.constants.modelStatus.optimal)
    throw new Error(`The disclosure bound could not be computed (solver status ${status}).`);
  return Math.round(model.getObjectiveValue() * 1e6) / 1e6;
}

const isWhole = (values: ArrayLike<number>): boolean =>
  Array.prototype.every.call(values, (v: number) => Math.abs(v - Math.round(v)) < 1e-6);

function cellIndices(cells: readonly Key[], item: Key): number[] {
  const indices: number[] = [];
  cells.forEach((cell, i) => {
    if (matches(item, cell)) indices.push(i);
  });
  return indices;
}
