/**
 * Pairwise precision, recall and F1 of a clustering against a reference: a pair of adverts is
 * "linked" when both put them in the same group. Counted from the contingency table, never by
 * listing pairs, so a million adverts take a second.
 */
export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
  predictedPairs: number;
  truePairs: number;
  agreedPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function counts<T>(labels: ArrayLike<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (let i = 0; i < labels.length; i++) m.set(labels[i]!, (m.get(labels[i]!) ?? 0) + 1);
  return m;
}

export function pairScores<P, R>(predicted: ArrayLike<P>, reference: ArrayLike<R>): PairScores {
  if (predicted.length !== reference.length) throw new Error('predicted and reference: lengths differ');
  const predictedIds = new Map<P, number>();
  const cell = new Array<string>(predicted.length);
  for (let i = 0; i < predicted.length; i++) {
    let p = predictedIds.get(predicted[i]!);
    if (p === undefined) predictedIds.set(predicted[i]!, (p = predictedIds.size));
    cell[i] = `${p}\u0000${String(reference[i])}`;
  }
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const predictedPairs = sum(counts(predicted));
  const truePairs = sum(counts(reference));
  const agreedPairs = sum(counts(cell));
  const precision = predictedPairs === 0 ? 1 : agreedPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : agreedPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, predictedPairs, truePairs, agreedPairs };
}
