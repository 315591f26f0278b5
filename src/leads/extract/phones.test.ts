import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from './index.ts';

const phones = (text: string) => extractIdentifiers(text).phones;
const e164s = (text: string) => phones(text).map((p) => p.e164);

describe('disguised phone numbers from the spec', () => {
  it.each([
    ['405.555.0134', '+14055550134'],
    ['4 0 5 5 5 5 0 1 3 4', '+14055550134'],
    ['405~555~0134', '+14055550134'],
    ['405 ☆ 555 ☆ 0134', '+14055550134'],
    ['four oh five five five five oh one three four', '+14055550134'],
    ['4oh5 fivefive5 oh1 three4', '+14055550134'],
    ['four 0 five 555 01 twentysix', '+14055550126'],
    ['9 1 8 555 01 fourteen', '+19185550114'],
    ['for05 555 01 ate ate', '+14055550188'],
    ['won 405 555 0134', '+14055550134'],
    ['to 1 6 555 0 won to to', '+12165550122'],
    ['4O5-SSS-Ol34', '+14055550134'],
    ['2I4.555.OIE4', '+12145550134'],
    ['B1B 555 0l99', '+18185550199'],
    ['2ONE6-SIX2TWO', null],
    ['2ONE6-555-ZERO1TWO3', '+12165550123'],
    ['４０５－５５５－０１３４', '+14055550134'],
    ['④⓪⑤ ⑤⑤⑤ ⓪①③④', '+14055550134'],
    ['❹⓿❺ ❺❺❺ ⓿❶❸❹', '+14055550134'],
    ['𝟒𝟎𝟓 𝟓𝟓𝟓 𝟎𝟏𝟑𝟒', '+14055550134'],
    ['𝟜𝟘𝟝-𝟝𝟝𝟝-𝟘𝟙𝟛𝟜', '+14055550134'],
    ['4️⃣0️⃣5️⃣ 5️⃣5️⃣5️⃣ 0️⃣1️⃣3️⃣4️⃣', '+14055550134'],
    ['4⃣0⃣5⃣5⃣5⃣5⃣0⃣1⃣3⃣4⃣', '+14055550134'],
    ['+1 405 555 0134', '+14055550134'],
    ['1-405-555-0134', '+14055550134'],
    ['+14055550134', '+14055550134'],
    ['405 call me 555 0134', '+14055550134'],
    ['405 555 text only 01 34', '+14055550134'],
  ])('%s', (text, expected) => {
    expect(e164s(`Hi, ${text} ok`)).toEqual(expected ? [expected] : []);
  });

  it('reads "2ONE6-SIX2TWO" as the digits 216-622 (a partial number is not a phone)', () => {
    expect(e164s('2ONE6-SIX2TWO-0100')).toEqual(['+12166220100']);
  });
});

describe('obfuscation report', () => {
  it('marks plain formats as not obfuscated', () => {
    for (const text of ['(405) 555-0134', '405-555-0134', '405.555.0134', '4055550134', '405 555 0134']) {
      expect(phones(text)[0]).toMatchObject({ obfuscated: false, styles: ['plain'] });
    }
    expect(phones('+1 405 555 0134')[0]).toMatchObject({ obfuscated: false, styles: ['prefix'] });
  });

  it.each([
    ['405~555~0134', 'separators'],
    ['four oh five five five five oh one three four', 'digit_words'],
    ['4 0 5 555 01 thirtyfour', 'tens_teens'],
    ['for05 555 0134', 'homophones'],
    ['4O5-555-0134', 'lookalikes'],
    ['2ONE6-555-ZERO1TWO3', 'mixed_caps'],
    ['４０５-５５５-０１３４', 'unicode_digits'],
    ['4️⃣0️⃣5️⃣5️⃣5️⃣5️⃣0️⃣1️⃣3️⃣4️⃣', 'emoji_keycaps'],
    ['405 call me 555 0134', 'split_by_words'],
  ] as const)('%s is obfuscated with %s', (text, style) => {
    const [p] = phones(text);
    expect(p?.obfuscated).toBe(true);
    expect(p?.styles).toContain(style);
  });
});

describe('spans point into the original text', () => {
  it('for plain and astral-plane digits alike', () => {
    for (const number of ['405-555-0134', '𝟒𝟎𝟓 𝟓𝟓𝟓 𝟎𝟏𝟑𝟒', '4️⃣0️⃣5️⃣5️⃣5️⃣5️⃣0️⃣1️⃣3️⃣4️⃣', '+1 (405) 555-0134', 'four oh five 555 0134']) {
      const text = `💋💋 new in town, call ${number} 🌹 $200/hr`;
      const [p] = phones(text);
      expect(text.slice(p!.span.start, p!.span.end)).toBe(number);
      expect(p!.text).toBe(number);
    }
  });
});

describe('no false numbers', () => {
  it.each([
    ['prices', '$200/hr, 150hh, 300 roses, $1,200 overnight, 80 qv 120 hh 200 h'],
    ['dates', 'Here 12/05/2024 to 12/10/2024, posted 2024-03-14, back Dec 5th 2025'],
    ['times', 'Open 10am to 2am, 24/7, 11:30 pm to 4:45 am'],
    ['ages', '19 yrs, age 22, 21yo, I am 24 years old, 25 y/o'],
    ['heights and weights', `5'4" 120 lbs, 5 ft 6 130 lbs, 5’2” 110 lbs`],
    ['measurements', '34C-24-36 and 36DD-26-38'],
    ['ZIP codes', 'Tulsa, OK 74103 and zip 73102, Dallas, TX 75201-1234'],
    ['long digit runs', 'Ref 123456789012345 and order 98765432101234'],
    ['lone homophones and look-alikes', 'SOS, BOB, for you to see, won one, ate too much, oh OK, I love it'],
    ['prose with number words', 'one of the two best, ten out of ten, for four hours and five minutes'],
  ])('%s', (_, text) => {
    expect(e164s(text)).toEqual([]);
  });

  it('finds the number and nothing else among distractors', () => {
    const text =
      'Sweet 21yo, 5\'4" 120 lbs. $200/hr 150hh. Available 12/05 10am-2am. Tulsa, OK 74103. Call 918 555 0177 now. Ref 123456789012';
    expect(e164s(text)).toEqual(['+19185550177']);
  });

  it('does not read a number out of a user name', () => {
    expect(e164s('IG: bella_vip7 405 555 0134')).toEqual(['+14055550134']);
  });

  it('drops numbers libphonenumber-js calls invalid (area code 0xx or 1xx)', () => {
    expect(e164s('call 045 555 0134 or 145 555 0134')).toEqual([]);
  });

  it('reports each number once, at its first span, and two numbers in order', () => {
    const found = phones('405-555-0134, again 405.555.0134, or 918-555-0100');
    expect(found.map((p) => p.e164)).toEqual(['+14055550134', '+19185550100']);
    expect(found[0]!.span.start).toBe(0);
  });
});
