import { diffWordsWithSpace } from 'diff';

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

/** A run of words the proposed text keeps, adds or removes. */
export interface WordChange {
  op: DiffOp;
  text: string;
}

/**
 * The difference word by word, spaces and line breaks kept (the `diff` package's word tokenizer), so
 * an expert reads one changed word in a long line as that word, not as a whole line removed and added.
 */
export function wordChanges(before: string, after: string): WordChange[] {
  const out: WordChange[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    const tail = removed !== '' && added !== '' ? sharedTrailingSpace(removed, added) : '';
    if (removed !== '') out.push({ op: 'removed', text: removed.slice(0, removed.length - tail.length) });
    if (added !== '') out.push({ op: 'added', text: added.slice(0, added.length - tail.length) });
    if (tail !== '') out.push({ op: 'same', text: tail });
    removed = added = '';
  };
  for (const c of diffWordsWithSpace(before, after)) {
    if (c.added) added += c.value;
    else if (c.removed) removed += c.value;
    // A space between words replaced on both sides belongs to the changed passage, read as one.
    else if (removed !== '' && added !== '' && c.value.trim() === '') {
      removed += c.value;
      added += c.value;
    } else {
      flush();
      out.push({ op: 'same', text: c.value });
    }
  }
  flush();
  return out.reduce<WordChange[]>((runs, c) => {
    const last = runs.at(-1);
    if (c.text === '') return runs;
    if (last?.op === c.op) last.text += c.text;
    else runs.push({ ...c });
    return runs;
  }, []);
}

function sharedTrailingSpace(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n] && /\s/.test(a[a.length - 1 - n]!)) n++;
  return a.slice(a.length - n);
}
