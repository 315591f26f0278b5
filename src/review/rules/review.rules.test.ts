import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorOf, diffLines, linesOf, sideOf } from './diff.ts';
import { mayPublish, publishBlocks } from './publish.ts';

const text = fc
  .array(fc.constantFrom('Call the school', 'Ask what she wants', 'See a dentist', '', 'Meet weekly'), { maxLength: 12 })
  .map((l) => l.join('\n'));

describe('diffLines', () => {
  it('marks a changed line as removed and added, and numbers lines of the proposed text', () => {
    const d = diffLines('one\ntwo\nthree', 'one\n2\nthree\nfour');
    expect(d).toEqual([
      { op: 'same', text: 'one', line: 1 },
      { op: 'added', text: '2', line: 2 },
      { op: 'removed', text: 'two' },
      { op: 'same', text: 'three', line: 3 },
      { op: 'added', text: 'four', line: 4 },
    ]);
  });

  it('gives back both texts, keeps as many lines as it can, and numbers the proposed lines in order', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = diffLines(before, after);
        expect(sideOf(d, 'before')).toBe(linesOf(before).join('\n'));
        expect(sideOf(d, 'after')).toBe(linesOf(after).join('\n'));
        expect(d.filter((x) => x.op !== 'removed').map((x) => x.line)).toEqual(linesOf(after).map((_, i) => i + 1));
        if (before === after) expect(d.every((x) => x.op === 'same')).toBe(true);
      }),
    );
  });
});

describe('anchorOf', () => {
  it('quotes the lines a comment is about, and names the field when the range is outside the text', () => {
    expect(anchorOf('a\nb\nc', 2, 3)).toEqual({ kind: 'ok', fromLine: 2, toLine: 3, quote: 'b\nc' });
    expect(anchorOf('a\nb', 0, 1)).toEqual({ kind: 'invalid', field: 'fromLine' });
    expect(anchorOf('a\nb', 2, 1)).toEqual({ kind: 'invalid', field: 'toLine' });
    expect(anchorOf('a\nb', 1, 3)).toEqual({ kind: 'invalid', field: 'toLine' });
  });

  it('always quotes lines of the proposed text when the range is valid', () => {
    fc.assert(
      fc.property(text, fc.nat(14), fc.nat(14), (t, from, to) => {
        const a = anchorOf(t, from, to);
        if (a.kind === 'ok') expect(t.includes(a.quote)).toBe(true);
      }),
    );
  });
});

describe('the publish rule', () => {
  const rec = fc.record({ recommendation: fc.constantFrom('approve' as const, 'change_needed' as const) });
  const comment = fc.record({ answeredAt: fc.option(fc.constant('2026-12-06T10:00:00Z'), { nil: null }) });

  it('needs every comment answered and at least one approval', () => {
    expect(publishBlocks({ comments: [], recommendations: [] })).toEqual(['no_approval']);
    expect(publishBlocks({ comments: [{ answeredAt: null }], recommendations: [{ recommendation: 'approve' }] })).toEqual([
      'unanswered_comments',
    ]);
    expect(mayPublish({ comments: [{ answeredAt: '2026-12-06' }], recommendations: [{ recommendation: 'approve' }] })).toBe(true);
  });

  it('never allows publishing with an unanswered comment or without an approval', () => {
    fc.assert(
      fc.property(fc.array(comment), fc.array(rec), (comments, recommendations) => {
        const ok = mayPublish({ comments, recommendations });
        const expected =
          comments.every((c) => c.answeredAt !== null) && recommendations.some((r) => r.recommendation === 'approve');
        expect(ok).toBe(expected);
      }),
    );
  });
});
