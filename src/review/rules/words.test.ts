import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordChanges } from './diff.ts';

const side = (changes: ReturnType<typeof wordChanges>, skip: 'added' | 'removed') =>
  changes
    .filter((c) => c.op !== skip)
    .map((c) => c.text)
    .join('');
const text = fc
  .array(fc.constantFrom('the', 'child', 'victim', 'survivor', 'young', 'person', ' ', '\n', ', '), { maxLength: 30 })
  .map((ws) => ws.join(''));

describe('wordChanges', () => {
  it('names the one word changed in a line, keeping the rest of the line as it was', () => {
    expect(wordChanges('Call the victim today.', 'Call the young person today.')).toEqual([
      { op: 'same', text: 'Call the ' },
      { op: 'removed', text: 'victim' },
      { op: 'added', text: 'young person' },
      { op: 'same', text: ' today.' },
    ]);
  });

  it('keeps a changed passage of several words together', () => {
    expect(wordChanges('a victim of it', 'a young person who lived it')).toEqual([
      { op: 'same', text: 'a ' },
      { op: 'removed', text: 'victim of' },
      { op: 'added', text: 'young person who lived' },
      { op: 'same', text: ' it' },
    ]);
  });

  it('leads back to both texts exactly: kept and removed give the old, kept and added the new', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const changes = wordChanges(before, after);
        expect(side(changes, 'added')).toBe(before);
        expect(side(changes, 'removed')).toBe(after);
      }),
    );
  });

  it('marks nothing as changed when the texts are the same', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(wordChanges(t, t).filter((c) => c.op !== 'same')).toEqual([]);
      }),
    );
  });
});
