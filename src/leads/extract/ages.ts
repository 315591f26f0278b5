import type { FoundAge } from './types.ts';

/**
 * A stated age needs a cue: "19 yrs", "19yo", "19 y/o", "19 years old", "age 19", "age: 19", "I'm 19".
 * "18+" is a disclaimer, not an age; heights and prices carry other cues and are not matched.
 */
const STATED_AGE = new RegExp(
  [
    String.raw`\b(\d{1,2})\s?(?:yo|y\/o|y\.o\.?|yrs?(?:[\s-]old)?|years?[\s-]old|years?(?![\s-]*(?:ago|of|experience|exp)))(?![a-z])`,
    String.raw`\bage[:\s]\s*(\d{1,2})\b(?!\s*[+$])`,
    String.raw`\b(?:i'?m|i am|i’m)\s(\d{2})\b(?!\s*[+$'"]|\s*(?:roses|hr|min|lbs|ft|inch|%))`,
  ].join('|'),
  'gi',
);

export function findAges(text: string): FoundAge[] {
  const found: FoundAge[] = [];
  STATED_AGE.lastIndex = 0;
  for (let m = STATED_AGE.exec(text); m; m = STATED_AGE.exec(text)) {
    const digits = m[1] ?? m[2] ?? m[3]!;
    const value = Number(digits);
    // The span covers the cue too ("age 19", "19 yrs"), which is what a reader wants highlighted.
    if (value >= 5) found.push({ value, span: { start: m.index, end: m.index + m[0].length } });
  }
  return found;
}
