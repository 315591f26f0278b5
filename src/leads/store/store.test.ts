import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from '../extract/index.ts';
import { compileLexicon, loadLexicon } from '../indicators/index.ts';
import { candidatesOf } from './matching.ts';
import { advertText, cachedTokens, prepareLines, type TokenKind } from './prepare.ts';

const deps = {
  extract: (t: string) => extractIdentifiers(t, { defaultCountry: 'US' as const }),
  matcher: compileLexicon(loadLexicon()),
  tokenOf: (kind: string, value: string) => `${kind}=${value}`,
};

describe('preparing adverts for the database', () => {
  it('keeps identifiers with linking keys and tokens, marks with spans into title + body, and flags with evidence', () => {
    const [out] = prepareLines(
      [
        {
          line: 1,
          text: JSON.stringify({
            id: 7,
            title: 'Hi',
            body: 'Text four oh five 555 zero one three four or @Kali_Rose on IG',
            pdq: 'A'.repeat(64),
          }),
        },
      ],
      deps,
    );
    expect(out?.ok).toBe(true);
    if (!out?.ok) return;
    const a = out.advert;
    expect(a.sourceId).toBe('7');
    expect(a.identifiers).toContainEqual({
      kind: 'phone',
      value: '+14055550134',
      key: 'tel:+14055550134',
      token: 'phone=+14055550134',
    });
    expect(a.identifiers).toContainEqual({ kind: 'pdq', value: 'a'.repeat(64), key: `pdq:${'a'.repeat(64)}`, token: null });
    const phone = a.marks.find((m) => m.kind === 'phone')!;
    expect(advertText(a).slice(phone.start, phone.end)).toMatch(/^four oh five/i);
    expect(a.flags.find((f) => f.code === 'obscured-phone')).toMatchObject({ evidence: 'predictive' });
  });

  it('reports a bad line with its number and field', () => {
    expect(
      prepareLines(
        [
          { line: 4, text: '{"id": "x"}' },
          { line: 5, text: '' },
        ],
        deps,
      ),
    ).toEqual([{ ok: false, line: 4, field: 'body', message: 'an advert needs a title or a body' }]);
  });
});

describe('candidate leads', () => {
  it('pairs every advert holding a shared token with each case or tip holding it', () => {
    const held = [
      { advert_id: 1, kind: 'phone', value: '+14055550134', token: 't1' },
      { advert_id: 2, kind: 'phone', value: '+14055550134', token: 't1' },
      { advert_id: 2, kind: 'email', value: 'a@example.com', token: 't2' },
    ];
    const hits = [
      { targetKind: 'case' as const, targetRef: 'CASE-1', kind: 'phone', token: 't1' },
      { targetKind: 'tip' as const, targetRef: 'BCN-1', kind: 'handle', token: 't2' },
    ];
    expect(candidatesOf(held, hits).map((c) => `${c.advertId}:${c.targetRef}`)).toEqual(['1:CASE-1', '2:CASE-1']);
  });
});

describe('token cache', () => {
  it('answers what the token function answers, computing each identifier once while it fits', () => {
    const kind = fc.constantFrom<TokenKind>('phone', 'email', 'handle');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(kind, fc.string({ maxLength: 4 })), { maxLength: 200 }),
        fc.integer({ min: 1, max: 50 }),
        (asks, size) => {
          const computed: string[] = [];
          const token = cachedTokens((k, v) => {
            computed.push(`${k}:${v}`);
            return `t(${k}|${v})`;
          }, size);
          for (const [k, v] of asks) expect(token(k, v)).toBe(`t(${k}|${v})`);
          const distinct = new Set(asks.map(([k, v]) => `${k}:${v}`)).size;
          if (distinct <= size) expect(computed).toHaveLength(distinct);
          else expect(computed.length).toBeGreaterThan(size);
        },
      ),
    );
  });
});
