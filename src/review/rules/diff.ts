/**
 * A readable difference between a material's published text and the proposed one, line by line
 * (longest common subsequence), and the passage a comment anchors to. Pure: no I/O.
 */

export type DiffOp = 'same' | 'added' | 'removed';

/** One line of the difference; `line` is its number in the proposed text (1-based), absent for a removed line. */
export interface DiffLine {
  op: DiffOp;
  text: string;
  line?: number;
}

export const linesOf = (text: string): string[] => (text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n'));

/** The lines of `before` and `after` in order, each marked same, removed or added. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = linesOf(before);
  const b = linesOf(after);
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]!, line: j + 1 });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ op: 'added', text: b[j]!, line: j + 1 });
      j++;
    } else {
      out.push({ op: 'removed', text: a[i]! });
      i++;
    }
  }
  return out;
}

/** The text a difference was taken from (`before`) or leads to (`after`). */
export function sideOf(diff: readonly DiffLine[], side: 'before' | 'after'): string {
  const skip: DiffOp = side === 'before' ? 'added' : 'removed';
  return diff
    .filter((d) => d.op !== skip)
    .map((d) => d.text)
    .join('\n');
}

export type Anchor = { kind: 'ok'; fromLine: number; toLine: number; quote: string } | { kind: 'invalid'; field: string };

/** The passage lines `fromLine`..`toLine` (1-based, inclusive) of the proposed text, quoted as the comment's anchor. */
export function anchorOf(proposed: string, fromLine: number, toLine: number): Anchor {
  const lines = linesOf(proposed);
  if (!Number.isInteger(fromLine) || fromLine < 1 || fromLine > lines.length) return { kind: 'invalid', field: 'fromLine' };
  if (!Number.isInteger(toLine) || toLine < fromLine || toLine > lines.length) return { kind: 'invalid', field: 'toLine' };
  return { kind: 'ok', fromLine, toLine, quote: lines.slice(fromLine - 1, toLine).join('\n') };
}
