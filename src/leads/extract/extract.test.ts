import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIdentifiers, type Extraction } from './index.ts';

const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('emails', () => {
  it('finds plain and disguised addresses, lower-cased', () => {
    const text = 'Mail Bella.X@Example.com or kiki at gmail dot com or lu [at] proton [dot] me or zo(at)mail(dot)example(dot)com';
    expect(extractIdentifiers(text).emails.map((e) => [e.value, e.obfuscated])).toEqual([
      ['bella.x@example.com', false],
      ['kiki@gmail.com', true],
      ['lu@proton.me', true],
      ['zo@mail.example.com', true],
    ]);
  });

  it('does not count the domain of an address as a URL', () => {
    expect(extractIdentifiers('write to kiki@gmail.com').urls).toEqual([]);
  });
});

describe('handles', () => {
  it('names the platform when the advert states it', () => {
    const text = 'IG: @Bella_X  snap: bella.405  kik - lu_lu  Telegram @zoe_vip  OF: kiki22  twitter @mia_x  tiktok @rora9';
    expect(extractIdentifiers(text).handles.map((h) => [h.platform, h.value])).toEqual([
      ['instagram', 'bella_x'],
      ['snapchat', 'bella.405'],
      ['kik', 'lu_lu'],
      ['telegram', 'zoe_vip'],
      ['onlyfans', 'kiki22'],
      ['x', 'mia_x'],
      ['tiktok', 'rora9'],
    ]);
  });

  it('keeps a bare @handle without a platform, and reads profile URLs', () => {
    const text = 'find me @Sweet_Lu or instagram.com/lu.official';
    expect(extractIdentifiers(text).handles.map((h) => [h.platform, h.value])).toEqual([
      [null, 'sweet_lu'],
      ['instagram', 'lu.official'],
    ]);
  });

  it('does not take English words after short platform names for handles', () => {
    expect(extractIdentifiers('one of the best, snap me sometime, x marks the spot').handles).toEqual([]);
  });
});

describe('URLs', () => {
  it('normalises scheme and host, keeps the path, drops trailing punctuation', () => {
    const text = 'Verify at HTTPS://Verify.Example.com/check/12. Also www.Example.org/ad and site.example.net!';
    expect(extractIdentifiers(text).urls.map((u) => [u.value, u.host, at(text, u.span)])).toEqual([
      ['https://verify.example.com/check/12', 'verify.example.com', 'HTTPS://Verify.Example.com/check/12'],
      ['http://www.example.org/ad', 'example.org', 'www.Example.org/ad'],
      ['http://site.example.net', 'site.example.net', 'site.example.net'],
    ]);
  });
});

describe('ages', () => {
  it('finds stated ages with their cue', () => {
    const text = "19 yrs, age 22, 21yo, I'm 24, 25 y/o, 26 years old";
    expect(extractIdentifiers(text).ages.map((a) => [a.value, at(text, a.span)])).toEqual([
      [19, '19 yrs'],
      [22, 'age 22'],
      [21, '21yo'],
      [24, "I'm 24"],
      [25, '25 y/o'],
      [26, '26 years old'],
    ]);
  });

  it('does not read heights, prices, disclaimers or durations as ages', () => {
    expect(extractIdentifiers(`5'4" $200 must be 18+ here 3 years ago, 10 years experience`).ages).toEqual([]);
  });
});

describe('places', () => {
  it('reads "City, ST", "City, State", known cities and state names', () => {
    const text = 'In Tulsa, OK this week, then Smallville, KS, Dallas, Texas and Oklahoma City; later Nevada.';
    expect(extractIdentifiers(text).places.map((p) => [p.city, p.state, at(text, p.span)])).toEqual([
      ['Tulsa', 'OK', 'Tulsa, OK'],
      ['Smallville', 'KS', 'Smallville, KS'],
      ['Dallas', 'TX', 'Dallas, Texas'],
      ['Oklahoma City', 'OK', 'Oklahoma City'],
      [null, 'NV', 'Nevada'],
    ]);
  });

  it('does not take an English word before a state code that is also a word for a town', () => {
    expect(extractIdentifiers('Sweet, OK? Call me, OR text').places).toEqual([]);
  });
});

