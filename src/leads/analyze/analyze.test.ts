import { describe, expect, it } from 'vitest';
import { compileLexicon, loadLexicon } from '../indicators/index.ts';
import { packResult } from './pack.ts';
import { advertSchema, analyzeBatch, givenImageHashes, parseAdvertLine, type ExtractionLike } from './index.ts';

const matcher = compileLexicon(loadLexicon());
const HASH = 'f0'.repeat(32);

/** A strict stand-in for the extractor: finds one planted number and one planted age. */
function extract(text: string): ExtractionLike {
  const phone = text.indexOf('four oh five');
  const age = /\b(1\d) yo\b/.exec(text);
  return {
    phones: phone >= 0 ? [{ e164: '+14055550123', obfuscated: true, span: { start: phone, end: phone + 12 } }] : [],
    emails: [],
    handles: [],
    urls: [],
    ages: age ? [{ value: Number(age[1]), span: { start: age.index, end: age.index + 2 } }] : [],
  };
}

describe('reading an advert line', () => {
  it('names the field at fault without echoing the value', () => {
    expect(parseAdvertLine('{"id": "a1", "body": "x", "posted_at": "Jane Roe 555"}')).toEqual({
      ok: false,
      field: 'posted_at',
      message: 'not an ISO 8601 date',
    });
    expect(parseAdvertLine('{"id": "a1"}')).toMatchObject({ ok: false, field: 'body' });
    expect(parseAdvertLine('{"body": "x"}')).toMatchObject({ ok: false, field: 'id' });
    expect(parseAdvertLine('{"id": "a1", "body": "x", "pdq": "zz"}')).toMatchObject({ ok: false, field: 'pdq' });
    expect(parseAdvertLine('not json')).toEqual({ ok: false, field: '(line)', message: 'not valid JSON' });
    expect(parseAdvertLine('[1]')).toMatchObject({ ok: false, field: '(line)' });
  });

  it('takes image hashes from pdq and images, and ignores image files for now', () => {
    const parsed = parseAdvertLine(
      JSON.stringify({
        id: 7,
        title: 't',
        pdq: HASH.toUpperCase(),
        images: ['photos/1.jpg', { pdq: 'ab'.repeat(32) }, 'cd'.repeat(32)],
      }),
    );
    expect(parsed.ok && parsed.advert.id).toBe('7');
    expect(parsed.ok && givenImageHashes(parsed.advert)).toEqual([HASH, 'ab'.repeat(32), 'cd'.repeat(32)]);
  });
});

describe('analysing a batch', () => {
  it('gives one outcome per non-blank line, numbered from the batch start, with findings and linking keys', () => {
    const lines = [
      JSON.stringify({
        id: 'a1',
        site: 's',
        posted_at: '2024-01-02T00:00:00Z',
        city: 'Tulsa',
        state: 'OK',
        title: 'New in town',
        body: 'sweet young 16 yo, call four oh five',
        pdq: HASH,
      }),
      '',
      '{"id": "a2"',
    ];
    const { outcomes } = analyzeBatch({ batch: 3, firstLine: 3001, lines }, { extract, matcher });
    expect(outcomes).toHaveLength(2);
    expect(outcomes[1]).toEqual({ ok: false, line: 3003, field: '(line)', message: 'not valid JSON' });
    const first = outcomes[0]!;
    if (!first.ok) throw new Error('expected the first line to be read');
    expect(first.keys).toEqual(['tel:+14055550123', `pdq:${HASH}`]);
    const findings = JSON.parse(first.json) as Record<string, unknown>;
    expect(Object.keys(findings)).toEqual(['id', 'phones', 'emails', 'handles', 'urls', 'ages', 'indicators']);
    expect(findings).toMatchObject({ id: 'a1', phones: ['+14055550123'], ages: [16] });
    expect(findings.indicators).toEqual([
      { code: 'movement-language', category: 'movement', evidence: 'not-predictive', matched: 'New in town' },
      { code: 'youth-language', category: 'youth', evidence: 'predictive', matched: 'young' },
      { code: 'stated-age-under-18', category: 'age', evidence: 'direct', matched: '16' },
      { code: 'obscured-phone', category: 'obscured-contact', evidence: 'predictive', matched: 'four oh five' },
    ]);
  });
});

describe('the fast line check', () => {
  const lines = [
    { id: 'a1', body: 'x' },
    { id: 42, title: 't', extra: { nested: true }, body: null },
    { id: 'a1', url: null, site: 'S', posted_at: '2024-01-02T03:04:05Z', city: 'Tulsa', state: 'OK', title: 't', body: 'b' },
    {
      id: 'a1',
      body: 'x',
      images: ['photos/1.jpg', { pdq: HASH }, { pdq: 'zz', path: 'p.jpg' }, { path: 'q.jpg', other: 1 }, HASH],
      pdq: [HASH, HASH.toUpperCase()],
    },
    { id: 'a1', body: 'x', images: null, pdq: null, posted_at: null },
    { id: '', body: 'x' },
    { id: 1.5, body: 'x' },
    { id: 'a', title: null, body: null },
    { id: 'a', body: 7 },
    { id: 'a', body: 'x', state: 'S'.repeat(51) },
    { id: 'a', body: 'x', images: [{ pdq: 'zz' }] },
    { id: 'a', body: 'x', images: [[]] },
    { id: 'a', body: 'x', pdq: ['zz'] },
    { id: 'a', body: 'x', posted_at: '2024-13-45' },
    { id: 'x'.repeat(201), body: 'x' },
  ];
  it.each(lines.map((l) => [JSON.stringify(l)]))('reads %s exactly as the schema does', (line) => {
    const parsed = advertSchema.safeParse(JSON.parse(line));
    const expected = parsed.success
      ? { ok: true, advert: parsed.data }
      : { ok: false, field: parsed.error.issues[0]!.path.join('.'), message: parsed.error.issues[0]!.message };
    expect(parseAdvertLine(line)).toStrictEqual(expected);
  });
});

describe('packing a batch for the main thread', () => {
  it("keeps each read advert's findings line, keys and place in order, and the errors apart", () => {
    const lines = [
      JSON.stringify({ id: 'a1', city: 'Tulsa', state: 'OK', body: 'call four oh five', pdq: HASH }),
      '{"id": "a2"',
      JSON.stringify({ id: 'a3', site: 's', posted_at: '2024-01-02', title: 'hello' }),
    ];
    const result = analyzeBatch({ batch: 5, firstLine: 11, lines }, { extract, matcher });
    const packed = packResult(result);
    const read = result.outcomes.filter((o) => o.ok);
    expect(packed.batch).toBe(5);
    expect(packed.json.split('\n')).toEqual(read.map((o) => o.json));
    expect(packed.ids).toEqual(['a1', 'a3']);
    expect([...packed.keyEnd]).toEqual([2, 2]);
    expect(packed.keys).toEqual(['tel:+14055550123', `pdq:${HASH}`]);
    expect(packed.city).toEqual(['Tulsa', null]);
    expect(packed.site).toEqual([null, 's']);
    expect(packed.postedAt).toEqual([null, '2024-01-02']);
    expect(packed.errors).toEqual([{ line: 12, field: '(line)', message: 'not valid JSON' }]);
  });
});