describe('every extractor together', () => {
  it('orders by span and dedupes identical identifiers', () => {
    const text =
      'Call 405-555-0134 or 405.555.0134. IG: bella_x, IG: bella_x. bella at gmail dot com. 19 yrs. Tulsa, OK. Tulsa, OK.';
    const x = extractIdentifiers(text);
    expect(x.phones).toHaveLength(1);
    expect(x.handles).toHaveLength(1);
    expect(x.places).toHaveLength(1);
    expect(x.emails.map((e) => e.value)).toEqual(['bella@gmail.com']);
    expect(x.ages.map((a) => a.value)).toEqual([19]);
  });
});

function spans(x: Extraction) {
  return [...x.phones, ...x.emails, ...x.handles, ...x.urls, ...x.ages, ...x.places].map((i) => i.span);
}

describe('properties', () => {
  const pieces = fc.constantFrom(
    '405',
    '555',
    '0134',
    'oh',
    'for',
    'O',
    'l',
    'S',
    'five',
    'twenty',
    '４',
    '𝟒',
    '4️⃣',
    '☆',
    ' ',
    '-',
    '.',
    '$',
    '\n',
    'call',
    '@',
    'at',
    'dot',
    'com',
    'IG:',
    'Tulsa, OK',
    '19 yrs',
    'wa.me/1',
    'https://',
    'ate',
    '📱 🌹',
    '\uD800',
    '\uDC00',
    '\u20E3',
    '\uFE0F',
  );
  const texts = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')),
  );

  it('never throws, and every span lies within the text and is not empty', () => {
    fc.assert(
      fc.property(texts, (text) => {
        for (const s of spans(extractIdentifiers(text))) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.start).toBeLessThan(s.end);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('every phone is E.164 with its original text at its span, and lists are ordered by span', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const x = extractIdentifiers(text);
        for (const p of x.phones) {
          expect(p.e164).toMatch(/^\+1[2-9]\d{2}[2-9]\d{6}$/);
          expect(at(text, p.span)).toBe(p.text);
        }
        for (const list of [x.phones, x.emails, x.handles, x.urls, x.ages, x.places]) {
          const starts = list.map((i) => i.span.start);
          expect(starts).toEqual([...starts].sort((a, b) => a - b));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds a plain number wherever it is put between words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
        const text = `${before.replace(/[\d\p{L}\p{N}$@]/gu, ' ')} 918-555-0142 ${after.replace(/[\d\p{L}\p{N}$@]/gu, ' ')}`;
        expect(extractIdentifiers(text).phones.map((p) => p.e164)).toEqual(['+19185550142']);
      }),
      { numRuns: 500 },
    );
  });
});

describe('places that are also names', () => {
  it('reads "Savannah" alone as a name and "Savannah, GA" as a place', () => {
    expect(extractIdentifiers("I'm Savannah, new in town").places).toEqual([]);
    expect(extractIdentifiers('Visiting Savannah, GA').places.map((p) => [p.city, p.state])).toEqual([['Savannah', 'GA']]);
  });
});

describe('chat links', () => {
  it('reads the number in a WhatsApp link', () => {
    const text = 'WhatsApp me: https://wa.me/14055550134 or wa.me/9185550101';
    const x = extractIdentifiers(text);
    expect(x.phones.map((p) => [p.e164, at(text, p.span), p.text])).toEqual([
      ['+14055550134', 'https://wa.me/14055550134', 'https://wa.me/14055550134'],
      ['+19185550101', 'wa.me/9185550101', 'wa.me/9185550101'],
    ]);
  });
});

describe('A street name is not a city (Sunset Inn motel on Reno Ave)', () => {
  it('reads "Reno Ave" as a street, not the city of Reno, NV', () => {
    expect(extractIdentifiers('She is at the Sunset Inn motel on Reno Ave tonight.').places).toEqual([]);
    expect(extractIdentifiers('He drives her from 1200 Tulsa Street every night.').places).toEqual([]);
    expect(extractIdentifiers('They moved her to Reno last week.').places.map((p) => [p.city, p.state])).toEqual([
      ['Reno', 'NV'],
    ]);
  });

  it('keeps only places that agree with the state given; a written "City, ST" stays', () => {
    const text = 'Seen in Reno near the Sunset Inn, and later in Tulsa. Her cousin lives in Amarillo, TX.';
    expect(extractIdentifiers(text, { state: 'OK' }).places.map((p) => [p.city, p.state])).toEqual([
      ['Tulsa', 'OK'],
      ['Amarillo', 'TX'],
    ]);
    expect(extractIdentifiers(text).places.map((p) => p.city)).toEqual(['Reno', 'Tulsa', 'Amarillo']);
  });
});
